// Who may see or move an inmate's tabungan premi: the person's record within the principal's units
// (another unit's person is not found, through the register's own policy), then the premi right the
// use needs. kanwil, pusat, instruktur_mitra and humas hold no premi.view: they never see a ledger.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import { inmate } from '../inmates/inmates.policy.ts';
import * as repo from './savings.repo.ts';

/** view: the ledger and its papers; prepare: withdrawals and transfers; payout: pay at release. */
export type SavingsUse = 'view' | 'prepare' | 'payout';

const NEEDS: Record<SavingsUse, Permission> = {
  view: 'premi.view',
  prepare: 'premi.prepare',
  payout: 'premi.payout',
};

export function maySavings(who: Principal, use: SavingsUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

/** What the savings pages offer this principal. */
export function savingsMay(who: Principal) {
  return { prepare: maySavings(who, 'prepare'), payout: maySavings(who, 'payout') };
}
export type SavingsMay = ReturnType<typeof savingsMay>;

/**
 * The person whose ledger it is: 404 when held outside the principal's units, 403 when theirs to
 * know of but not with this right (a ledger is money: premi.view at least, whatever the use).
 */
export async function ledgerOf(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string, o: { for?: SavingsUse } = {}) {
  const row = await inmate(ctx, inmateId);
  if (!maySavings(ctx.who, 'view') || (o.for && !maySavings(ctx.who, o.for))) throw forbidden();
  return row;
}

/** A transfer as the receiving unit sees it: 404 unless it is bound for one of the principal's units. */
export async function incomingTransfer(
  ctx: Pick<Ctx, 'db' | 'who'>,
  id: string,
  o: { for?: SavingsUse; lock?: boolean } = {},
) {
  const t = await repo.findIncoming(ctx.db, ctx.who.scope, id, { lock: o.lock === true });
  if (!t) throw notFound('premi_transfers', 'savings.transfer_not_found');
  if (!maySavings(ctx.who, o.for ?? 'view')) throw forbidden();
  return t;
}
