import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { systemCtx } from '../../app/principal.ts';
import { balanceOf } from '../ledger/ledger.service.ts';
import { pnbpOfUnit, reconciliation } from '../pnbp/pnbp.service.ts';
import { demoPremiMonths, PREMI_MIN_SESSION } from './demo.premi.ts';

describe('demo premi of the knitting class', () => {
  let t: TestApp;
  let unitId: string;
  const months = demoPremiMonths(demoSeededAt());
  before(async () => {
    t = await startTestApp({}, { demo: true });
    unitId = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'RUTAN-MGT').executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());
  const ctx = () => systemCtx(t.db);

  test('a posted run for every month from February to the last full month, in order', async () => {
    assert.ok(months.length >= 1, 'the demo clock is past the first run');
    const runs = await t.db
      .selectFrom('premi_runs')
      .select(['month', 'status', 'kind', 'premi', 'topup'])
      .where('unit_id', '=', unitId)
      .orderBy('month')
      .execute();
    assert.deepEqual(
      runs.map((r) => [String(r.month).slice(0, 7), r.status, r.kind]),
      months.map((m) => [m.month, 'posted', 'regular']),
    );
    const settings = await t.db
      .selectFrom('units')
      .select(['premi_min_session', 'premi_spendable_pct', 'premi_pct'])
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(settings.premi_min_session), PREMI_MIN_SESSION);
    assert.equal(settings.premi_spendable_pct, 25);
    // Production paid premi, and the trainee minimum lifted someone who made little.
    assert.ok(runs.some((r) => Number(r.premi) > 0));
    assert.ok(runs.some((r) => Number(r.topup) > 0));
  });

  test('every month reconciles to the rupiah, and matches the partner checks and the sales book', async () => {
    for (const { month } of months) {
      const r = await reconciliation(ctx(), unitId, month);
      assert.equal(r.difference, 0, `${month} does not balance`);
      assert.equal(r.offtake.difference, 0, `${month} offtake differs from the checks`);
      assert.equal(r.sales.difference, 0, `${month} sales differ from the sales book`);
    }
  });

  test('each inmate balance is what the runs credited less what was withdrawn and paid out', async () => {
    const credited = await sql<{ inmate_id: string; total: string }>`
      select l.inmate_id, sum(l.total) as total from premi_run_lines l
      join premi_runs r on r.id = l.run_id where r.unit_id = ${unitId} and r.status = 'posted'
      group by l.inmate_id`.execute(t.db);
    assert.ok(credited.rows.length > 5);
    for (const c of credited.rows) {
      const w = await t.db
        .selectFrom('premi_withdrawals')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), sql<string>`0`).as('n'))
        .where('inmate_id', '=', c.inmate_id)
        .executeTakeFirstOrThrow();
      const p = await t.db
        .selectFrom('premi_payouts')
        .select(['saved', 'spendable'])
        .where('inmate_id', '=', c.inmate_id)
        .executeTakeFirst();
      const sent = await t.db
        .selectFrom('premi_transfers')
        .select(['saved', 'spendable'])
        .where('from_inmate_id', '=', c.inmate_id)
        .executeTakeFirst();
      const b = await balanceOf(ctx(), c.inmate_id);
      assert.ok(b.saved >= 0 && b.spendable >= 0);
      const paid =
        (p ? Number(p.saved) + Number(p.spendable) : 0) +
        (sent ? Number(sent.saved) + Number(sent.spendable) : 0);
      assert.equal(b.saved + b.spendable, Number(c.total) - Number(w.n) - paid);
    }
  });

  test('canteen withdrawals, one sent to the family, one payout at release that closed the ledger', async () => {
    const w = await t.db
      .selectFrom('premi_withdrawals')
      .select(['purpose'])
      .where('unit_id', '=', unitId)
      .execute();
    if (months.length >= 2) assert.ok(w.filter((x) => x.purpose === 'canteen').length >= 3);
    if (months.length >= 7) assert.equal(w.filter((x) => x.purpose === 'family').length, 1);
    const payouts = await t.db
      .selectFrom('premi_payouts as p')
      .innerJoin('inmates as i', 'i.id', 'p.inmate_id')
      .select(['p.inmate_id', 'i.status', 'p.paid_on'])
      .where('p.unit_id', '=', unitId)
      .execute();
    assert.ok(payouts.length <= 1);
    for (const p of payouts) {
      assert.equal(p.status, 'released');
      assert.deepEqual(await balanceOf(ctx(), p.inmate_id), { saved: 0, spendable: 0 });
    }
    if (months.length >= 6) assert.equal(payouts.length, 1, 'someone released by June was paid out');
  });

  test('PNBP is deposited for every month but the latest', async () => {
    const pnbp = await pnbpOfUnit(ctx(), unitId);
    const latest = months[months.length - 1]?.month;
    for (const m of pnbp.months) {
      if (!m.month) continue;
      if (m.month === latest) assert.ok(m.outstanding > 0, 'the latest month is still owed');
      else assert.equal(m.outstanding, 0, `${m.month} is still owed`);
    }
  });
});
