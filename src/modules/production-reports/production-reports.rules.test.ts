// The calendar and rate arithmetic of the production reports, without a database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { daysBetween } from '../../app/days.ts';
import { addFigures, addMonths, monthBounds, monthsEnding, passRate } from './production-reports.rules.ts';

describe('production report rules', () => {
  test('a month runs from its first to its last calendar day, leap years included', () => {
    assert.deepEqual(monthBounds('2026-03'), { from: '2026-03-01', to: '2026-03-31' });
    assert.deepEqual(monthBounds('2026-02'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(monthBounds('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
    assert.deepEqual(monthBounds('2026-12'), { from: '2026-12-01', to: '2026-12-31' });
  });

  test('the twelve months of a chart end with the asked month and cross the year', () => {
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-12', 1), '2027-01');
    const months = monthsEnding('2026-03');
    assert.equal(months.length, 12);
    assert.equal(months[0], '2025-04');
    assert.equal(months.at(-1), '2026-03');
  });

  test('the pass rate is passed over checked, one decimal, and null when nothing was checked', () => {
    assert.equal(passRate(11, 3), 78.6);
    assert.equal(passRate(5, 0), 100);
    assert.equal(passRate(0, 4), 0);
    assert.equal(passRate(0, 0), null);
  });

  test("an invoice's age is whole days between two calendar days", () => {
    assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
    assert.equal(daysBetween('2026-03-01', '2026-03-01'), 0);
  });

  test('figures add up field by field', () => {
    const one = { finished: 1, sent: 2, passed: 3, rejected: 4, value: 5, own_stock: 6 };
    assert.deepEqual(addFigures([one, one]), {
      finished: 2,
      sent: 4,
      passed: 6,
      rejected: 8,
      value: 10,
      own_stock: 12,
    });
    assert.deepEqual(addFigures([]), {
      finished: 0,
      sent: 0,
      passed: 0,
      rejected: 0,
      value: 0,
      own_stock: 0,
    });
  });
});
