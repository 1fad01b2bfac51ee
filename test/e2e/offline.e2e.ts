// The roll call in a hall that loses its signal: the page, opened once, opens again after a reload
// with no signal (the service worker's copy), the mark not sent yet is still on it, and it is sent
// once when the connection returns. Signing out leaves no copy of the page on the phone.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildParticipants, buildProgramme, buildSession, todayWib } from '../attendance-fixtures.ts';
import { buildEnrolment, buildInmate } from '../builders.ts';
import { AttendancePage } from './attendance-pages.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, keptOnPhone, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

/** Whether the service worker has kept a copy of this page (it does so once it controls the page). */
const keptCopy = (page: Page) =>
  page.evaluate(async () => {
    const cache = (await caches.has('simandiri-pages')) ? await caches.open('simandiri-pages') : null;
    return Boolean(await cache?.match(location.href));
  });

describe('the hall pages without a signal', () => {
  test('reloaded offline, the roll call still shows the roster and the unsaved mark, which is sent once after reconnecting', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const programme = await buildProgramme(db, { unit_id: unit.id, name: 'Rajut Tanpa Sinyal' });
    const session = await buildSession(db, { programme_id: programme.id, day: todayWib() });
    const people = [];
    // Two people of one name: the registration number beside it tells them apart.
    for (const [reg, name] of [
      ['B.I 0412/2025', 'Sri Wahyuni'],
      ['B.I 0977/2025', 'Sri Wahyuni'],
      ['B.II 0031/2026', 'Tri Handayani'],
    ] as const) {
      const inmate = await buildInmate(db, { unit_id: unit.id, reg_number: reg, name });
      people.push(await buildEnrolment(db, { programme_id: programme.id, inmate_id: inmate.id, name }));
    }
    const [p1, p2, p3] = people;
    assert.ok(p1 && p2 && p3);
    const path = `/sessions/${session.id}/attendance`;
    // Every request for the page that reaches the server: none while "offline".
    let served = 0;
    const count = (req: IncomingMessage) => {
      if (req.url === path) served++;
    };
    e2e.app.server.on('request', count);

    try {
      const context = await e2e.newContext({ viewport: NARROW_PHONE });
      const page = await context.newPage();
      await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
      const { page: att } = await AttendancePage.open(page, session.id);
      assert.deepEqual(
        await att.row(p1.id).getByTestId('reg-no').innerText(),
        'B.I 0412/2025',
        'the number beside the name',
      );
      assert.equal(await att.row(p2.id).getByTestId('reg-no').innerText(), 'B.I 0977/2025');

      await att.allPresent();
      await att.save();
      await att.syncStatus.filter({ hasText: 'Semua tersimpan' }).waitFor();
      // The worker controls the page and keeps the page as it is now on the server.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForFunction(async () => {
        const cache = await caches.open('simandiri-pages');
        const copy = await cache.match(location.href);
        return Boolean(copy && (await copy.text()).includes('data-saved="hadir"'));
      });

      // No signal: p2 has gone to the clinic. The mark waits on the phone.
      await context.setOffline(true);
      await att.mark(p2.id, 'izin');
      await att.reason(p2.id).fill('Dipanggil ke klinik');
      await att.save();
      await att.syncStatus.filter({ hasText: '1 tanda belum terkirim' }).waitFor();

      // The phone reloads the page in the hall, still with no signal.
      const before = served;
      await page.reload();
      assert.equal(served, before, 'the reload did not reach the server: the kept copy was shown');
      assert.equal(await page.locator('li.att-row').count(), 3, 'the roster is there');
      assert.equal(await att.radio(p1.id, 'hadir').isChecked(), true, 'saved marks from the copy');
      assert.equal(await att.radio(p2.id, 'izin').isChecked(), true, 'the unsent mark wins over the copy');
      assert.equal(await att.reason(p2.id).inputValue(), 'Dipanggil ke klinik');
      const status = page.getByRole('status').filter({ hasText: '1 tanda belum terkirim' });
      assert.match(await status.innerText(), /1 tanda belum terkirim\. Tidak ada sinyal/);
      await fits(page, 'the roll call with registration numbers, offline');
      // A calm line, not a red alarm: the text keeps the page's ordinary colours.
      const colour = await status.evaluate((el) => getComputedStyle(el).color);
      assert.notEqual(colour, 'rgb(164, 22, 26)', 'not in the error red');
      const marks = async () =>
        new Map(
          (
            await db
              .selectFrom('attendance_marks')
              .select(['enrolment_id', 'status'])
              .where('session_id', '=', session.id)
              .execute()
          ).map((m) => [m.enrolment_id, m.status]),
        );
      assert.equal((await marks()).get(p2.id), 'hadir', 'nothing reached the server while offline');

      // The signal returns: the mark is sent by itself, once.
      await context.setOffline(false);
      await att.syncStatus.filter({ hasText: 'Semua tersimpan' }).waitFor({ timeout: 20_000 });
      assert.equal((await marks()).get(p2.id), 'izin');
      const saves = await db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_id', '=', session.id)
        .where('action', '=', 'attendance.save')
        .execute();
      assert.equal(saves.length, 2, 'one save online, one after reconnecting');
      const corrections = await db
        .selectFrom('attendance_corrections as c')
        .innerJoin('attendance_marks as m', 'm.id', 'c.mark_id')
        .select(['c.new_status', 'c.reason'])
        .where('m.session_id', '=', session.id)
        .execute();
      assert.deepEqual(corrections, [{ new_status: 'izin', reason: 'Dipanggil ke klinik' }]);
      assert.equal(
        await keptOnPhone(page, 'attendance', session.id),
        null,
        'nothing left unsent on the phone',
      );

      // Signing out drops the kept page: the next person on this phone cannot open it offline.
      assert.equal(await keptCopy(page), true);
      await att.signOut();
      await page.waitForFunction(async () => !(await caches.has('simandiri-pages')), undefined, {
        timeout: 5_000,
      });
    } finally {
      e2e.app.server.off('request', count);
    }
  });
  test('the production log opens again offline with the count not sent yet; no other page is kept', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const programme = await buildProgramme(db, { unit_id: unit.id, name: 'Rajut Sore Tanpa Sinyal' });
    const kind = await db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'aksesoris')
      .executeTakeFirstOrThrow();
    const product = await db
      .insertInto('products')
      .values({
        unit_id: unit.id,
        programme_id: programme.id,
        kind_id: kind.id,
        name: 'Gantungan',
        route: 'own',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await buildSession(db, { programme_id: programme.id, day: todayWib() });
    const [p1, p2] = await buildParticipants(db, {
      programme_id: programme.id,
      n: 2,
      started_on: '2026-01-05',
    });
    assert.ok(p1 && p2);
    const field = (id: string) => page.locator(`input[name="finished.${id}.${product.id}"]`);
    const finished = async () =>
      (
        await db
          .selectFrom('production_entries')
          .select(['enrolment_id', 'finished'])
          .where('session_id', '=', session.id)
          .execute()
      ).map((e) => [e.enrolment_id, e.finished]);

    const context = await e2e.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    const logUrl = `/sessions/${session.id}/production`;
    await navigation(page, () => page.goto(logUrl));
    // The first visit is kept once the worker is ready; later visits go through it.
    await page.waitForFunction(async () =>
      Boolean(await (await caches.open('simandiri-pages')).match(location.href)),
    );
    // Other pages, with inmate data or not, are never kept.
    await navigation(page, () => page.goto(`/programmes/${programme.id}`));
    await navigation(page, () => page.goto('/dashboard'));
    await navigation(page, () => page.goto(logUrl));
    const kept = await page.evaluate(async () =>
      (await (await caches.open('simandiri-pages')).keys()).map((r) => new URL(r.url).pathname),
    );
    assert.deepEqual(kept, [logUrl]);

    await context.setOffline(true);
    await field(p1.id).fill('5');
    await page.getByTestId('prod-save').click();
    const sync = page.getByTestId('sync-status');
    await sync.filter({ hasText: '1 peserta belum terkirim' }).waitFor();
    await page.reload();
    assert.equal(await page.getByTestId('prod-row').count(), 2, 'the rows are there');
    assert.equal(await field(p1.id).inputValue(), '5', 'the count not sent yet is put back');
    assert.match(await sync.innerText(), /1 peserta belum terkirim\. Tidak ada sinyal/);
    assert.deepEqual(await finished(), [], 'nothing reached the server while offline');

    await context.setOffline(false);
    await sync.filter({ hasText: 'Semua tersimpan' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await finished(), [[p1.id, 5]]);
  });
});
