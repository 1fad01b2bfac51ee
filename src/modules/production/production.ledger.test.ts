import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildParticipants, buildProgramme, daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildUnit } from '../../../test/builders.ts';
import { AppError } from '../../app/errors.ts';
import { type Ctx, systemCtx, withDb } from '../../app/principal.ts';
import { ledgerDifferences, moveProduct } from '../stock/stock.service.ts';
import { postProduced } from './production.ledger.ts';

// The batched posting must leave the product ledger exactly as moveProduct called once per entry
// would: the same movements, the same columns, the same refusals. Each case runs twice, on twin
// products, and the results are compared.
describe('the production log’s batched posting to the product ledger', () => {
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
});
