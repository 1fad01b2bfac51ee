// Who may do what with the privacy records: a breach is seen within the principal's units (another
// unit's breach looks exactly like none), and the legal basis is national reference data that only
// a national administrator changes. The pages ask `privacyMay` what to offer.
import { notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import { isNational } from '../../app/scope.ts';
import * as repo from './privacy.repo.ts';

/** A national administrator: the admin role with no unit or regional office (scope: everything). */
export function mayChangeLegalBasis(who: Pick<Principal, 'roles' | 'scope'>): boolean {
  return who.roles.includes('admin') && isNational(who.scope);
}

/** The breach, if it belongs to one of the principal's units (404 privacy.breach_not_found). */
export async function breach(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const b = await repo.findBreach(ctx.db, ctx.who.scope, id);
  if (!b) throw notFound('privacy', 'privacy.breach_not_found');
  return b;
}

/** What the privacy pages offer this principal. */
export function privacyMay(who: Principal) {
  return {
    breaches: can(who, 'privacy.breaches.view'),
    manageBreaches: can(who, 'privacy.breaches.manage'),
    accessLog: can(who, 'privacy.access_log'),
    changeLegalBasis: mayChangeLegalBasis(who),
  };
}

export type PrivacyMay = ReturnType<typeof privacyMay>;
