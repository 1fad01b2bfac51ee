// Who may manage which accounts. A unit (or Kanwil) administrator manages only the users of the
// units they see; accounts at a regional office or with no home (national) are made and moved by
// national administrators alone, as the unit tree is (NATIONAL_ONLY in app/policy.ts).
import { notFound } from '../../app/errors.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import { inScope, isNational } from '../../app/scope.ts';
import * as repo from './users.repo.ts';

/** The account, or 404 when it belongs to a unit outside the administrator's scope. */
export async function user(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const u = await repo.findUser(ctx.db, ctx.who.scope, id);
  if (!u) throw notFound('users');
  return u;
}

/** Whether an account may be placed in this unit: one of the units the administrator sees. */
export function mayHomeInUnit(who: Principal, unitId: string): boolean {
  return inScope(who.scope, unitId);
}

/** Whether an account may be placed above the units (a Kanwil, or national with no home). */
export function mayHomeAboveUnits(who: Principal): boolean {
  return isNational(who.scope);
}
