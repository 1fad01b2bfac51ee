import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.seed.ts';

describe('demo knitting class', () => {
  let t: TestApp;
  before(async () => {
    // The demo as `npm start` seeds it (Program Aksi, then the demo), seeded once per run.
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test("the demo programme's sessions from 21 January to 30 June 2026 are exactly the Wednesdays minus 18 March and 27 May", async () => {
    const p = await t.db
      .selectFrom('programmes')
      .selectAll()
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    assert.equal(p.location, 'Aula Rutan');
    assert.equal(p.capacity, 20);
    assert.ok(p.partner_id && p.agreement_id, 'linked to the partner and its PKS');
    const days = (
      await t.db
        .selectFrom('programme_sessions')
        .select('day')
        .where('programme_id', '=', p.id)
        .where('day', '>=', '2026-01-21')
        .where('day', '<=', '2026-06-30')
        .orderBy('day')
        .execute()
    ).map((s) => s.day);
    const expected: string[] = [];
    for (let d = '2026-01-21'; d <= '2026-06-30'; d = addDays(d, 7))
      if (d !== '2026-03-18' && d !== '2026-05-27') expected.push(d);
    assert.deepEqual(days, expected);
    assert.equal((await seedDemo(t.db, demoSeededAt())).created, 0, 'seeding again adds nothing');
  });

  test("the partner's instructor sees the class in the programme and unit calendars; another unit does not", async () => {
    const c = await t.signedIn('instruktur.arta', DEMO_PASSWORD);
    const list = await c.get('/programmes');
    assert.match(list.body, /Pelatihan Merajut/);
    const id = /href="\/programmes\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    assert.ok(id);
    const cal = await c.get(`/programmes/${id}/calendar?month=2026-03`);
    assert.equal(cal.statusCode, 200);
    assert.match(cal.body, /data-testid="cal-session-2026-03-11"/);
    assert.doesNotMatch(cal.body, /data-testid="cal-session-2026-03-18"/);
    assert.match(cal.body, /data-testid="cal-holiday-2026-03-18"/);
    const unitCal = await c.get('/programmes/calendar?month=2026-03');
    assert.equal(unitCal.statusCode, 200);
    assert.match(unitCal.body, /Pelatihan Merajut<\/a>:/);
    assert.match(unitCal.body, /data-testid="cal-session-2026-03-25"/);
    const other = await t.signedIn('petugas.madiun', DEMO_PASSWORD);
    assert.doesNotMatch((await other.get('/programmes/calendar?month=2026-03')).body, /Pelatihan Merajut/);
  });
});
