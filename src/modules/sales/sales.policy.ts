// Who may do what to one sale: the record within the principal's scope (a unit's; sales belong to
// no partner), then what they want to do with it. Pages get `salesMay` instead of repeating this.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import * as repo from './sales.repo.ts';

export type { SaleRow } from './sales.repo.ts';

/** view: read it and print its kuitansi; record: sell, ask to cancel; approve: decide a cancellation. */
export type SaleUse = 'view' | 'record' | 'approve';

const NEEDS: Record<SaleUse, Permission> = {
  view: 'sales.view',
  record: 'sales.record',
  approve: 'sales.approve',
};

/** Whether this principal may use sales so (what a page offers them: buttons, forms). */
export function maySale(who: Principal, use: SaleUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

/** What the sales pages offer this principal. */
export function salesMay(who: Principal) {
  return { record: maySale(who, 'record'), approve: maySale(who, 'approve') };
}
export type SalesMay = ReturnType<typeof salesMay>;

/**
 * The sale, or 404 when it lies outside the principal's scope (another unit's: not theirs to know
 * of), or 403 when it is theirs to see but not to record on or to approve.
 */
export async function sale(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: SaleUse } = {}) {
  const s = await repo.findSale(ctx.db, ctx.who.scope, id);
  if (!s) throw notFound('sales');
  if (o.for && !maySale(ctx.who, o.for)) throw forbidden();
  return s;
}
