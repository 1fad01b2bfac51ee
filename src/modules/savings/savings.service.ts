// An inmate's tabungan premi, read: the statement (every posting with its running balance), the
// payouts still owed at release, and the withdrawal receipt and payout slip. Withdrawals and the
// payout are savings.payouts.service.ts; transfers to another unit savings.transfers.service.ts.
import type { Ctx } from '../../app/principal.ts';
import { inScope, withinUnit } from '../../app/scope.ts';
import { ledgerOf, maySavings } from './savings.policy.ts';
import * as repo from './savings.repo.ts';
import { runningBalance } from './savings.rules.ts';
import { notFoundIn, unitOf } from './savings.shared.ts';

export type { TransferRow } from './savings.repo.ts';

// ---- Reading ------------------------------------------------------------------------------------

/**
 * The whole ledger of one register record: the person, their unit, every posting with the balance
 * after it, the closing balance per pocket, and the documents behind the postings.
 */
export async function statement(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string) {
  const person = await ledgerOf(ctx, inmateId);
  const [unit, postings, withdrawals, payout, transfers] = await Promise.all([
    unitOf(ctx, person.unit_id),
    repo.postingsOf(ctx.db, inmateId),
    repo.withdrawalsOf(ctx.db, inmateId),
    repo.payoutOf(ctx.db, inmateId),
    repo.transfersOf(ctx.db, inmateId),
  ]);
  const rows = runningBalance(postings);
  const last = rows.at(-1)?.balance ?? { saved: 0, spendable: 0, total: 0 };
  return {
    inmate: {
      id: person.id,
      unit_id: person.unit_id,
      unit_name: person.unit_name,
      name: person.name,
      reg_number: person.reg_number,
      status: person.status,
    },
    unit,
    rows,
    balance: last,
    withdrawals,
    payout: payout ?? null,
    transferOut: transfers.out ?? null,
    transferIn: transfers.in ?? null,
  };
}
export type Statement = Awaited<ReturnType<typeof statement>>;

/**
 * Released people still owed premi with no payout yet, in the principal's units (or one of them).
 * Names are for the unit's staff only: a principal without premi.view (kanwil, pusat) gets none,
 * so a dashboard may ask for anyone.
 */
export async function payoutTasks(ctx: Pick<Ctx, 'db' | 'who'>, o: { unitId?: string | undefined } = {}) {
  if (!maySavings(ctx.who, 'view')) return [];
  if (o.unitId && !inScope(ctx.who.scope, o.unitId)) return [];
  const scope = o.unitId ? withinUnit(ctx.who.scope, o.unitId) : ctx.who.scope;
  return repo.payoutTasks(ctx.db, scope);
}
export type PayoutTask = Awaited<ReturnType<typeof payoutTasks>>[number];

/** A withdrawal's receipt: the withdrawal, the person, their unit's letterhead. */
export async function withdrawalDocument(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const w = await repo.findWithdrawal(ctx.db, ctx.who.scope, id);
  if (!w) throw notFoundIn('savings.withdrawal_not_found');
  const person = await ledgerOf(ctx, w.inmate_id);
  return { withdrawal: w, inmate: person, unit: await unitOf(ctx, w.unit_id) };
}
export type WithdrawalDocument = Awaited<ReturnType<typeof withdrawalDocument>>;

/** The payout slip: the payout, the person, their unit's letterhead and its head. */
export async function payoutDocument(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const p = await repo.findPayout(ctx.db, ctx.who.scope, id);
  if (!p) throw notFoundIn('savings.payout_not_found');
  const person = await ledgerOf(ctx, p.inmate_id);
  return { payout: p, inmate: person, unit: await unitOf(ctx, p.unit_id) };
}
export type PayoutDocument = Awaited<ReturnType<typeof payoutDocument>>;
