// Who may do what to one partner: the partner within the principal's scope (a unit's partners,
// and for a partner instructor only their own), then what they want to do with it.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Grantee } from '../../app/policy.ts';
import type { Ctx } from '../../app/principal.ts';
import * as repo from './partners.repo.ts';

export type { PartnerRow } from './partners.repo.ts';

/** view: read it; manage: change its details and add its instructors' accounts. */
export type PartnerUse = 'view' | 'manage';

/** Whether this principal may use partners so (what a page offers them). */
export function mayPartner(who: Grantee, use: PartnerUse): boolean {
  return can(who, use === 'manage' ? 'partners.manage' : 'partners.view');
}

/**
 * The partner, or 404 when it lies outside the principal's scope (not theirs to know of), or 403
 * when it is theirs to see but not to manage.
 */
export async function partner(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: PartnerUse } = {}) {
  const p = await repo.findPartner(ctx.db, ctx.who.scope, id);
  if (!p) throw notFound('partners');
  if (o.for === 'manage' && !mayPartner(ctx.who, 'manage')) throw forbidden();
  return p;
}
