// Who may do what to one agreement: the record within the principal's scope (a unit's, and for a
// partner instructor only their own partner's), then what they want to do with it.
import { conflict, forbidden, notFound } from '../../app/errors.ts';
import { can, type Grantee, type Permission } from '../../app/policy.ts';
import type { Ctx } from '../../app/principal.ts';
import * as repo from './agreements.repo.ts';
import { isEditable } from './agreements.rules.ts';

export type { AgreementRow } from './agreements.repo.ts';

/**
 * view: read it, its terms and documents; manage: record, monev, documents; edit: change its text
 * and terms, only while it is a draft (a signed agreement changes by addendum); sign: the Kepala's
 * signature.
 */
export type AgreementUse = 'view' | 'manage' | 'edit' | 'sign';

const NEEDS: Record<AgreementUse, Permission> = {
  view: 'agreements.view',
  manage: 'agreements.manage',
  edit: 'agreements.manage',
  sign: 'agreements.sign',
};

/** Whether this principal may use agreements so (what a page offers them: buttons, forms). */
export function mayAgreement(who: Grantee, use: AgreementUse): boolean {
  return can(who, NEEDS[use]);
}

/**
 * The agreement, or 404 when it lies outside the principal's scope (another unit's, another
 * partner's: not theirs to know of), or 403 when it is theirs to see but not to manage or sign, or
 * 409 when it is to be edited but is no longer a draft.
 */
/** 409: only a draft is edited in place. */
export const notEditable = () => conflict('agreements.not_editable', 'agreements.not_editable');

export async function agreement(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: AgreementUse } = {}) {
  const a = await repo.findAgreement(ctx.db, ctx.who.scope, id);
  if (!a) throw notFound('agreements');
  if (o.for && o.for !== 'view' && !mayAgreement(ctx.who, o.for)) throw forbidden();
  if (o.for === 'edit' && !isEditable(a.status)) throw notEditable();
  return a;
}
