// The production log's changes of items finished posted to the product ledger as one batch: the
// same movements, with the same effects and refusals, as calling moveProduct once per entry
// (stock.service.ts), but each product row is locked once, every movement inserted in one
// statement and every product's columns set in one, so a 200-participant log is a handful of
// queries (the save writes them in the statement that writes its entries: planProduced). Call
// inside the write transaction (ctx.db is the transaction); a refusal throws before anything is
// committed.
import { AppError, conflict } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { ProductMovementRow } from '../stock/stock.repo.ts';
import { applyDeltas, type ProductStock, productEffect } from '../stock/stock.rules.ts';
import * as repo from './production.ledger.repo.ts';

const insufficient = (name: string, left: number) =>
  conflict('stock.insufficient', 'stock.insufficient', { name, n: left });
const badQuantity = () => new AppError('stock.bad_quantity', 400, 'stock.badQuantity');

export interface Produced {
  productId: string;
  /** The change of items finished: negative when a log entry is lowered. */
  qty: number;
  day: string;
  enrolmentId: string;
  productionEntryId: string;
}

/** The batch's movements and each product's columns after them, checked, to be written in one go. */
export interface ProducedPlan {
  rows: ProductMovementRow[];
  stock: Map<string, ProductStock>;
}

/**
 * Posts `produced` movements. Increases are applied before decreases (the order moveProduct calls
 * could take), and a decrease is refused (409 stock.insufficient) when it would take a column below
 * zero or more than the maker still holds awaiting the check (what they have not sent yet).
 */
export async function postProduced(ctx: Ctx, moves: readonly Produced[]): Promise<void> {
  const { rows, stock } = await planProduced(ctx, moves);
  if (rows.length === 0) return;
  await repo.insertProduced(ctx.db, rows, ctx.who.id);
  await repo.setProductsStock(ctx.db, stock);
}

/**
 * What postProduced does, without writing: locks the products (in id order), reads the makers'
 * holdings the decreases need, applies the rules and returns the movements and the columns after
 * them, for the caller to write in the statement that writes the entries (the production log's
 * save). `productionEntryId` may be left out when that statement finds it by maker and product.
 */
export async function planProduced(
  ctx: Ctx,
  moves: ReadonlyArray<Omit<Produced, 'productionEntryId'> & { productionEntryId?: string | null }>,
): Promise<ProducedPlan> {
  if (moves.length === 0) return { rows: [], stock: new Map() };
  for (const m of moves) if (!Number.isInteger(m.qty) || m.qty === 0) throw badQuantity();
  const locked = await repo.lockProducts(ctx.db, [...new Set(moves.map((m) => m.productId))]);
  const products = new Map(locked.map((p) => [p.id, p]));
  const stock = new Map<string, ProductStock>(
    locked.map((p) => [
      p.id,
      {
        awaiting_check: p.awaiting_check,
        in_check: p.in_check,
        on_hand: p.on_hand,
        reserved: p.reserved,
        sold: p.sold,
      },
    ]),
  );
  const ordered = [...moves].sort((a, b) => Number(a.qty < 0) - Number(b.qty < 0));
  const effects = ordered.map((m) => {
    const p = products.get(m.productId);
    if (!p) throw new AppError('products.not_found', 404, 'err.notFound');
    return { m, p, d: productEffect('produced', m.qty, p.route) };
  });
  const takers = effects.filter((x) => x.d.d_awaiting < 0);
  const held = new Map(
    (
      await repo.makerHoldings(
        ctx.db,
        takers.map((x) => ({ enrolmentId: x.m.enrolmentId, productId: x.m.productId })),
      )
    ).map((h) => [`${h.enrolment_id}|${h.product_id}`, Number(h.awaiting ?? 0)]),
  );
  const rows: ProductMovementRow[] = [];
  for (const { m, p, d } of effects) {
    if (d.d_awaiting < 0) {
      const k = `${m.enrolmentId}|${m.productId}`;
      const h = held.get(k) ?? 0;
      if (h + d.d_awaiting < 0) throw insufficient(p.name, h);
      held.set(k, h + d.d_awaiting);
    }
    const now = stock.get(p.id) as ProductStock;
    const next = applyDeltas(now, d);
    if (!next.ok) {
      const left = next.column === 'on_hand' ? now.on_hand - now.reserved : now[next.column];
      throw insufficient(p.name, Math.max(0, left));
    }
    stock.set(p.id, next.stock);
    rows.push({
      unit_id: p.unit_id,
      product_id: p.id,
      kind: 'produced',
      day: m.day,
      enrolment_id: m.enrolmentId,
      production_entry_id: m.productionEntryId ?? null,
      created_by: ctx.who.id,
      ...d,
    });
  }
  return { rows, stock };
}
