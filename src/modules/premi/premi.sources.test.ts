import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { costPerProduct } from './premi.sources.repo.ts';

describe("a month's material cost per product", () => {
  test("each material's used value is shared among the products by the quantity their entries used", () => {
    const cost = costPerProduct(
      [
        { materialId: 'thread', cost: 10_000 },
        { materialId: 'label', cost: 1_000 },
      ],
      [
        { materialId: 'thread', productId: 'bag', qty: 300 },
        { materialId: 'thread', productId: 'wallet', qty: 100 },
        { materialId: 'label', productId: 'bag', qty: 1 },
        { materialId: 'label', productId: 'wallet', qty: 2 },
      ],
    );
    // 7.500 + 333 (largest remainder: 333,33 -> 333, 666,67 -> 667); 2.500 + 667
    assert.deepEqual(Object.fromEntries(cost), { bag: 7_833, wallet: 3_167 });
  });

  test('a value with no entry left to carry it is not charged; a material returned (negative) lowers the cost', () => {
    assert.deepEqual(Object.fromEntries(costPerProduct([{ materialId: 'm', cost: 500 }], [])), {});
    assert.deepEqual(
      Object.fromEntries(
        costPerProduct([{ materialId: 'm', cost: -200 }], [{ materialId: 'm', productId: 'bag', qty: 4 }]),
      ),
      { bag: -200 },
    );
  });

  test('the products always carry exactly what the movements took out of stock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 }),
        (value, qtys) => {
          const uses = qtys.map((qty, i) => ({ materialId: 'm', productId: `p${i}`, qty }));
          const cost = costPerProduct([{ materialId: 'm', cost: value }], uses);
          assert.equal(
            [...cost.values()].reduce((a, b) => a + b, 0),
            value,
          );
        },
      ),
    );
  });
});
