import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProductMovementKind } from '../../db/schema.ts';
import {
  applyDeltas,
  available,
  costOfUse,
  documentNumber,
  materialEffect,
  type ProductStock,
  productEffect,
  rupiah,
} from './stock.rules.ts';

const EMPTY: ProductStock = { awaiting_check: 0, in_check: 0, on_hand: 0, reserved: 0, sold: 0 };

describe('stock rules', () => {
  test('a partner product waits for the check; an own product goes on hand', () => {
    assert.equal(productEffect('produced', 3, 'partner').d_awaiting, 3);
    assert.equal(productEffect('produced', 3, 'partner').d_on_hand, 0);
    assert.equal(productEffect('produced', 3, 'own').d_on_hand, 3);
  });

  test('every kind moves items between columns; only sales and purchases add to sold', () => {
    const sum = (k: ProductMovementKind) => {
      const d = productEffect(k, 1, 'partner');
      return d.d_awaiting + d.d_in_check + d.d_on_hand;
    };
    // Moving between held columns keeps the count; leaving (sold, passed, scrap, write-off) lowers it.
    assert.equal(sum('sent_to_check'), 0);
    assert.equal(sum('rework'), 0);
    assert.equal(sum('reject_to_stock'), 0);
    assert.equal(sum('passed'), -1);
    assert.equal(productEffect('passed', 1, 'partner').d_sold, 1);
    assert.equal(sum('sold'), -1);
    assert.equal(productEffect('sold', 1, 'own').d_sold, 1);
    assert.deepEqual(productEffect('sale_cancelled', 2, 'own'), {
      ...productEffect('sold', -2, 'own'),
    });
    assert.equal(sum('reject_scrap'), -1);
    assert.equal(sum('written_off'), -1);
  });

  test('no column may go below zero, and nothing is reserved beyond what is held', () => {
    assert.deepEqual(applyDeltas(EMPTY, productEffect('sold', 1, 'own')), { ok: false, column: 'on_hand' });
    const held = { ...EMPTY, on_hand: 2 };
    assert.equal(applyDeltas(held, productEffect('reserved', 2, 'own')).ok, true);
    assert.deepEqual(applyDeltas(held, productEffect('reserved', 3, 'own')), {
      ok: false,
      column: 'on_hand',
    });
    const reserved = { ...held, reserved: 2 };
    assert.equal(available(reserved), 0);
    assert.deepEqual(applyDeltas(reserved, productEffect('sold', 1, 'own')), {
      ok: false,
      column: 'on_hand',
    });
  });

  test('material cost at average cost reaches exactly zero with the last unit', () => {
    // 3 needles bought for Rp 10.000: 3.333 + 3.333, then the last one takes the remaining 3.334.
    let onHand = 3;
    let value = 10_000;
    const taken: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = costOfUse(onHand, value, 1);
      taken.push(c);
      onHand -= 1;
      value -= c;
    }
    assert.deepEqual(taken, [3333, 3333, 3334]);
    assert.equal(value, 0);
    assert.equal(costOfUse(5, 1000, 0), 0);
    assert.equal(costOfUse(5, 1000, 9), 1000);
  });

  test('a material movement: its sign from the kind, its value at cost, refused below zero', () => {
    const unit = { on_hand: 4, value: 10_000, owner: 'unit' as const };
    assert.deepEqual(materialEffect(unit, 'received', 2, 7_000), { ok: true, qty: 2, value: 7_000 });
    assert.deepEqual(materialEffect(unit, 'used', 1), { ok: true, qty: -1, value: -2_500 });
    // A log entry lowered gives material back at the average cost; the last units take all the value.
    assert.deepEqual(materialEffect(unit, 'used', -2), { ok: true, qty: 2, value: 5_000 });
    assert.deepEqual(materialEffect(unit, 'issued', 4), { ok: true, qty: -4, value: -10_000 });
    assert.deepEqual(materialEffect(unit, 'written_off', 5), { ok: false, left: 4 });
    // Consignment (the partner's material) carries no value.
    const partner = { on_hand: 4, value: 0, owner: 'partner' as const };
    assert.deepEqual(materialEffect(partner, 'received', 3, 9_000), { ok: true, qty: 3, value: 0 });
    assert.deepEqual(materialEffect(partner, 'used', 4), { ok: true, qty: -4, value: 0 });
  });

  test('document numbers and rupiah', () => {
    assert.equal(documentNumber('KW', 2026, 7), 'KW/2026/0007');
    assert.equal(documentNumber('QC', 2026, 12345), 'QC/2026/12345');
    assert.equal(rupiah('1250000'), 1_250_000);
    assert.equal(rupiah(null), 0);
    assert.throws(() => rupiah('1.5'));
    assert.throws(() => rupiah('99999999999999999999'));
  });
});
