import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MIN_PEOPLE, outcomeRates, periodOf, rateOf, rateText } from './outcomes.rules.ts';

describe('outcome rates', () => {
  test('no rate is shown for fewer than five people, but the count and n are', () => {
    for (let n = 0; n < MIN_PEOPLE; n++) assert.deepEqual(rateOf(n, n), { count: n, n, pct: null });
    assert.deepEqual(rateOf(1, 4), { count: 1, n: 4, pct: null });
  });

  test('five people or more get a rate in percent with one decimal', () => {
    assert.deepEqual(rateOf(1, 5), { count: 1, n: 5, pct: 20 });
    assert.deepEqual(rateOf(2, 3 * 3), { count: 2, n: 9, pct: 22.2 });
    assert.deepEqual(rateOf(0, 12), { count: 0, n: 12, pct: 0 });
  });

  test('a count above its n or negative is a programming error', () => {
    assert.throws(() => rateOf(6, 5), RangeError);
    assert.throws(() => rateOf(-1, 5), RangeError);
  });

  test("each rate has its own n: a group's six-month rate is suppressed while its follow-up rate is not", () => {
    const r = outcomeRates({ released: 8, followedUp: 6, m6: 4, m6Working: 3, m12: 0, m12Reoffended: 0 });
    assert.deepEqual(r.followedUp, { count: 6, n: 8, pct: 75 });
    assert.deepEqual(r.working6, { count: 3, n: 4, pct: null });
    assert.deepEqual(r.reoffended12, { count: 0, n: 0, pct: null });
  });

  test('a suppressed rate prints a dash and its n', () => {
    const pct = (x: number) => `${x}%`;
    assert.equal(rateText(rateOf(3, 4), pct), '– (n = 4)');
    assert.equal(rateText(rateOf(3, 6), pct), '50% (n = 6)');
  });
});

describe('the period of release months', () => {
  test('this year by default, a whole year, or the months given', () => {
    assert.deepEqual(periodOf({}, '2026-12'), { from: '2026-01', to: '2026-12' });
    assert.deepEqual(periodOf({ year: 2025 }, '2026-12'), { from: '2025-01', to: '2025-12' });
    assert.deepEqual(periodOf({ from: '2026-03', to: '2026-05' }, '2026-12'), {
      from: '2026-03',
      to: '2026-05',
    });
    assert.deepEqual(periodOf({ from: '2026-03' }, '2026-12'), { from: '2026-03', to: '2026-12' });
    assert.deepEqual(periodOf({ to: '2025-06' }, '2026-12'), { from: '2025-01', to: '2025-06' });
  });

  test('an end before the start, a start to come or more than five years are refused on their field', () => {
    assert.deepEqual(periodOf({ from: '2026-05', to: '2026-03' }, '2026-12'), {
      field: 'to',
      key: 'outcomes.periodOrder',
    });
    assert.deepEqual(periodOf({ year: 2027 }, '2026-12'), { field: 'from', key: 'outcomes.periodFuture' });
    assert.deepEqual(periodOf({ from: '2020-01', to: '2026-12' }, '2026-12'), {
      field: 'from',
      key: 'outcomes.periodLong',
    });
    assert.deepEqual(periodOf({ from: '2022-01', to: '2026-12' }, '2026-12'), {
      from: '2022-01',
      to: '2026-12',
    });
  });
});
