// Who may do what to the unit tree (units and regional offices). It is the same for every unit,
// so only a national administrator changes it (NATIONAL_ONLY in app/policy.ts); everyone with
// units.view reads the units in their scope.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Grantee } from '../../app/policy.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import * as repo from './units.repo.ts';

/** view: read it; manage: add or change units and regional offices (national administrators). */
export type UnitUse = 'view' | 'manage';

/** Whether this principal may change the unit tree (what the units pages offer them). */
export function mayManageUnits(who: Grantee): boolean {
  return can(who, 'units.manage');
}

/**
 * The unit, or 404 when it lies outside the principal's scope (out of scope looks exactly like
 * absent: a user cannot learn that another unit's record exists), or 403 when they may see it but
 * not change the unit tree.
 */
export async function unit(
  ctx: Pick<Ctx, 'db'> & { who: Pick<Principal, 'roles' | 'scope'> },
  id: string,
  o: { for?: UnitUse } = {},
) {
  const u = await repo.findUnit(ctx.db, ctx.who.scope, id);
  if (!u) throw notFound('units');
  if (o.for === 'manage' && !mayManageUnits(ctx.who)) throw forbidden();
  return u;
}
