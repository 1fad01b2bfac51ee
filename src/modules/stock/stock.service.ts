// Moving stock: the one way any module changes a product's or a material's stock, and takes a
// gapless document number. Call inside the caller's write transaction (ctx.db is the transaction):
// a refusal throws before anything of the caller's is committed.
import { AppError, conflict } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { MaterialMovementKind, ProductMovementKind } from '../../db/schema.ts';
import * as repo from './stock.repo.ts';
import {
  applyDeltas,
  documentNumber,
  materialEffect,
  type ProductStock,
  productEffect,
  rupiah,
  SIGNED_KINDS,
} from './stock.rules.ts';

export interface ProductMove {
  productId: string;
  kind: ProductMovementKind;
  qty: number;
  day: string;
  enrolmentId?: string | null;
  productionEntryId?: string | null;
  qcLineId?: string | null;
  saleId?: string | null;
  adjustmentId?: string | null;
  note?: string | null;
}

/** 409 `stock.insufficient` naming the product and what is left, in the user's language. */
function insufficient(name: string, left: number) {
  return conflict('stock.insufficient', 'stock.insufficient', { name, n: left });
}

/**
 * Posts one product movement and returns the stock after it. Refused (409, nothing written) when a
 * column would go below zero, a reservation would exceed what is on hand, or, for a maker's items,
 * the maker does not hold that many awaiting the check.
 */
export async function moveProduct(ctx: Ctx, m: ProductMove): Promise<ProductStock> {
  if (!Number.isInteger(m.qty) || m.qty === 0 || (m.qty < 0 && !SIGNED_KINDS.has(m.kind)))
    throw new AppError('stock.bad_quantity', 400, 'stock.badQuantity');
  const p = await repo.lockProduct(ctx.db, m.productId);
  if (!p) throw new AppError('products.not_found', 404, 'err.notFound');
  const deltas = productEffect(m.kind, m.qty, p.route);
  if (m.enrolmentId && deltas.d_awaiting < 0) {
    const held = await repo.makerHolding(ctx.db, m.enrolmentId, m.productId);
    if (held.awaiting + deltas.d_awaiting < 0) throw insufficient(p.name, held.awaiting);
  }
  const next = applyDeltas(p, deltas);
  if (!next.ok) {
    const left = next.column === 'on_hand' ? p.on_hand - p.reserved : p[next.column];
    throw insufficient(p.name, Math.max(0, left));
  }
  await repo.insertProductMovement(
    ctx.db,
    {
      unit_id: p.unit_id,
      product_id: p.id,
      kind: m.kind,
      day: m.day,
      enrolment_id: m.enrolmentId ?? null,
      production_entry_id: m.productionEntryId ?? null,
      qc_line_id: m.qcLineId ?? null,
      sale_id: m.saleId ?? null,
      adjustment_id: m.adjustmentId ?? null,
      note: m.note ?? null,
      created_by: ctx.who.id,
      ...deltas,
    },
    next.stock,
  );
  return next.stock;
}

export interface MaterialMove {
  materialId: string;
  kind: MaterialMovementKind;
  /** Signed: received and returned add, issued/used/written off take (give them positive; sign applied here). */
  qty: number;
  day: string;
  /** Cost of what is received (unit-bought materials only), whole rupiah for the whole quantity. */
  cost?: number;
  source?: string | null;
  documentNo?: string | null;
  sessionId?: string | null;
  enrolmentId?: string | null;
  productionEntryId?: string | null;
  adjustmentId?: string | null;
  note?: string | null;
}

/**
 * Posts one material movement; returns the stock after it. `qty` is positive for every kind; the
 * kind decides the sign (for `counted` and `used` a negative qty is allowed: a count that found more,
 * a log entry lowered). Unit-bought materials carry their value at average cost.
 */
export async function moveMaterial(ctx: Ctx, m: MaterialMove): Promise<{ on_hand: number; value: number }> {
  if (!Number.isInteger(m.qty) || m.qty === 0 || (m.qty < 0 && m.kind !== 'counted' && m.kind !== 'used'))
    throw new AppError('stock.bad_quantity', 400, 'stock.badQuantity');
  const mat = await repo.lockMaterial(ctx.db, m.materialId);
  if (!mat) throw new AppError('materials.not_found', 404, 'err.notFound');
  const value = rupiah(mat.stock_value);
  const e = materialEffect({ on_hand: mat.on_hand, value, owner: mat.owner }, m.kind, m.qty, m.cost);
  if (!e.ok) throw insufficient(mat.name, e.left);
  await repo.insertMaterialMovement(ctx.db, {
    unit_id: mat.unit_id,
    material_id: mat.id,
    kind: m.kind,
    day: m.day,
    qty: e.qty,
    value: e.value,
    source: m.source ?? null,
    document_no: m.documentNo ?? null,
    session_id: m.sessionId ?? null,
    enrolment_id: m.enrolmentId ?? null,
    production_entry_id: m.productionEntryId ?? null,
    adjustment_id: m.adjustmentId ?? null,
    note: m.note ?? null,
    created_by: ctx.who.id,
  });
  return { on_hand: mat.on_hand + e.qty, value: value + e.value };
}

/** The next number of a unit's series for the year, e.g. `KW/2026/0007`: gapless per unit and year. */
export async function nextNumber(ctx: Ctx, unitId: string, series: string, year: number): Promise<string> {
  return documentNumber(series, year, await repo.nextSeq(ctx.db, unitId, series, year));
}

/** Whether the maintained columns equal the sums of the movements (for tests and a health check). */
export async function ledgerDifferences(ctx: Pick<Ctx, 'db'>, productIds: string[], materialIds: string[]) {
  const out: string[] = [];
  const sums = new Map((await repo.productMovementSums(ctx.db, productIds)).map((r) => [r.product_id, r]));
  for (const id of productIds) {
    const p = await repo.lockProduct(ctx.db, id);
    const s = sums.get(id);
    for (const k of ['awaiting_check', 'in_check', 'on_hand', 'reserved', 'sold'] as const) {
      if (p && p[k] !== Number(s?.[k] ?? 0)) out.push(`product ${id} ${k}: ${p[k]} != ${s?.[k] ?? 0}`);
    }
  }
  const msums = new Map(
    (await repo.materialMovementSums(ctx.db, materialIds)).map((r) => [r.material_id, r]),
  );
  for (const id of materialIds) {
    const m = await repo.lockMaterial(ctx.db, id);
    const s = msums.get(id);
    if (m && m.on_hand !== Number(s?.qty ?? 0))
      out.push(`material ${id} on_hand: ${m.on_hand} != ${s?.qty ?? 0}`);
    if (m && rupiah(m.stock_value) !== Number(s?.value ?? 0))
      out.push(`material ${id} value: ${m.stock_value} != ${s?.value ?? 0}`);
  }
  return out;
}
