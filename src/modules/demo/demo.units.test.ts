// The other demo units have a year a Kanwil can compare (demo.units.ts), and the monthly reports
// stand as the story says (demo.reports.ts): Magetan's February to October acknowledged (May
// returned once, acknowledged revised), November drafted for the Kepala's signature; Madiun's October
// and November submitted, Ngawi's October late, Kerobokan's submitted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { systemCtx } from '../../app/principal.ts';
import { reportStatuses } from '../reports/reports.service.ts';
import { unitMonths } from '../rollups/rollups.service.ts';
import { DEMO_UNIT_STORIES } from './demo.units.ts';

describe('demo: the other units and the monthly reports', () => {
  let t: TestApp;
  let units: Map<string, string>;
  before(async () => {
    t = await startTestApp({}, { demo: true });
    units = new Map(
      (await t.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]),
    );
  });
  after(() => t.close());

  const unitId = (code: string) => units.get(code) ?? '';

  test('each unit has its partner, an active PKS and its classes with held, marked sessions', async () => {
    for (const s of DEMO_UNIT_STORIES) {
      const pks = await t.db
        .selectFrom('agreements as a')
        .innerJoin('partners as p', 'p.id', 'a.partner_id')
        .select(['a.status', 'p.legal_name'])
        .where('a.unit_id', '=', unitId(s.code))
        .execute();
      assert.deepEqual(
        pks.map((a) => [a.legal_name, a.status]),
        [[s.partner.legal_name, 'active']],
        s.code,
      );
      for (const cls of s.classes) {
        const marks = await t.db
          .selectFrom('attendance_marks as m')
          .innerJoin('programme_sessions as x', 'x.id', 'm.session_id')
          .innerJoin('programmes as p', 'p.id', 'x.programme_id')
          .select(['x.day', 'm.status'])
          .where('p.unit_id', '=', unitId(s.code))
          .where('p.name', '=', cls.name)
          .execute();
        assert.ok(marks.length > 100, `${cls.name}: ${marks.length} marks`);
        assert.ok(
          marks.every((m) => m.day >= cls.starts_on && m.day <= '2026-12-31'),
          cls.name,
        );
        assert.ok(
          marks.some((m) => m.status === 'alpa' || m.status === 'sakit'),
          `${cls.name} has some absences`,
        );
        for (const c of cls.cancelled ?? []) {
          const x = await t.db
            .selectFrom('programme_sessions as x')
            .innerJoin('programmes as p', 'p.id', 'x.programme_id')
            .select(['x.status'])
            .where('p.unit_id', '=', unitId(s.code))
            .where('x.day', '=', c.day)
            .executeTakeFirstOrThrow();
          assert.equal(x.status, 'cancelled', `${cls.name} ${c.day}`);
        }
      }
    }
  });

  test("Kerobokan's class meets at 09:00 WITA", async () => {
    const x = await t.db
      .selectFrom('programme_sessions as x')
      .innerJoin('programmes as p', 'p.id', 'x.programme_id')
      .select(['x.starts_at'])
      .where('p.unit_id', '=', unitId('LAPAS-KRB'))
      .executeTakeFirstOrThrow();
    assert.equal(x.starts_at.getUTCHours(), 1, '09:00 +08:00');
  });

  test('the units compare: different sizes, attendance, pass rates and premi', async () => {
    const rows = await unitMonths(systemCtx(t.db), {
      from: '2026-02',
      to: '2026-11',
      unitIds: ['RUTAN-MGT', 'LAPAS-MDN', 'LAPAS-NGW', 'LAPAS-KRB'].map(unitId),
    });
    const of = (code: string) => rows.filter((r) => r.unitId === unitId(code));
    assert.ok(of('LAPAS-MDN').length >= 10, 'Madiun from February');
    assert.ok(of('LAPAS-KRB').length >= 10, 'Kerobokan from February');
    assert.ok(of('LAPAS-NGW').length >= 8, 'Ngawi from April');
    const sum = (code: string, f: (r: (typeof rows)[number]) => number) =>
      of(code).reduce((a, r) => a + f(r), 0);
    const rate = (code: string) =>
      sum(code, (r) => r.marks.hadir + r.marks.terlambat) /
      Math.max(
        1,
        sum(code, (r) => Object.values(r.marks).reduce((a, b) => a + b, 0)),
      );
    assert.ok(rate('LAPAS-MDN') > rate('LAPAS-KRB'), 'Madiun attends more steadily than Kerobokan');
    assert.ok(rate('LAPAS-KRB') > rate('LAPAS-NGW'), 'Kerobokan more than Ngawi');
    const pass = (code: string) =>
      sum(code, (r) => r.itemsPassed) /
      Math.max(
        1,
        sum(code, (r) => r.itemsChecked),
      );
    assert.ok(pass('LAPAS-MDN') > pass('LAPAS-NGW'), 'batik passes the check more often than sewing');
    assert.ok(sum('LAPAS-MDN', (r) => r.salesValue) > 0, 'Madiun sells its woodwork');
    assert.ok(sum('LAPAS-KRB', (r) => r.premi) > 0, "Kerobokan's premi");
    const runs = await t.db
      .selectFrom('premi_runs')
      .select(['unit_id', 'month', 'status'])
      .where('status', '=', 'posted')
      .execute();
    for (const code of ['LAPAS-MDN', 'LAPAS-KRB'])
      assert.ok(runs.filter((r) => r.unit_id === unitId(code)).length >= 9, `${code} posted its premi runs`);
    assert.equal(runs.filter((r) => r.unit_id === unitId('LAPAS-NGW')).length, 0, 'Ngawi has no premi yet');
  });

  test("Magetan's reports: February to October acknowledged, May returned once, November drafted", async () => {
    const rows = await t.db
      .selectFrom('monthly_reports as r')
      .innerJoin('users as d', 'd.id', 'r.drafted_by')
      .leftJoin('users as s', 's.id', 'r.signed_by')
      .leftJoin('users as k', 'k.id', 'r.reviewed_by')
      .select([
        'r.month',
        'r.version',
        'r.status',
        'r.narrative',
        'r.review_note',
        'r.revision_reason',
        'r.submitted_at',
        'r.reviewed_at',
        'd.username as drafter',
        's.username as signer',
        'k.username as reviewer',
      ])
      .where('r.unit_id', '=', unitId('RUTAN-MGT'))
      .orderBy('r.month')
      .orderBy('r.version')
      .execute();
    const month = (r: (typeof rows)[number]) => String(r.month).slice(0, 7);
    const key = (r: (typeof rows)[number]) => `${month(r)} v${r.version} ${r.status}`;
    assert.deepEqual(rows.map(key), [
      '2026-02 v1 acknowledged',
      '2026-03 v1 acknowledged',
      '2026-04 v1 acknowledged',
      '2026-05 v1 returned',
      '2026-05 v2 acknowledged',
      '2026-06 v1 acknowledged',
      '2026-07 v1 acknowledged',
      '2026-08 v1 acknowledged',
      '2026-09 v1 acknowledged',
      '2026-10 v1 acknowledged',
      '2026-11 v1 draft',
    ]);
    for (const r of rows.filter((x) => x.status !== 'draft')) {
      assert.equal(r.signer, 'ari.rahmanto', key(r));
      assert.equal(r.reviewer, 'kanwil.jatim', key(r));
      // Submitted in the first days of the next month, read a few days later.
      const submitted = r.submitted_at?.toISOString().slice(0, 10) ?? '';
      assert.ok(submitted > `${month(r)}-31` && submitted.slice(8) <= '15', `${key(r)} ${submitted}`);
      assert.ok(r.reviewed_at && r.submitted_at && r.reviewed_at > r.submitted_at, key(r));
      assert.ok(![0, 6].includes(r.submitted_at?.getUTCDay() ?? 0), `${key(r)} on a working day`);
    }
    const returned = rows.find((r) => r.status === 'returned');
    assert.match(returned?.review_note ?? '', /Mohon dilengkapi/);
    assert.match(rows.find((r) => r.version === 2)?.revision_reason ?? '', /catatan Kanwil/);
    const november = rows.at(-1);
    assert.equal(november?.drafter, 'petugas.magetan');
    assert.equal(november?.signer, null, 'waiting for the Kepala');
    assert.match(november?.narrative ?? '', /kelas merajut/i);
  });

  test('the other units: Madiun October and November submitted, Ngawi October late, Kerobokan submitted', async () => {
    const ctx = systemCtx(t.db, new Date('2026-12-02T03:00:00Z'));
    const ids = ['LAPAS-MDN', 'LAPAS-NGW', 'LAPAS-KRB'].map(unitId);
    const october = await reportStatuses(ctx, { month: '2026-10', unitIds: ids });
    const november = await reportStatuses(ctx, { month: '2026-11', unitIds: ids });
    const status = (m: typeof october, code: string) => m.get(unitId(code));
    assert.equal(status(october, 'LAPAS-MDN')?.status, 'submitted');
    assert.equal(status(october, 'LAPAS-MDN')?.late, false);
    assert.equal(status(november, 'LAPAS-MDN')?.status, 'submitted');
    assert.equal(status(october, 'LAPAS-NGW')?.status, 'submitted');
    assert.equal(status(october, 'LAPAS-NGW')?.late, true, 'submitted after the 5th');
    assert.equal(status(november, 'LAPAS-NGW')?.status, 'none');
    assert.equal(status(october, 'LAPAS-KRB')?.status, 'submitted');
    assert.equal(status(november, 'LAPAS-KRB')?.status, 'submitted');
  });
});
