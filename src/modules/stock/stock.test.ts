// The stock ledgers against a real PostgreSQL: stock is the sum of its movements after any sequence
// of operations, never below zero, the last item taken by one of many at once, numbers gapless.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildUnit } from '../../../test/builders.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { AppError } from '../../app/errors.ts';
import { systemCtx, withDb } from '../../app/principal.ts';
import type { ProductMovementKind } from '../../db/schema.ts';
import { ledgerDifferences, moveMaterial, moveProduct, nextNumber } from './stock.service.ts';

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed by its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('stock ledgers', () => {
  let tdb: TestDb;
  let unitId: string;
  let kindId: string;

  before(async () => {
    tdb = await createTestDb();
    unitId = (await buildUnit(tdb.db)).id;
    kindId = (
      await tdb.db
        .selectFrom('product_kinds')
        .select('id')
        .where('code', '=', 'aksesoris')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => tdb.drop());

  const product = async (name: string, route: 'partner' | 'own') =>
    (
      await tdb.db
        .insertInto('products')
        .values({ unit_id: unitId, kind_id: kindId, name, route })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  /** One movement in its own transaction, as a request would post it. */
  const move = (productId: string, kind: ProductMovementKind, qty: number, enrolmentId?: string) => {
    const ctx = systemCtx(tdb.db);
    return tdb.db.transaction().execute((trx) =>
      moveProduct(withDb(ctx, trx), {
        productId,
        kind,
        qty,
        day: '2026-04-27',
        enrolmentId: enrolmentId ?? null,
      }),
    );
  };

  test('twenty requests at once for the last three items: three succeed, the rest are refused', async () => {
    const id = await product('Tatakan gelas rajut', 'own');
    await move(id, 'produced', 3);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => move(id, 'sold', 1)));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === 'stock.insufficient',
    ).length;
    assert.equal(ok, 3);
    assert.equal(refused, 17);
    const p = await tdb.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(p.on_hand, 0);
    assert.equal(p.sold, 3);
    assert.deepEqual(await ledgerDifferences({ db: tdb.db }, [id], []), []);
  });

  test('a refused movement writes nothing', async () => {
    const id = await product('Dompet contoh', 'own');
    await assert.rejects(move(id, 'sold', 1), (e: unknown) => e instanceof AppError && e.status === 409);
    await assert.rejects(move(id, 'sold', 1.5), (e: unknown) => e instanceof AppError && e.status === 400);
    await assert.rejects(move(id, 'sold', -1), (e: unknown) => e instanceof AppError && e.status === 400);
    const n = await tdb.db
      .selectFrom('product_movements')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('product_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  test('property: after random sequences of operations the columns equal the sums of the movements and never went negative', async () => {
    const kinds: ProductMovementKind[] = [
      'produced',
      'sent_to_check',
      'passed',
      'rework',
      'reject_to_stock',
      'reject_scrap',
      'reserved',
      'unreserved',
      'sold',
      'sale_cancelled',
      'written_off',
      'counted',
    ];
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = random(seed);
      const ids = [
        await product(`Produk acak ${seed}a`, 'partner'),
        await product(`Produk acak ${seed}b`, 'own'),
      ];
      let ok = 0;
      for (let i = 0; i < 60; i++) {
        const id = ids[Math.floor(rnd() * ids.length)] as string;
        const kind = kinds[Math.floor(rnd() * kinds.length)] as ProductMovementKind;
        const signed = kind === 'produced' || kind === 'counted';
        const qty = Math.floor(rnd() * 5) + 1;
        try {
          await move(id, kind, signed && rnd() < 0.2 ? -qty : qty);
          ok++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
        }
      }
      assert.ok(ok > 10, `seed ${seed}: enough operations succeeded (${ok})`);
      assert.deepEqual(await ledgerDifferences({ db: tdb.db }, ids, []), [], `seed ${seed}`);
      const neg = await tdb.db
        .selectFrom('products')
        .select('id')
        .where('id', 'in', ids)
        .where((eb) =>
          eb.or([
            eb('on_hand', '<', 0),
            eb('awaiting_check', '<', 0),
            eb('in_check', '<', 0),
            eb('reserved', '>', eb.ref('on_hand')),
          ]),
        )
        .execute();
      assert.deepEqual(neg, []);
    }
  });

  test('a maker cannot send more than they hold awaiting the check, even when others hold more', async () => {
    const id = await product('Gantungan kunci contoh', 'partner');
    const programme = await buildProgramme(tdb.db, { unit_id: unitId });
    const [ani, budi] = await Promise.all([
      buildEnrolment(tdb.db, { programme_id: programme.id, name: 'Ani' }),
      buildEnrolment(tdb.db, { programme_id: programme.id, name: 'Budi' }),
    ]);
    await move(id, 'produced', 2, ani.id);
    await move(id, 'produced', 5, budi.id);
    await assert.rejects(
      move(id, 'sent_to_check', 3, ani.id),
      (e: unknown) => e instanceof AppError && e.code === 'stock.insufficient',
    );
    await move(id, 'sent_to_check', 2, ani.id);
    await move(id, 'rework', 1, ani.id);
    await move(id, 'sent_to_check', 1, ani.id);
    await assert.rejects(
      move(id, 'sent_to_check', 1, ani.id),
      (e: unknown) => e instanceof AppError && e.code === 'stock.insufficient',
    );
    await move(id, 'sent_to_check', 5, budi.id);
    assert.deepEqual(await ledgerDifferences({ db: tdb.db }, [id], []), []);
  });

  test('materials: never below zero, value at average cost reaches zero with the quantity', async () => {
    const mat = (
      await tdb.db
        .insertInto('materials')
        .values({ unit_id: unitId, name: 'Label merek', uom: 'buah', owner: 'unit' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const ctx = systemCtx(tdb.db);
    const run = (m: Parameters<typeof moveMaterial>[1]) =>
      tdb.db.transaction().execute((trx) => moveMaterial(withDb(ctx, trx), m));
    await run({
      materialId: mat,
      kind: 'received',
      qty: 3,
      day: '2026-02-02',
      cost: 10_000,
      source: 'Toko Sumber Jaya',
      documentNo: 'NOTA-17',
    });
    await assert.rejects(
      run({ materialId: mat, kind: 'issued', qty: 4, day: '2026-02-04' }),
      (e: unknown) => e instanceof AppError && e.status === 409,
    );
    await run({ materialId: mat, kind: 'issued', qty: 2, day: '2026-02-04' });
    const last = await run({ materialId: mat, kind: 'used', qty: 1, day: '2026-02-04' });
    assert.deepEqual(last, { on_hand: 0, value: 0 });
    assert.deepEqual(await ledgerDifferences({ db: tdb.db }, [], [mat]), []);
  });

  test('numbers are gapless under concurrency, and a rolled-back transaction gives its number back', async () => {
    const ctx = systemCtx(tdb.db);
    const take = (fail: boolean) =>
      tdb.db.transaction().execute(async (trx) => {
        const n = await nextNumber(withDb(ctx, trx), unitId, 'KW', 2026);
        if (fail) throw new Error('rolled back');
        return n;
      });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => take(i % 4 === 3)));
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).sort();
    assert.equal(numbers.length, 15);
    assert.deepEqual(
      numbers,
      Array.from({ length: 15 }, (_, i) => `KW/2026/${String(i + 1).padStart(4, '0')}`),
    );
    assert.equal(await take(false), 'KW/2026/0016');
    assert.equal(
      await tdb.db.transaction().execute((trx) => nextNumber(withDb(ctx, trx), unitId, 'KW', 2027)),
      'KW/2027/0001',
    );
  });
});
