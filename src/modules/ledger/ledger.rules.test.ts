import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  allocate,
  normaliseLines,
  pockets,
  reversed,
  splitRevenue,
  splitTotals100,
  traineeMinimum,
  validBillingCode,
  validNtpn,
} from './ledger.rules.ts';

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('ledger rules', () => {
  test('splits 50/15/35 and 35/50/15 of one million', () => {
    assert.deepEqual(splitRevenue(1_000_000, 0, { premi: 50, pnbp: 15, capital: 35 }), {
      revenue: 1_000_000,
      materialCost: 0,
      premi: 500_000,
      pnbp: 150_000,
      capital: 350_000,
    });
    assert.deepEqual(splitRevenue(1_000_000, 0, { premi: 35, pnbp: 50, capital: 15 }), {
      revenue: 1_000_000,
      materialCost: 0,
      premi: 350_000,
      pnbp: 500_000,
      capital: 150_000,
    });
  });

  test('material cost is repaid first, never above the revenue', () => {
    const s = splitRevenue(100_000, 40_000, { premi: 50, pnbp: 15, capital: 35 });
    assert.deepEqual(s, {
      revenue: 100_000,
      materialCost: 40_000,
      premi: 30_000,
      pnbp: 9_000,
      capital: 21_000,
    });
    const loss = splitRevenue(10_000, 25_000, { premi: 50, pnbp: 15, capital: 35 });
    assert.deepEqual(loss, { revenue: 10_000, materialCost: 10_000, premi: 0, pnbp: 0, capital: 0 });
  });

  test('Rp 1.000.001 split and allocated among 7 makers sums exactly', () => {
    const s = splitRevenue(1_000_001, 0, { premi: 50, pnbp: 15, capital: 35 });
    assert.equal(s.premi + s.pnbp + s.capital, 1_000_001);
    // 50% of 1,000,001 = 500,000.5; 35% = 350,000.35; 15% = 150,000.15: the odd rupiah goes to premi.
    assert.deepEqual([s.premi, s.pnbp, s.capital], [500_001, 150_000, 350_000]);
    const makers = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07'].map((key) => ({ key, weight: 1 }));
    const parts = allocate(s.premi, makers);
    assert.equal(sum(parts), 500_001);
    // 500,001 / 7 = 71,428.71...: five makers get 71,429 and two 71,428, the earliest keys first.
    assert.deepEqual([...parts.values()], [71_429, 71_429, 71_429, 71_429, 71_429, 71_428, 71_428]);
  });

  test('ties go to the larger weight, then to the smaller key, whatever the input order', () => {
    const a = allocate(10, [
      { key: 'B', weight: 1 },
      { key: 'A', weight: 1 },
      { key: 'C', weight: 1 },
    ]);
    assert.deepEqual(Object.fromEntries(a), { A: 4, B: 3, C: 3 });
    const b = allocate(2, [
      { key: 'A', weight: 1 },
      { key: 'Z', weight: 2 },
      { key: 'M', weight: 2 },
      { key: 'Q', weight: 1 },
    ]);
    // Each share is 1/3 or 2/3: the remainders tie in pairs, so the heavier keys win, M before Z.
    assert.deepEqual(Object.fromEntries(b), { A: 0, Z: 1, M: 1, Q: 0 });
  });

  test('a negative total (a reversal) is the mirror of the positive one', () => {
    const w = [
      { key: 'x', weight: 3 },
      { key: 'y', weight: 5 },
    ];
    const pos = allocate(1001, w);
    const neg = allocate(-1001, w);
    for (const [k, v] of pos) assert.equal(neg.get(k), -v);
  });

  test('allocating money over no weight is refused; nothing over no weight is fine', () => {
    assert.throws(() => allocate(5, [{ key: 'a', weight: 0 }]), /every weight is zero/);
    assert.equal(allocate(0, [{ key: 'a', weight: 0 }]).get('a'), 0);
    assert.throws(() => allocate(1.5, [{ key: 'a', weight: 1 }]), /integer rupiah/);
  });

  test('property: every allocation sums exactly and each part is within one rupiah of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 40 }),
        (total, ws) => {
          fc.pre(ws.some((w) => w > 0));
          const weights = ws.map((weight, i) => ({ key: String(i).padStart(3, '0'), weight }));
          const parts = allocate(total, weights);
          assert.equal(sum(parts), total);
          const wsum = ws.reduce((a, b) => a + b, 0);
          for (const w of weights) {
            const exact = (total * w.weight) / wsum;
            assert.ok(Math.abs((parts.get(w.key) ?? 0) - exact) < 1 + 1e-6);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('property: a revenue split sums exactly for every split that totals 100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (revenue, cost, a, b) => {
          fc.pre(a + b <= 100);
          const s = splitRevenue(revenue, cost, { premi: a, pnbp: b, capital: 100 - a - b });
          assert.equal(s.materialCost + s.premi + s.pnbp + s.capital, revenue);
          assert.ok(s.premi >= 0 && s.pnbp >= 0 && s.capital >= 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a split that does not total 100 is refused', () => {
    assert.equal(splitTotals100({ premi: 50, pnbp: 15, capital: 30 }), false);
    assert.equal(splitTotals100({ premi: 50, pnbp: 15, capital: 35 }), true);
    assert.throws(() => splitRevenue(100, 0, { premi: 60, pnbp: 15, capital: 35 }), /total 100/);
  });

  test('pockets: at most 25% spendable, rounded down, the rest saved', () => {
    assert.deepEqual(pockets(71_429, 25), { saved: 53_572, spendable: 17_857 });
    assert.deepEqual(pockets(71_429, 40), { saved: 53_572, spendable: 17_857 });
    assert.deepEqual(pockets(-71_429, 25), { saved: -53_572, spendable: -17_857 });
    assert.deepEqual(pockets(100, 0), { saved: 100, spendable: 0 });
  });

  test('trainee minimum: the top-up brings production premi up to the per-session amount', () => {
    assert.deepEqual(traineeMinimum(15_000, 4, 20_000), { minimum: 60_000, topup: 40_000 });
    assert.deepEqual(traineeMinimum(15_000, 4, 90_000), { minimum: 60_000, topup: 0 });
    assert.deepEqual(traineeMinimum(0, 4, 0), { minimum: 0, topup: 0 });
  });

  test('billing code and NTPN formats', () => {
    assert.ok(validBillingCode('820260115000123'));
    assert.ok(!validBillingCode('82026011500012'));
    assert.ok(!validBillingCode('82026011500012A'));
    assert.ok(validNtpn('0A1B2C3D4E5F6789'));
    assert.ok(!validNtpn('0a1b2c3d4e5f6789'));
    assert.ok(!validNtpn('0A1B2C3D4E5F678'));
  });

  test('lines merge by account, purpose, inmate and pocket; an unbalanced entry is refused', () => {
    const lines = normaliseLines([
      { account: 'revenue', purpose: 'share', amount: 100 },
      { account: 'premi', purpose: 'share', amount: -30, inmateId: 'i1', pocket: 'saved' },
      { account: 'premi', purpose: 'share', amount: -20, inmateId: 'i1', pocket: 'saved' },
      { account: 'pnbp', purpose: 'share', amount: -50 },
      { account: 'capital', purpose: 'share', amount: 0 },
    ]);
    assert.equal(lines.length, 3);
    assert.equal(lines.find((l) => l.account === 'premi')?.amount, -50);
    assert.throws(() => normaliseLines([{ account: 'cash', purpose: 'x', amount: 1 }]), /does not balance/);
    assert.deepEqual(
      reversed(lines).map((l) => l.amount),
      [-100, 50, 50],
    );
  });
});
