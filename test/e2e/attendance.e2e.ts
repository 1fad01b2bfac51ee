// The roll call in the hall on a 360px phone: "mark all present", the exceptions by tap and by
// keyboard, one save; then a correction made with no signal, kept on the phone and sent when the
// connection returns, applied once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildParticipants, buildProgramme, buildSession, todayWib } from '../attendance-fixtures.ts';
import { AttendancePage } from './attendance-pages.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { keptOnPhone, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('attendance in the browser', () => {
  test('a session’s attendance is recorded on a phone, including a mark made offline and sent after reconnecting', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const programme = await buildProgramme(db, { unit_id: unit.id, name: 'Pelatihan Sablon' });
    const session = await buildSession(db, { programme_id: programme.id, day: todayWib() });
    const people = await buildParticipants(db, {
      programme_id: programme.id,
      n: 5,
      started_on: '2026-01-05',
      prefix: 'Warga',
    });
    const [p1, p2, p3, p4, p5] = people;
    assert.ok(p1 && p2 && p3 && p4 && p5);

    const context = await e2e.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    const { page: att, response } = await AttendancePage.open(page, session.id);
    assert.equal(response.status(), 200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= NARROW_PHONE.width, `no sideways scrolling at 360px (${width})`);

    await att.allPresent();
    for (const p of people) assert.equal(await att.radio(p.id, 'hadir').isChecked(), true);
    await att.mark(p2.id, 'sakit');
    await att.note(p2.id).fill('Demam, istirahat di kamar');
    await att.mark(p3.id, 'dispensasi');
    await att.note(p3.id).fill('Sidang di PN Magetan');
    // The keyboard moves along a participant's buttons like any radio group.
    await att.radio(p5.id, 'hadir').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await att.radio(p5.id, 'terlambat').isChecked(), true);
    assert.equal(await att.syncStatus.innerText(), '5 tanda belum terkirim');

    await att.save();
    await att.syncStatus.filter({ hasText: 'Semua tersimpan' }).waitFor();
    const saved = async () =>
      new Map(
        (
          await db
            .selectFrom('attendance_marks')
            .select(['enrolment_id', 'status', 'note'])
            .where('session_id', '=', session.id)
            .execute()
        ).map((m) => [m.enrolment_id, m]),
      );
    let marks = await saved();
    assert.equal(marks.size, 5);
    assert.equal(marks.get(p1.id)?.status, 'hadir');
    assert.equal(marks.get(p2.id)?.status, 'sakit');
    assert.equal(marks.get(p2.id)?.note, 'Demam, istirahat di kamar');
    assert.equal(marks.get(p3.id)?.status, 'dispensasi');
    assert.equal(marks.get(p5.id)?.status, 'terlambat');

    // No signal: p4 turns out to have left for the clinic; the correction waits on the phone.
    await context.setOffline(true);
    await att.mark(p4.id, 'izin');
    await att.reason(p4.id).fill('Dipanggil ke klinik sebelum sesi');
    await att.save();
    await att.syncStatus.filter({ hasText: '1 tanda belum terkirim' }).waitFor();
    const kept = await keptOnPhone(page, 'attendance', session.id);
    assert.match(kept ?? '', new RegExp(p4.id));
    assert.equal((await saved()).get(p4.id)?.status, 'hadir', 'nothing reached the server while offline');

    await context.setOffline(false);
    await att.syncStatus.filter({ hasText: 'Semua tersimpan' }).waitFor({ timeout: 20_000 });
    marks = await saved();
    assert.equal(marks.get(p4.id)?.status, 'izin');
    const corrections = await db
      .selectFrom('attendance_corrections as c')
      .innerJoin('attendance_marks as m', 'm.id', 'c.mark_id')
      .select(['c.previous_status', 'c.new_status', 'c.reason'])
      .where('m.session_id', '=', session.id)
      .execute();
    assert.deepEqual(corrections, [
      { previous_status: 'hadir', new_status: 'izin', reason: 'Dipanggil ke klinik sebelum sesi' },
    ]);
    assert.equal(await keptOnPhone(page, 'attendance', session.id), null, 'nothing left unsent on the phone');
    const audits = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', session.id)
      .where('action', '=', 'attendance.save')
      .execute();
    assert.equal(audits.length, 2, 'one record per save');

    // The page, loaded again, shows the saved marks and the history of the correction.
    const again = await AttendancePage.open(page, session.id);
    assert.equal(await again.page.radio(p4.id, 'izin').isChecked(), true);
    assert.match(
      await again.page.counts.innerText(),
      /Hadir 1 · Terlambat 1 · Izin 1 · Sakit 1 · Alpa 0 · Dispensasi 1/,
    );
    assert.match(await again.page.history.innerText(), /Hadir → Izin .*Dipanggil ke klinik sebelum sesi/);
  });
});
