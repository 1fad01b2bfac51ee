import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseLines } from '../ledger/ledger.rules.ts';
import { computeRun, type GroupSplit, type OfftakeRow, type RunInput } from './premi.compute.ts';
import { runJournal } from './premi.journal.ts';

const unit = (premi: number, pnbp: number, capital: number): GroupSplit => ({
  agreementId: null,
  split: { premi, pnbp, capital },
  fromAgreement: false,
});
const agreement = (id: string, premi: number, pnbp: number, capital: number): GroupSplit => ({
  agreementId: id,
  split: { premi, pnbp, capital },
  fromAgreement: true,
});

const base: RunInput = {
  minSession: 0,
  spendablePct: 25,
  offtake: [],
  sales: [],
  made: [],
  attendance: [],
  poolBalance: 0,
  payments: 0,
  purchases: 0,
};

const off = (
  g: GroupSplit,
  reg: string | null,
  productId: string,
  rate: number,
  passed: number,
): OfftakeRow => ({
  ...g,
  inmateId: reg ? `id-${reg}` : null,
  regNumber: reg,
  productId,
  rate,
  passed,
});

/** The journal balances and says revenue = premi + PNBP + capital + material cost (brief's reconciliation). */
function assertBooks(input: RunInput) {
  const run = computeRun(input);
  const lines = normaliseLines(runJournal(run));
  const sum = (account: string, purposes: string[]) =>
    lines
      .filter((l) => l.account === account && purposes.includes(l.purpose))
      .reduce((s, l) => s + l.amount, 0);
  const revenue = -sum('revenue', ['offtake', 'sales']);
  const premiShare = -sum('premi', ['share']) - sum('premi_pool', ['pool']) - sum('premi', ['pool']);
  assert.equal(revenue, premiShare - sum('pnbp', ['share']) - sum('capital', ['share', 'material_cost']));
  for (const g of run.groups) assert.equal(g.revenue, g.premi + g.pnbp + g.capital + g.materialCost);
  for (const l of run.lines) {
    assert.equal(l.total, l.offtakePremi + l.salesPremi + l.topup);
    assert.equal(l.total, l.saved + l.spendable);
  }
  return run;
}

describe('the premi run rules', () => {
  test('offtake of 120.000 split 50/15/35 by the unit, premi by the value of each maker’s passed items', () => {
    const u = unit(50, 15, 35);
    const run = assertBooks({
      ...base,
      offtake: [
        off(u, 'B.I 1', 'keyring', 5000, 8),
        off(u, 'B.I 2', 'keyring', 5000, 4),
        off(u, 'B.I 2', 'wallet', 15000, 2),
      ],
    });
    const [g] = run.groups;
    assert.deepEqual([g?.revenue, g?.premi, g?.pnbp, g?.capital], [90_000, 45_000, 13_500, 31_500]);
    assert.equal(g?.fromAgreement, false);
    assert.deepEqual(
      run.lines.map((l) => [l.regNumber, l.itemsPassed, l.offtakeValue, l.offtakePremi]),
      [
        ['B.I 1', 8, 40_000, 20_000],
        ['B.I 2', 6, 50_000, 25_000],
      ],
    );
  });

  test('a unit that splits 35/50/15 gives 35% to premi and 50% to PNBP', () => {
    const run = assertBooks({ ...base, offtake: [off(unit(35, 50, 15), 'B.I 1', 'keyring', 10_000, 10)] });
    const [g] = run.groups;
    assert.deepEqual([g?.premi, g?.pnbp, g?.capital], [35_000, 50_000, 15_000]);
  });

  test("an agreement's split overrides the unit's, and a rate changed mid-month keeps both rates in the breakdown", () => {
    const run = assertBooks({
      ...base,
      offtake: [
        off(unit(50, 15, 35), 'B.I 1', 'keyring', 5000, 8),
        off(agreement('pks', 40, 20, 40), 'B.I 1', 'keyring', 6000, 5),
      ],
    });
    assert.equal(run.groups.length, 2);
    const a = run.groups.find((g) => g.fromAgreement);
    assert.deepEqual([a?.revenue, a?.premi, a?.pnbp, a?.capital], [30_000, 12_000, 6_000, 12_000]);
    assert.equal(run.lines[0]?.offtakePremi, 20_000 + 12_000);
    const rates = run.groups.flatMap((g) => g.items.map((i) => [i.rate, i.qty, i.premi]));
    assert.deepEqual(rates.sort(), [
      [5000, 8, 20_000],
      [6000, 5, 12_000],
    ]);
  });

  test('Rp 1.000.001 of premi among 7 makers sums exactly, ties to the smaller registration number', () => {
    const u = unit(100, 0, 0);
    const offtake = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      off(u, `B.I ${n}`, 'p', 1, n === 7 ? 1_000_001 - 6 * 142_857 : 142_857),
    );
    const run = assertBooks({ ...base, offtake });
    assert.equal(
      run.lines.reduce((s, l) => s + l.offtakePremi, 0),
      1_000_001,
    );
    const even = assertBooks({
      ...base,
      offtake: [1, 2, 3, 4, 5, 6, 7].map((n) => off(u, `B.I ${n}`, 'p', 1, 1)),
    });
    assert.equal(
      even.lines.reduce((s, l) => s + l.offtakePremi, 0),
      7,
    );
  });

  test('staff makers earn no premi; a group with no inmate maker goes to the pool', () => {
    const u = unit(50, 15, 35);
    const mixed = assertBooks({
      ...base,
      offtake: [off(u, 'B.I 1', 'k', 1000, 1), off(u, null, 'k', 1000, 9)],
    });
    assert.equal(mixed.lines.length, 1);
    assert.equal(mixed.lines[0]?.offtakePremi, 5_000, 'the inmate maker gets the whole premi part');
    const staffOnly = assertBooks({ ...base, offtake: [off(u, null, 'k', 1000, 10)] });
    assert.equal(staffOnly.lines.length, 0);
    assert.equal(staffOnly.totals.pooled, 5_000);
  });

  test('own sales: revenue less unit-bought materials, premi to makers by value; the pool goes to this month’s makers', () => {
    const u = unit(50, 15, 35);
    const run = assertBooks({
      ...base,
      poolBalance: 1_001,
      sales: [{ ...u, productId: 'bag', revenue: 150_000, materialCost: 50_000 }],
      made: [
        { inmateId: 'a', regNumber: 'B.I 1', productId: 'bag', qty: 2, price: 50_000 },
        { inmateId: 'b', regNumber: 'B.I 2', productId: 'bag', qty: 1, price: 50_000 },
        { inmateId: 'c', regNumber: 'B.I 3', productId: 'other', qty: 5, price: 50_000 },
      ],
    });
    const [g] = run.groups;
    assert.deepEqual([g?.materialCost, g?.premi, g?.pnbp, g?.capital], [50_000, 50_000, 15_000, 35_000]);
    assert.equal(run.totals.fromPool, 1_001);
    assert.deepEqual(
      run.lines.map((l) => [l.regNumber, l.itemsOwn, l.salesPremi, l.fromPool]),
      [
        // 50.000 x 2/3 and 1/3, and the pool's 1.001 alike: each leftover rupiah to the larger remainder
        ['B.I 1', 2, 33_333 + 667, 667],
        ['B.I 2', 1, 16_667 + 334, 334],
      ],
    );
  });

  test('a negative sales group (cancellations above sales) goes to the pool, never to makers', () => {
    const u = unit(50, 15, 35);
    const run = assertBooks({
      ...base,
      poolBalance: 10_000,
      sales: [{ ...u, productId: 'bag', revenue: -40_000, materialCost: 5_000 }],
      made: [{ inmateId: 'a', regNumber: 'B.I 1', productId: 'bag', qty: 2, price: 50_000 }],
    });
    assert.equal(run.lines.length, 0);
    assert.equal(run.totals.pooled, -20_000);
    assert.equal(run.totals.fromPool, 0, 'no makers this month: the pool waits');
    assert.equal(run.groups[0]?.materialCost, 0);
  });

  test('the trainee minimum tops up a trainee who earned less, and not one who earned more', () => {
    const u = unit(50, 15, 35);
    const run = assertBooks({
      ...base,
      minSession: 15_000,
      offtake: [off(u, 'B.I 2', 'k', 50_000, 1)],
      attendance: [
        { inmateId: 'id-B.I 1', regNumber: 'B.I 1', sessions: 2 },
        { inmateId: 'id-B.I 2', regNumber: 'B.I 2', sessions: 1 },
      ],
    });
    const [dewi, budi] = run.lines;
    assert.deepEqual([dewi?.sessions, dewi?.minimum, dewi?.topup, dewi?.total], [2, 30_000, 30_000, 30_000]);
    assert.deepEqual([dewi?.saved, dewi?.spendable], [22_500, 7_500]);
    assert.deepEqual([budi?.minimum, budi?.topup, budi?.total], [15_000, 0, 25_000]);
    assert.equal(run.totals.topup, 30_000);
  });
});
