// Money paid out of an inmate's tabungan premi: withdrawals from the spendable pocket and the payout
// at release that closes the ledger at zero. Money moves only through postEntry, inside the same
// transaction as the document and its audit record; the inmate's row is locked first (lockedBalance)
// so two spends at once cannot overdraw.
import { type FieldError, invalid } from '../../app/errors.ts';
import { formatRupiah } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lockedBalance, postEntry } from '../ledger/ledger.service.ts';
import { nextNumber } from '../stock/stock.service.ts';
import { ledgerOf } from './savings.policy.ts';
import * as repo from './savings.repo.ts';
import {
  mayWithdraw,
  PAYOUT_SERIES,
  type PayoutMethod,
  PURPOSE_WORDS,
  payoutAmounts,
  WITHDRAWAL_SERIES,
  type WithdrawalPurpose,
} from './savings.rules.ts';
import { clean, notFoundIn, refusal, STATUS_WORDS, unitOf, year } from './savings.shared.ts';

// ---- Withdrawals --------------------------------------------------------------------------------

export interface WithdrawalInput {
  day: string;
  amount: number;
  purpose: WithdrawalPurpose;
  reason: string;
  recipient?: string | null | undefined;
}

/**
 * Draws from the spendable pocket: PRM-TRK number, the withdrawal, its entry (premi + spendable /
 * cash −), audited. Above the spendable balance is 409 savings.overdraw naming the balance; a
 * released or transferred person is 422; nothing is written and no number is used.
 */
export async function withdraw(ctx: Ctx, inmateId: string, input: WithdrawalInput) {
  const person = await ledgerOf(ctx, inmateId, { for: 'prepare' });
  const unit = await unitOf(ctx, person.unit_id);
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.push({ field: 'amount', key: 'savings.amountWhole' });
  if (!clean(input.reason)) errors.push({ field: 'reason', key: 'savings.reasonRequired' });
  if (input.purpose === 'family' && !clean(input.recipient))
    errors.push({ field: 'recipient', key: 'savings.recipientRequired' });
  if (input.day > today(ctx, unit.timezone)) errors.push({ field: 'day', key: 'savings.futureDate' });
  if (errors.length) throw invalid(errors);

  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const locked = await lockedBalance(t, inmateId);
    if (!locked) throw notFoundIn('inmates.not_found');
    if (locked.inmate.status !== 'active')
      throw refusal('savings.not_active', 422, {
        field: 'amount',
        key: 'savings.notActive',
        params: { status: STATUS_WORDS[locked.inmate.status] },
      });
    if (!mayWithdraw(locked, input.amount))
      throw refusal('savings.overdraw', 409, {
        field: 'amount',
        key: 'savings.overdraw',
        params: { balance: formatRupiah(locked.spendable), amount: formatRupiah(input.amount) },
      });
    const number = await nextNumber(t, person.unit_id, WITHDRAWAL_SERIES, year(input.day));
    const values = {
      unit_id: person.unit_id,
      inmate_id: inmateId,
      number,
      day: input.day,
      amount: input.amount,
      purpose: input.purpose,
      reason: clean(input.reason) ?? '',
      recipient: input.purpose === 'family' ? clean(input.recipient) : null,
      created_by: ctx.who.actor.userId,
    };
    const id = await repo.insertWithdrawal(trx, values);
    await postEntry(t, {
      unitId: person.unit_id,
      day: input.day,
      kind: 'withdrawal',
      sourceId: id,
      memo: `${number} · ${PURPOSE_WORDS[input.purpose]}`,
      lines: [
        { account: 'premi', purpose: 'withdrawal', inmateId, pocket: 'spendable', amount: input.amount },
        { account: 'cash', purpose: 'withdrawal', amount: -input.amount },
      ],
    });
    // The recipient (a family member's name) stays on the withdrawal, out of the audit trail.
    const { recipient: _, ...audited } = values;
    await recordAudit(trx, ctx.who.actor, {
      action: 'savings.withdraw',
      entity: 'premi_withdrawal',
      entityId: id,
      unitId: person.unit_id,
      before: { spendable: locked.spendable },
      after: { ...audited, spendable: locked.spendable - input.amount },
    });
    return { id, number };
  });
}

// ---- Payout at release --------------------------------------------------------------------------

export interface PayoutInput {
  paid_on: string;
  method: PayoutMethod;
  reference?: string | null | undefined;
}

const alreadyPaid = (number: string) =>
  refusal('savings.already_paid', 409, { field: 'paid_on', key: 'savings.alreadyPaid', params: { number } });

/**
 * Pays both pockets at release in one entry (premi + saved, premi + spendable / cash − total),
 * records the payout (PRM-BYR number) and leaves the ledger at zero. Before release: 422; paid out
 * already and nothing owed since: 409 naming the earlier payout (two at once queue on the inmate's
 * lock, so the second finds nothing owed); never paid and nothing owed: 422. Premi credited after a
 * payout (the run of the release month, items the partner checks later) is paid as the rest (sisa).
 */
export async function payOut(ctx: Ctx, inmateId: string, input: PayoutInput) {
  const person = await ledgerOf(ctx, inmateId, { for: 'payout' });
  const unit = await unitOf(ctx, person.unit_id);
  const errors: FieldError[] = [];
  if (input.paid_on > today(ctx, unit.timezone)) errors.push({ field: 'paid_on', key: 'savings.futureDate' });
  if (input.method === 'transfer' && !clean(input.reference))
    errors.push({ field: 'reference', key: 'savings.referenceRequired' });
  if (errors.length) throw invalid(errors);

  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const locked = await lockedBalance(t, inmateId);
    if (!locked) throw notFoundIn('inmates.not_found');
    if (locked.inmate.status !== 'released')
      throw refusal('savings.not_released', 422, {
        field: 'paid_on',
        key: 'savings.notReleased',
        params: { status: STATUS_WORDS[locked.inmate.status] },
      });
    const earlier = await repo.payoutOf(trx, inmateId);
    const pay = payoutAmounts(locked);
    if (!pay && earlier) throw alreadyPaid(earlier.number);
    if (!pay) throw refusal('savings.nothing_to_pay', 422, { field: 'paid_on', key: 'savings.nothingToPay' });
    const number = await nextNumber(t, person.unit_id, PAYOUT_SERIES, year(input.paid_on));
    const values = {
      unit_id: person.unit_id,
      inmate_id: inmateId,
      number,
      paid_on: input.paid_on,
      saved: pay.saved,
      spendable: pay.spendable,
      method: input.method,
      reference: input.method === 'transfer' ? clean(input.reference) : null,
      created_by: ctx.who.actor.userId,
    };
    const id = await repo.insertPayout(trx, values);
    await postEntry(t, {
      unitId: person.unit_id,
      day: input.paid_on,
      kind: 'payout',
      sourceId: id,
      memo: earlier
        ? `${number} · Pembayaran sisa premi setelah bebas (sesudah ${earlier.number})`
        : `${number} · Pembayaran tabungan premi saat bebas`,
      lines: [
        { account: 'premi', purpose: 'payout', inmateId, pocket: 'saved', amount: pay.saved },
        { account: 'premi', purpose: 'payout', inmateId, pocket: 'spendable', amount: pay.spendable },
        { account: 'cash', purpose: 'payout', amount: -pay.total },
      ],
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'savings.payout',
      entity: 'premi_payout',
      entityId: id,
      unitId: person.unit_id,
      before: { saved: locked.saved, spendable: locked.spendable },
      after: values,
    });
    return { id, number, ...pay };
  });
}
