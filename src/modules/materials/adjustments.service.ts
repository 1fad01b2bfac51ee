// Stock-takes (counted against the records, a reason for each difference) and write-offs, of
// materials and finished products alike: staff submit them, the Kepala UPT approves or rejects, and
// only an approval posts movements to the stock ledgers, all in the decision's transaction.
import { conflict, fieldError, forbidden, invalid } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { AdjustmentKind, AdjustmentStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { moveMaterial, moveProduct } from '../stock/stock.service.ts';
import * as repo from './adjustments.repo.ts';
import { mayStock, stockAdjustment } from './materials.policy.ts';
import { activeMaterials } from './materials.repo.ts';
import { itemKey, type LineInput, lineErrors, posting } from './materials.rules.ts';

export type { AdjustmentRow, LineRow, ProductStockRow } from './adjustments.repo.ts';

export function listAdjustments(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: { status?: AdjustmentStatus | undefined; kind?: AdjustmentKind | undefined; page?: number | undefined },
) {
  return repo.listAdjustments(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
}

/** Stock-takes and write-offs awaiting the Kepala UPT's decision, oldest first (the Kepala's inbox). */
export function pendingAdjustments(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.pendingAdjustments(ctx.db, ctx.who.scope);
}

export async function adjustmentDetail(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const a = await stockAdjustment(ctx, id);
  return { adjustment: a, lines: await repo.linesOf(ctx.db, a.id) };
}

/** The unit's active materials and products with what the records hold: the stock-take's rows. */
export async function countSheet(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  const [materials, products] = await Promise.all([
    activeMaterials(ctx.db, ctx.who.scope, unitId),
    repo.activeProducts(ctx.db, ctx.who.scope, unitId),
  ]);
  return { materials, products };
}

/** The whole stock in scope, from the maintained columns (the stock page; no movement sums). */
export async function stockOverview(ctx: Pick<Ctx, 'db' | 'who'>) {
  const [materials, products] = await Promise.all([
    activeMaterials(ctx.db, ctx.who.scope),
    repo.activeProducts(ctx.db, ctx.who.scope),
  ]);
  return { materials, products };
}

export interface AdjustmentInput {
  unitId?: string | undefined;
  kind: AdjustmentKind;
  day: string;
  note?: string | undefined;
  lines: LineInput[];
}

/** The unit whose stock is adjusted: the one given (within scope) or the user's own. */
export function adjustmentUnit(ctx: Pick<Ctx, 'who'>, unitId?: string): string {
  const u = unitId ?? ctx.who.unitId;
  if (!u || !inScope(ctx.who.scope, u)) throw fieldError('unit_id', 'materials.noUnit');
  return u;
}

/**
 * Submits a stock-take or a write-off for the Kepala UPT's approval. Every line names an active
 * item of the unit once; its expected quantity is what the records hold now. Nothing moves yet.
 */
export async function createAdjustment(ctx: Ctx, input: AdjustmentInput): Promise<string> {
  if (!mayStock(ctx.who, 'manage')) throw forbidden();
  const unitId = adjustmentUnit(ctx, input.unitId);
  if (input.lines.length === 0) throw fieldError('lines', 'adjustments.noLines');
  if (input.day > today(ctx)) throw fieldError('day', 'materials.futureDay');
  return ctx.db.transaction().execute(async (trx) => {
    const seen = new Set<string>();
    const errors = [];
    for (const l of input.lines) {
      if (!!l.material_id === !!l.product_id) throw fieldError('lines', 'adjustments.itemUnknown');
      const k = itemKey(l);
      if (seen.has(k)) errors.push({ field: `item.${k}`, key: 'adjustments.duplicateItem' as const });
      seen.add(k);
    }
    if (errors.length) throw invalid(errors);
    const items = await repo.itemsOfUnit(
      trx,
      unitId,
      input.lines.flatMap((l) => (l.material_id ? [l.material_id] : [])),
      input.lines.flatMap((l) => (l.product_id ? [l.product_id] : [])),
    );
    const now = new Map<string, { onHand: number; available: number }>([
      ...items.materials.map((m) => [`m.${m.id}`, { onHand: m.on_hand, available: m.on_hand }] as const),
      ...items.products.map(
        (p) => [`p.${p.id}`, { onHand: p.on_hand, available: p.on_hand - p.reserved }] as const,
      ),
    ]);
    const lines: repo.LineValues[] = [];
    const fields = [];
    for (const l of input.lines) {
      const held = now.get(itemKey(l));
      if (!held) {
        fields.push({ field: `item.${itemKey(l)}`, key: 'adjustments.itemUnknown' as const });
        continue;
      }
      fields.push(...lineErrors(input.kind, l, held));
      lines.push({
        material_id: l.material_id ?? null,
        product_id: l.product_id ?? null,
        expected: input.kind === 'stocktake' ? held.onHand : null,
        counted: input.kind === 'stocktake' ? (l.counted ?? null) : null,
        qty: input.kind === 'write_off' ? (l.qty ?? null) : null,
        reason: l.reason?.trim() || null,
      });
    }
    if (fields.length) throw invalid(fields);
    const v = {
      unit_id: unitId,
      kind: input.kind,
      day: input.day,
      note: input.note?.trim() || null,
      created_by: ctx.who.id,
    };
    const id = await repo.insertAdjustment(trx, v, lines);
    await recordAudit(trx, ctx.who.actor, {
      action: 'stock_adjustments.create',
      entity: 'stock_adjustment',
      entityId: id,
      unitId,
      after: { ...v, lines },
    });
    return id;
  });
}

/**
 * The Kepala UPT's decision. An approval posts each line's movement (a stock-take's difference as
 * `counted`, a write-off as `written_off`; no difference, no movement) in the same transaction; a
 * refusal by the ledger (a write-off beyond the stock) is 409 and nothing is posted. The row is
 * locked and its status checked, so two decisions at once post once.
 */
export async function decideAdjustment(
  ctx: Ctx,
  id: string,
  d: { approve: boolean; note?: string | undefined },
) {
  const note = d.note?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const a = await stockAdjustment(t, id, { for: 'decide', lock: true });
    if (a.status !== 'submitted') throw conflict('stock_adjustments.decided', 'adjustments.alreadyDecided');
    if (!d.approve && !note) throw fieldError('note', 'adjustments.noteRequired');
    const posted = [];
    if (d.approve) {
      for (const l of await repo.linesOf(trx, a.id)) {
        const p = posting(a.kind, l);
        if (!p) continue;
        const common = { kind: p.kind, qty: p.qty, day: a.day, adjustmentId: a.id, note: l.reason };
        if (l.material_id) await moveMaterial(t, { ...common, materialId: l.material_id });
        else if (l.product_id) await moveProduct(t, { ...common, productId: l.product_id });
        posted.push({ material_id: l.material_id, product_id: l.product_id, ...p });
      }
    }
    const status = d.approve ? 'approved' : 'rejected';
    await repo.setDecision(trx, a.id, { status, decided_by: ctx.who.id, decision_note: note });
    await recordAudit(trx, ctx.who.actor, {
      action: d.approve ? 'stock_adjustments.approve' : 'stock_adjustments.reject',
      entity: 'stock_adjustment',
      entityId: a.id,
      unitId: a.unit_id,
      before: { status: a.status },
      after: { status, decision_note: note, posted },
    });
  });
}
