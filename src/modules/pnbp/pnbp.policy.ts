// Who may read and record the unit's PNBP, capital and reconciliation: the unit, looked up through
// its policy (another unit's is a 404), then what they want to do with it (403). Offices read
// totals per unit only (premi.totals); pages get `pnbpMay` instead of repeating this.
import { fieldError, forbidden } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';

/** view: the unit's books (premi.view); prepare: record deposits; totals: sums per unit. */
export type PnbpUse = 'view' | 'prepare' | 'totals';

const NEEDS: Record<PnbpUse, Permission> = {
  view: 'premi.view',
  prepare: 'premi.prepare',
  totals: 'premi.totals',
};

export function mayPnbp(who: Principal, use: PnbpUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

export function pnbpMay(who: Principal) {
  return { prepare: mayPnbp(who, 'prepare'), view: mayPnbp(who, 'view') };
}
export type PnbpMay = ReturnType<typeof pnbpMay>;

/**
 * The unit asked for (or the user's own), or 400 when none is named and the user has no unit, 404
 * when it lies outside their scope, 403 when they may not use its books so.
 */
export async function pnbpUnit(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string | undefined, use: PnbpUse) {
  const id = unitId ?? ctx.who.unitId;
  if (!id) throw fieldError('unit_id', 'pnbp.unitRequired');
  const u = await unitPolicy(ctx, id);
  if (!mayPnbp(ctx.who, use)) throw forbidden();
  return u;
}
