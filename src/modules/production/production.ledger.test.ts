import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildParticipants, buildProgramme, daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit } from '../../../test/builders.ts';
import { AppError } from '../../app/errors.ts';
import { type Ctx, systemCtx, withDb } from '../../app/principal.ts';
import { ledgerDifferences, moveMaterial, moveProduct } from '../stock/stock.service.ts';
import { postProduced, postUsed } from './production.ledger.ts';

// The batched posting must leave the ledgers exactly as moveProduct called once per entry (and
// moveMaterial once per material) would: the same movements, the same columns, the same refusals. Each case runs twice, on twin
// products, and the results are compared.
describe('the production log’s batched posting to the stock ledgers', () => {
  let t: TestApp;
  let ctx: Ctx;
  let unitId: string;
  let makers: string[];
  let entries: string[];
  const day = daysFromToday(0);

  const product = async (name: string, route: 'partner' | 'own') => {
    const kind = await t.db.selectFrom('product_kinds').select('id').executeTakeFirstOrThrow();
    return (
      await t.db
        .insertInto('products')
        .values({ unit_id: unitId, kind_id: kind.id, name, route })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const inTx = <T>(fn: (c: Ctx) => Promise<T>) => t.db.transaction().execute((trx) => fn(withDb(ctx, trx)));

  before(async () => {
    t = await startTestApp();
    ctx = systemCtx(t.db);
    unitId = (await buildUnit(t.db)).id;
    const pr = await buildProgramme(t.db, { unit_id: unitId });
    makers = (
      await buildParticipants(t.db, { programme_id: pr.id, n: 3, started_on: daysFromToday(-9) })
    ).map((p) => p.id);
    const holder = await product('Pemegang entri', 'own');
    entries = [];
    for (const m of makers)
      entries.push(
        (
          await t.db
            .insertInto('production_entries')
            .values({
              unit_id: unitId,
              programme_id: pr.id,
              day,
              enrolment_id: m,
              product_id: holder,
              finished: 0,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
  });
  after(() => t.close());

  test('items produced and lowered: the same columns; lowering below what the maker holds is refused', async () => {
    for (const route of ['partner', 'own'] as const) {
      const a = await product(`Tas A ${route}`, route);
      const b = await product(`Tas B ${route}`, route);
      const moves = [
        { maker: 0, qty: 3 },
        { maker: 1, qty: 2 },
        { maker: 2, qty: 5 },
      ];
      const post = (productId: string, ms: typeof moves) =>
        inTx((c) =>
          postProduced(
            c,
            ms.map((m) => ({
              productId,
              qty: m.qty,
              day,
              enrolmentId: makers[m.maker] as string,
              productionEntryId: entries[m.maker] as string,
            })),
          ),
        );
      await post(a, moves);
      await inTx(async (c) => {
        for (const m of moves)
          await moveProduct(c, {
            productId: b,
            kind: 'produced',
            qty: m.qty,
            day,
            enrolmentId: makers[m.maker] as string,
          });
      });
      // Maker 0 sends two to the check (partner route), then their entry is lowered by one: allowed.
      if (route === 'partner')
        for (const p of [a, b])
          await moveProduct(ctx, {
            productId: p,
            kind: 'sent_to_check',
            qty: 2,
            day,
            enrolmentId: makers[0] as string,
          });
      await post(a, [
        { maker: 0, qty: -1 },
        { maker: 1, qty: 4 },
      ]);
      await inTx(async (c) => {
        await moveProduct(c, {
          productId: b,
          kind: 'produced',
          qty: 4,
          day,
          enrolmentId: makers[1] as string,
        });
        await moveProduct(c, {
          productId: b,
          kind: 'produced',
          qty: -1,
          day,
          enrolmentId: makers[0] as string,
        });
      });
      const cols = (id: string) =>
        t.db
          .selectFrom('products')
          .select(['awaiting_check', 'in_check', 'on_hand', 'reserved', 'sold'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      assert.deepEqual(await cols(a), await cols(b), route);
      assert.deepEqual(await ledgerDifferences(ctx, [a, b], []), []);
      if (route === 'partner') {
        // Maker 0 now holds none awaiting the check: lowering again is refused for both ways.
        const refused = (e: unknown) => e instanceof AppError && e.code === 'stock.insufficient';
        await assert.rejects(post(a, [{ maker: 0, qty: -1 }]), refused);
        await assert.rejects(
          moveProduct(ctx, {
            productId: b,
            kind: 'produced',
            qty: -1,
            day,
            enrolmentId: makers[0] as string,
          }),
          refused,
        );
        assert.deepEqual(await cols(a), await cols(b));
      }
    }
  });

  test('material used: the same movements, values at average cost and columns; more than on hand is refused', async () => {
    const partner = await buildPartner(t.db, { unit_id: unitId });
    const material = async (name: string, owner: 'unit' | 'partner') =>
      (
        await t.db
          .insertInto('materials')
          .values({
            unit_id: unitId,
            name,
            uom: 'meter',
            owner,
            partner_id: owner === 'partner' ? partner.id : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    // A batched pair (a) and its twin posted one moveMaterial at a time (b), for each owner.
    const pairs: Array<{ a: string; b: string }> = [];
    for (const owner of ['unit', 'partner'] as const) {
      const pair = {
        a: await material(`Kain A ${owner}`, owner),
        b: await material(`Kain B ${owner}`, owner),
      };
      for (const id of [pair.a, pair.b])
        await moveMaterial(ctx, {
          materialId: id,
          kind: 'received',
          qty: 10,
          day,
          ...(owner === 'unit' ? { cost: 10_007 } : {}),
        });
      pairs.push(pair);
    }
    const at = { day, sessionId: null, note: 'Bengkel' };
    const both = async (qtys: readonly number[]) => {
      await inTx((c) =>
        postUsed(
          c,
          pairs.map((p, i) => ({ materialId: p.a, qty: qtys[i] ?? 0 })),
          at,
        ),
      );
      await inTx(async (c) => {
        for (const [i, p] of pairs.entries())
          if (qtys[i])
            await moveMaterial(c, { materialId: p.b, kind: 'used', qty: qtys[i], day, note: at.note });
      });
    };
    // Three used, one given back (an entry lowered), then all that is left: the value reaches zero.
    await both([3, 3]);
    await both([-1, 0]);
    await both([8, 7]);
    const state = (id: string) =>
      Promise.all([
        t.db
          .selectFrom('materials')
          .select(['on_hand', 'stock_value'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
        t.db
          .selectFrom('material_movements')
          .select(['kind', 'day', 'qty', 'value', 'session_id', 'note'])
          .where('material_id', '=', id)
          .orderBy('created_at')
          .orderBy('qty')
          .execute(),
      ]);
    for (const p of pairs) assert.deepEqual(await state(p.a), await state(p.b));
    const unitOwned = await state(pairs[0]?.a as string);
    assert.deepEqual(unitOwned[0], { on_hand: 0, stock_value: '0' });
    assert.deepEqual(
      await ledgerDifferences(
        ctx,
        [],
        pairs.flatMap((p) => [p.a, p.b]),
      ),
      [],
    );
    // Nothing left: using one more is refused both ways, and the batch writes nothing at all.
    const refused = (e: unknown) => e instanceof AppError && e.code === 'stock.insufficient';
    const before = await Promise.all(pairs.map((p) => state(p.a)));
    await assert.rejects(
      inTx((c) =>
        postUsed(
          c,
          pairs.map((p) => ({ materialId: p.a, qty: 1 })),
          at,
        ),
      ),
      refused,
    );
    await assert.rejects(
      moveMaterial(ctx, { materialId: pairs[0]?.b as string, kind: 'used', qty: 1, day }),
      refused,
    );
    assert.deepEqual(await Promise.all(pairs.map((p) => state(p.a))), before);
  });
});
