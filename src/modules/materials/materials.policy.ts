// Who may do what to one material and to one stock-take or write-off: the record within the
// principal's scope (the unit's; a partner's consignment also by its partner), then what they want
// to do with it. Only unit staff hold stock.* (a partner's instructor does not), and only the
// Kepala UPT approves (stock.approve).
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Grantee } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import * as adjustments from './adjustments.repo.ts';
import * as repo from './materials.repo.ts';

export type { MaterialRow } from './materials.repo.ts';

/** view: read it and its movements; manage: change it, record goods received, issued, returned. */
export type MaterialUse = 'view' | 'manage';

const isSystemActor = (who: Principal | Grantee) => 'scope' in who && actsAsSystem(who);

/** Whether this principal may use stock so; the system (seeding the demo) may. */
export function mayStock(who: Principal | Grantee, use: 'view' | 'manage' | 'approve'): boolean {
  if (isSystemActor(who)) return true;
  return can(who, use === 'view' ? 'stock.view' : use === 'manage' ? 'stock.manage' : 'stock.approve');
}

/** What the stock pages offer this principal. */
export function stockMay(who: Principal) {
  return {
    manage: mayStock(who, 'manage'),
    approve: mayStock(who, 'approve'),
    // Inmate data is sensitive: names of participants only for those who see the production log.
    names: can(who, 'production.view') || isSystemActor(who),
  };
}
export type StockMay = ReturnType<typeof stockMay>;

/**
 * The material, or 404 when it lies outside the principal's scope (not theirs to know of), or 403
 * when it is theirs to see but not to manage.
 */
export async function material(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: MaterialUse } = {}) {
  const m = await repo.findMaterial(ctx.db, ctx.who.scope, id);
  if (!m) throw notFound('materials');
  if (o.for === 'manage' && !mayStock(ctx.who, 'manage')) throw forbidden();
  return m;
}

/** view: read it; decide: approve or reject it (the Kepala UPT). */
export type AdjustmentUse = 'view' | 'decide';

/**
 * The stock-take or write-off, or 404 outside the scope, or 403 when it is to be decided by someone
 * who may not approve. `lock` holds its row for the caller's transaction.
 */
export async function stockAdjustment(
  ctx: Pick<Ctx, 'db' | 'who'>,
  id: string,
  o: { for?: AdjustmentUse; lock?: boolean } = {},
) {
  if (o.for === 'decide' && !mayStock(ctx.who, 'approve')) {
    // Still 404 for what is not theirs to know of.
    if (!(await adjustments.findAdjustment(ctx.db, ctx.who.scope, id))) throw notFound('stock_adjustments');
    throw forbidden();
  }
  const a = await adjustments.findAdjustment(ctx.db, ctx.who.scope, id, o.lock);
  if (!a) throw notFound('stock_adjustments');
  return a;
}
