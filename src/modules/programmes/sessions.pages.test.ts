import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../../../test/attendance-fixtures.ts';
import { buildMark, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';

/** The cards of one list on a page, in order: day, and the attendance and journal status. */
function cardsOf(body: string, listTestId: string) {
  const list = new RegExp(`<ul[^>]*data-testid="${listTestId}"[^>]*>([\\s\\S]*?)</ul>`).exec(body)?.[1] ?? '';
  return list
    .split('<li class="card session-card"')
    .slice(1)
    .map((li) => ({
      day: /data-testid="[a-z-]*session-(\d{4}-\d\d-\d\d)"/.exec(li)?.[1],
      attendance: /data-testid="status-attendance" data-status="([a-z]+)"/.exec(li)?.[1],
      journal: /data-testid="status-journal" data-status="([a-z]+)"/.exec(li)?.[1],
      cancelled: li.includes('data-testid="session-cancelled"'),
      html: li,
    }));
}

describe('sessions on the programme page and in the calendar', () => {
  let t: TestApp;
  let petugas: Client;
  let instruktur: Client;
  let programmeId: string;
  const sessionIds = new Map<string, string>();

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    const partnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
    programmeId = (
      await buildProgramme(t.db, { unit_id: unitId, partner_id: partnerId, name: 'Pelatihan Merajut' })
    ).id;
    const [anna] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(-60),
    });
    assert.ok(anna);
    for (const n of [-30, -20, -10, -6, -5, -3, -2, 1, 2, 3, 4, 5, 6]) {
      const day = daysFromToday(n);
      sessionIds.set(day, (await buildSession(t.db, { programme_id: programmeId, day })).id);
    }
    const cancelledDay = daysFromToday(-1);
    await buildSession(t.db, {
      programme_id: programmeId,
      day: cancelledDay,
      status: 'cancelled',
      cancel_reason: 'Aula dipakai',
    });
    const marked = sessionIds.get(daysFromToday(-3)) as string;
    await buildMark(t.db, { session_id: marked, enrolment_id: anna.id, status: 'hadir' });
    await t.db
      .insertInto('session_journals')
      .values({
        session_id: marked,
        topic: 'Tusuk dasar',
        materials: null,
        notes: null,
        other_instructors: null,
        created_by: null,
      })
      .execute();
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    const ins = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', ins.id).execute();
    instruktur = await t.signedIn(ins.username);
  });
  after(() => t.close());

  test('the programme page shows the last five held sessions newest first and the next five, each with its status', async () => {
    const page = await petugas.get(`/programmes/${programmeId}`);
    assert.equal(page.statusCode, 200);
    const last = cardsOf(page.body, 'last-sessions');
    assert.deepEqual(
      last.map((c) => c.day),
      [-2, -3, -5, -6, -10].map(daysFromToday),
      'held, not cancelled, newest first',
    );
    assert.deepEqual(
      last.map((c) => [c.attendance, c.journal]),
      [
        ['missing', 'missing'],
        ['done', 'done'],
        ['missing', 'missing'],
        ['missing', 'missing'],
        ['locked', 'missing'],
      ],
    );
    const held = last[1]?.html ?? '';
    assert.match(held, /Presensi sudah dicatat/);
    assert.match(held, /Jurnal sudah diisi/);
    assert.match(last[4]?.html ?? '', /Presensi belum dicatat, sudah terkunci/);
    const next = cardsOf(page.body, 'sessions');
    assert.deepEqual(
      next.map((c) => c.day),
      [1, 2, 3, 4, 5].map(daysFromToday),
    );
    assert.ok(next.every((c) => c.attendance === 'upcoming' && c.journal === 'upcoming'));
    // Presensi and Jurnal are large buttons; cancel and reschedule a small link to the session's page.
    const first = last[0]?.html ?? '';
    assert.match(
      first,
      /<a class="button primary" href="\/sessions\/[0-9a-f-]{36}\/attendance"[^>]*>Presensi</,
    );
    assert.match(first, /<a class="button" href="\/sessions\/[0-9a-f-]{36}\/journal"[^>]*>Jurnal</);
    assert.doesNotMatch(first, /Batalkan atau pindahkan/, 'a held session keeps its record');
    assert.match(
      next[0]?.html ?? '',
      new RegExp(`href="/programmes/${programmeId}/sessions/[0-9a-f-]{36}"[^>]*>Batalkan atau pindahkan<`),
    );
    assert.doesNotMatch(
      page.body,
      /\/sessions\/[0-9a-f-]{36}\/cancel"/,
      'no cancel form under every session',
    );
    assert.match(
      page.body,
      new RegExp(`href="/programmes/${programmeId}/calendar" data-testid="programme-full-calendar"`),
    );
    // The day is written in words.
    assert.match(
      page.body,
      /(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} [A-Z][a-z]+ \d{4}<\/strong> · 09\.00–12\.00 WIB/,
    );
  });

  test('the sessions API gives each session its roll call and journal status', async () => {
    const res = await petugas.json(
      'GET',
      `/api/v1/programmes/${programmeId}/sessions?from=${daysFromToday(-20)}&to=${daysFromToday(1)}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: Array<{ day: string; attendance: string; journal: string }> })
      .items;
    const at = (n: number) => items.find((i) => i.day === daysFromToday(n));
    assert.deepEqual([at(-3)?.attendance, at(-3)?.journal], ['done', 'done']);
    assert.deepEqual([at(-2)?.attendance, at(-2)?.journal], ['missing', 'missing']);
    assert.equal(at(-20)?.attendance, 'locked');
    assert.equal(at(1)?.attendance, 'upcoming');
  });

  test("the partner's instructor sees the statuses and the Presensi and Jurnal buttons, not the cancel link", async () => {
    const page = await instruktur.get(`/programmes/${programmeId}`);
    assert.equal(page.statusCode, 200);
    const last = cardsOf(page.body, 'last-sessions');
    assert.equal(last.length, 5);
    assert.match(last[0]?.html ?? '', /\/attendance"/);
    assert.doesNotMatch(page.body, /Batalkan atau pindahkan/);
    const day = daysFromToday(1);
    const own = await instruktur.get(`/programmes/${programmeId}/sessions/${sessionIds.get(day)}`);
    assert.equal(own.statusCode, 403);
  });

  test('a session is cancelled or moved from its own page; a refused move is shown there with its answers', async () => {
    const day = daysFromToday(6);
    const id = sessionIds.get(day) as string;
    const page = await petugas.get(`/programmes/${programmeId}/sessions/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="session-cancel-form"/);
    assert.match(page.body, new RegExp(`name="day"[^>]*value="${day}"`));
    const bad = await petugas.postForm(`/programmes/${programmeId}/sessions/${id}/reschedule`, {
      day,
      start_time: '12:00',
      end_time: '10:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="session-reschedule-form"/);
    assert.match(bad.body, /data-testid="error-summary"/);
    const ok = await petugas.postForm(`/programmes/${programmeId}/sessions/${id}/cancel`, {
      reason: 'Instruktur berhalangan',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/programmes/${programmeId}`);
    const after = await petugas.get(`/programmes/${programmeId}/sessions/${id}`);
    assert.match(after.body, /data-testid="session-cancelled">Dibatalkan: Instruktur berhalangan/);
    assert.doesNotMatch(after.body, /session-cancel-form/);
    const missing = await petugas.get(
      `/programmes/${programmeId}/sessions/00000000-0000-4000-8000-000000000000`,
    );
    assert.equal(missing.statusCode, 404);
  });

  test('the month calendar shows each session with its status and leaves out the weeks without sessions', async () => {
    const unitId = (await buildUnit(t.db)).id;
    const p = await buildProgramme(t.db, { unit_id: unitId, name: 'Pelatihan Las' });
    await buildSession(t.db, { programme_id: p.id, day: '2026-02-11' });
    await buildSession(t.db, { programme_id: p.id, day: '2026-02-12' });
    const c = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    const cal = await c.get(`/programmes/${p.id}/calendar?month=2026-02`);
    assert.equal(cal.statusCode, 200);
    const weeks = [...cal.body.matchAll(/data-testid="cal-week-([0-9-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(weeks, ['2026-02-09'], 'one week with sessions; the other weeks of February are hidden');
    assert.match(cal.body, /Pekan tanpa sesi tidak ditampilkan/);
    assert.match(cal.body, /data-testid="cal-session-2026-02-11"/);
    assert.match(cal.body, /Rabu, 11 Februari 2026/);
    assert.match(cal.body, /data-testid="status-attendance" data-status="(locked|missing|upcoming)"/);
    const empty = await c.get(`/programmes/${p.id}/calendar?month=2026-05`);
    assert.match(empty.body, /data-testid="month-empty">Tidak ada sesi pada bulan ini/);
    assert.doesNotMatch(empty.body, /data-testid="cal-week-/);
    const unit = await c.get('/programmes/calendar?month=2026-02');
    assert.match(unit.body, /Pelatihan Las<\/a>:/);
    assert.equal([...unit.body.matchAll(/data-testid="cal-week-/g)].length, 1);
  });
});
