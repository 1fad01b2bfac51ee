import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { disposition, lineProblem } from './quality.rules.ts';

describe('quality-check rules', () => {
  test('passed plus rejected must equal what was sent', () => {
    assert.equal(lineProblem(5, { passed: 5, rejects: [] }), null);
    assert.equal(
      lineProblem(5, { passed: 3, rejects: [{ qty: 2, reason: 'size', reworkable: true }] }),
      null,
    );
    assert.deepEqual(lineProblem(5, { passed: 3, rejects: [] }), {
      key: 'quality.countsMismatch',
      params: { passed: 3, rejected: 0, submitted: 5 },
    });
  });

  test('more passed than sent is named as such, before the sum', () => {
    assert.equal(lineProblem(3, { passed: 4, rejects: [] })?.key, 'quality.passedOverSubmitted');
  });

  test('negative, fractional or zero reject quantities are refused', () => {
    assert.equal(lineProblem(3, { passed: -1, rejects: [] })?.key, 'stock.badQuantity');
    assert.equal(lineProblem(3, { passed: 1.5, rejects: [] })?.key, 'stock.badQuantity');
    assert.equal(
      lineProblem(3, { passed: 3, rejects: [{ qty: 0, reason: 'other', reworkable: false }] })?.key,
      'stock.badQuantity',
    );
  });

  test('a reworkable reject goes back to its maker; others to own stock only when the agreement allows it', () => {
    assert.equal(disposition(true, false), 'rework');
    assert.equal(disposition(true, true), 'rework');
    assert.equal(disposition(false, true), 'own_stock');
    assert.equal(disposition(false, false), 'scrap');
  });
});
