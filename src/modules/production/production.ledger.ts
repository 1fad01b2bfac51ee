// The production log's changes posted to the stock ledgers as one batch: the same movements, with
// the same effects and refusals, as calling moveProduct once per entry and moveMaterial once per
// material (stock.service.ts), but each product and material row is locked once, and the save
// writes every movement and every row's columns in the statement that writes its entries
// (planProduced, planUsed), so a 200-participant log is a handful of queries. Call inside the write
// transaction (ctx.db is the transaction); a refusal throws before anything is written.
import { AppError, conflict } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { MaterialMovementRow, ProductMovementRow } from '../stock/stock.repo.ts';
import {
  applyDeltas,
  materialEffect,
  type ProductStock,
  productEffect,
  rupiah,
} from '../stock/stock.rules.ts';
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

/** The net change of one material used by a save's entries (negative when entries were lowered). */
export interface Used {
  materialId: string;
  qty: number;
}

/** The batch's `used` movements (one per material) and each material's columns after them. */
export interface UsedPlan {
  rows: MaterialMovementRow[];
  stock: Map<string, repo.MaterialStock>;
}

/**
 * What moveMaterial(kind `used`) once per material, in material id order, would do, without
 * writing: locks the materials (one statement, id order), values what is taken at average cost
 * (unit-bought stock) and refuses (409 stock.insufficient) what would take the stock below zero.
 * Materials whose net change is zero post nothing.
 */
export async function planUsed(
  ctx: Ctx,
  used: readonly Used[],
  at: { day: string; sessionId: string | null; note: string | null },
): Promise<UsedPlan> {
  const moves = used.filter((u) => u.qty !== 0).sort((a, b) => a.materialId.localeCompare(b.materialId));
  if (moves.length === 0) return { rows: [], stock: new Map() };
  for (const m of moves) if (!Number.isInteger(m.qty)) throw badQuantity();
  const locked = new Map(
    (await repo.lockMaterials(ctx.db, [...new Set(moves.map((m) => m.materialId))])).map((m) => [m.id, m]),
  );
  const stock = new Map<string, repo.MaterialStock>();
  const rows: MaterialMovementRow[] = [];
  for (const m of moves) {
    const mat = locked.get(m.materialId);
    if (!mat) throw new AppError('materials.not_found', 404, 'err.notFound');
    const now = stock.get(mat.id) ?? { on_hand: mat.on_hand, stock_value: rupiah(mat.stock_value) };
    const e = materialEffect(
      { on_hand: now.on_hand, value: now.stock_value, owner: mat.owner },
      'used',
      m.qty,
    );
    if (!e.ok) throw insufficient(mat.name, e.left);
    stock.set(mat.id, { on_hand: now.on_hand + e.qty, stock_value: now.stock_value + e.value });
    rows.push({
      unit_id: mat.unit_id,
      material_id: mat.id,
      kind: 'used',
      day: at.day,
      qty: e.qty,
      value: e.value,
      session_id: at.sessionId,
      note: at.note,
      created_by: ctx.who.id,
    });
  }
  return { rows, stock };
}

/** planUsed, then its movements and columns written in one statement (for callers without their own). */
export async function postUsed(
  ctx: Ctx,
  used: readonly Used[],
  at: { day: string; sessionId: string | null; note: string | null },
): Promise<void> {
  const { rows, stock } = await planUsed(ctx, used, at);
  await repo.writeUsed(ctx.db, rows, stock);
}
