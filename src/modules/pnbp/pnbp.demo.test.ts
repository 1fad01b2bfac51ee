// The demo's premi books as the issue tells them: every month with a posted run reconciles to the
// rupiah and matches its source records, PNBP is deposited for every month but the latest, and the
// regional office reads the totals without a name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { systemCtx } from '../../app/principal.ts';
import { pnbpOfUnit, premiTotals, reconciliation } from './pnbp.service.ts';

describe('the demo premi books', () => {
  let t: TestApp;
  let unitId: string;
  let months: string[];

  before(async () => {
    t = await startTestApp({}, { demo: true });
    unitId = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'RUTAN-MGT').executeTakeFirstOrThrow()
    ).id;
    months = (
      await t.db
        .selectFrom('premi_runs')
        .select('month')
        .where('unit_id', '=', unitId)
        .where('kind', '=', 'regular')
        .where('status', '=', 'posted')
        .orderBy('month')
        .execute()
    ).map((r) => r.month.slice(0, 7));
  });
  after(() => t.close());

  test('every month with a posted run reconciles to the rupiah and matches the partner checks and the sales book', async () => {
    assert.ok(months.length >= 2, `posted runs: ${months.join(', ')}`);
    const ctx = systemCtx(t.db);
    for (const month of months) {
      const r = await reconciliation(ctx, unitId, month);
      assert.ok(r.revenue > 0, `${month}: revenue`);
      assert.equal(r.difference, 0, `${month}: revenue ${r.revenue} against ${r.distributed}`);
      assert.deepEqual(r.offtake.difference, 0, `${month}: offtake ${JSON.stringify(r.offtake)}`);
      assert.deepEqual(r.sales.difference, 0, `${month}: sales ${JSON.stringify(r.sales)}`);
    }
  });

  test('PNBP is deposited for every month but the latest', async () => {
    const d = await pnbpOfUnit(systemCtx(t.db), unitId);
    const latest = months[months.length - 1];
    const open = d.months.filter((m) => m.outstanding !== 0).map((m) => m.month);
    assert.deepEqual(open, [latest]);
    assert.equal(d.balance.owed, d.months.find((m) => m.month === latest)?.owed);
    assert.ok(d.deposits.every((x) => /^[0-9]{15}$/.test(x.billing_code) && /^[0-9A-Z]{16}$/.test(x.ntpn)));
  });

  test("the offices' totals per unit sum the month without naming anyone", async () => {
    const month = months[months.length - 1] ?? '';
    const d = await premiTotals(systemCtx(t.db), { month });
    const mgt = d.units.find((u) => u.unit_id === unitId);
    assert.ok(mgt && mgt.premi > 0 && mgt.inmates > 0 && mgt.runs === 1);
    // At the month's end its own PNBP is still owed (and the month before's, when deposited later).
    assert.ok(mgt.pnbp_outstanding >= mgt.pnbp_month && mgt.pnbp_month > 0);
    assert.deepEqual(Object.keys(mgt).sort(), [
      'capital',
      'deposited_month',
      'inmates',
      'pnbp_month',
      'pnbp_outstanding',
      'premi',
      'runs',
      'unit_id',
      'unit_name',
    ]);
  });
});
