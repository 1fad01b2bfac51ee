// Who may see or change a person's own-business (UMKM) plan: the person within the principal's
// scope (the unit's staff; a Bapas officer only for people assigned to them), then the permission.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import * as repo from './business.repo.ts';

export type BusinessUse = 'view' | 'manage';

export function mayBusiness(who: Principal, use: BusinessUse): boolean {
  return can(who, use === 'manage' ? 'reintegration.manage' : 'reintegration.view');
}

/** The person, or 404 outside the principal's scope, or 403 when theirs to see but not to change. */
export async function businessPerson(
  ctx: Pick<Ctx, 'db' | 'who'>,
  inmateId: string,
  o: { for?: BusinessUse } = {},
) {
  const p = await repo.person(ctx.db, ctx.who.scope, inmateId);
  if (!p) throw notFound('inmates');
  if (o.for === 'manage' && !mayBusiness(ctx.who, 'manage')) throw forbidden();
  return p;
}
