// An inmate's tabungan premi: the statement (every posting with its running balance), withdrawals
// from the spendable pocket with their receipt, the payout at release that closes the ledger at
// zero, and transfers that carry the balance to the person's record in another unit. Money moves
// only through postEntry, inside the same transaction as the document and its audit record; the
// inmate's row is locked first (lockedBalance) so two spends at once cannot overdraw.
import { AppError, type FieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { formatRupiah } from '../../app/format.ts';
import { type Ctx, SYSTEM, today, withDb } from '../../app/principal.ts';
import { inScope, withinUnit } from '../../app/scope.ts';
import type { InmateStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inmate as inmatePolicy } from '../inmates/inmates.policy.ts';
import { lockedBalance, postEntry } from '../ledger/ledger.service.ts';
import { nextNumber } from '../stock/stock.service.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { listUnits } from '../units/units.service.ts';
import { ledgerOf, maySavings, incomingTransfer as transferPolicy } from './savings.policy.ts';
import * as repo from './savings.repo.ts';
import {
  type Balance,
  mayWithdraw,
  PAYOUT_SERIES,
  type PayoutMethod,
  PURPOSE_WORDS,
  payoutAmounts,
  runningBalance,
  WITHDRAWAL_SERIES,
  type WithdrawalPurpose,
} from './savings.rules.ts';

export type { TransferRow } from './savings.repo.ts';

const STATUS_WORDS: Record<InmateStatus, string> = {
  active: 'aktif',
  released: 'bebas',
  transferred: 'pindah',
};
const clean = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};
const year = (day: string) => Number(day.slice(0, 4));
/** A rule refusal that the form shows on the field it is about, and the API as its status. */
const refusal = (code: string, status: number, f: FieldError) =>
  new AppError(code, status, f.key, f.params ?? {}, [f]);

/** The person's unit as its papers print it (letterhead) and its calendar day. */
async function unitOf(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  return unitPolicy(ctx, unitId);
}

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

/** Transfers bound for the principal's units; `pending` keeps those not yet received. */
export async function incomingTransfers(ctx: Pick<Ctx, 'db' | 'who'>, f: { pending?: boolean } = {}) {
  if (!maySavings(ctx.who, 'prepare')) return [];
  return repo.listIncoming(ctx.db, ctx.who.scope, f);
}

/** One transfer bound for the principal's units (the receiving page). */
export async function incomingTransfer(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  return transferPolicy(ctx, id, { for: 'prepare' });
}

/** Active people of the transfer's destination unit who may receive its balance (the form's choices). */
export async function receiversFor(ctx: Pick<Ctx, 'db' | 'who'>, transferId: string) {
  const t = await transferPolicy(ctx, transferId, { for: 'prepare' });
  return repo.receivers(ctx.db, ctx.who.scope, t.to_unit_id);
}

/** Every unit but the person's own: where a balance may be sent (unit names are public). */
export async function destinationUnits(ctx: Pick<Ctx, 'db'>, exceptUnitId: string) {
  // The destination is usually outside the sender's scope: read the unit directory as the system.
  const all = await listUnits({ db: ctx.db, who: SYSTEM });
  return all.filter((u) => u.id !== exceptUnitId && u.active).map((u) => ({ id: u.id, name: u.name }));
}

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

const notFoundIn = (code: string) => new AppError(code, 404, 'err.notFound');

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

// ---- Transfers ----------------------------------------------------------------------------------

const alreadySent = () =>
  refusal('savings.already_sent', 409, { field: 'to_unit_id', key: 'savings.alreadySent' });

export interface SendInput {
  to_unit_id: string;
  sent_on: string;
}

/**
 * Sends a transferred person's whole balance to their new unit: transfer_out in the old unit (premi
 * + both pockets / cash −) and a premi_transfers row the new unit receives. Only for status
 * 'transferred' (422), once per record (409), and only a balance above zero (422).
 */
export async function sendTransfer(ctx: Ctx, inmateId: string, input: SendInput) {
  const person = await ledgerOf(ctx, inmateId, { for: 'prepare' });
  const unit = await unitOf(ctx, person.unit_id);
  const errors: FieldError[] = [];
  if (input.sent_on > today(ctx, unit.timezone)) errors.push({ field: 'sent_on', key: 'savings.futureDate' });
  if (input.to_unit_id === person.unit_id) errors.push({ field: 'to_unit_id', key: 'savings.sameUnit' });
  else {
    const dest = await unitPolicy({ db: ctx.db, who: SYSTEM }, input.to_unit_id).catch(() => null);
    if (!dest) errors.push({ field: 'to_unit_id', key: 'savings.unitUnknown' });
  }
  if (errors.length) throw invalid(errors);

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      const locked = await lockedBalance(t, inmateId);
      if (!locked) throw notFoundIn('inmates.not_found');
      if (locked.inmate.status !== 'transferred')
        throw refusal('savings.not_transferred', 422, {
          field: 'to_unit_id',
          key: 'savings.notTransferred',
          params: { status: STATUS_WORDS[locked.inmate.status] },
        });
      const earlier = await repo.transfersOf(trx, inmateId);
      if (earlier.out) throw alreadySent();
      const send = payoutAmounts(locked);
      if (!send)
        throw refusal('savings.nothing_to_send', 422, { field: 'to_unit_id', key: 'savings.nothingToSend' });
      const values = {
        from_unit_id: person.unit_id,
        from_inmate_id: inmateId,
        to_unit_id: input.to_unit_id,
        saved: send.saved,
        spendable: send.spendable,
        sent_on: input.sent_on,
        sent_by: ctx.who.actor.userId,
      };
      const id = await repo.insertTransfer(trx, values);
      await postEntry(t, {
        unitId: person.unit_id,
        day: input.sent_on,
        kind: 'transfer_out',
        sourceId: id,
        memo: 'Saldo tabungan premi dipindahkan ke unit tujuan',
        lines: [
          { account: 'premi', purpose: 'transfer', inmateId, pocket: 'saved', amount: send.saved },
          { account: 'premi', purpose: 'transfer', inmateId, pocket: 'spendable', amount: send.spendable },
          { account: 'cash', purpose: 'transfer', amount: -send.total },
        ],
      });
      await recordAudit(trx, ctx.who.actor, {
        action: 'savings.transfer_send',
        entity: 'premi_transfer',
        entityId: id,
        unitId: person.unit_id,
        before: { saved: locked.saved, spendable: locked.spendable },
        after: values,
      });
      return { id, ...send };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'premi_transfers_from_inmate_id_key')) throw alreadySent();
    throw err;
  }
}

const alreadyReceived = () =>
  refusal('savings.already_received', 409, { field: 'inmate_id', key: 'savings.alreadyReceived' });

/**
 * The destination unit takes the balance into the person's record there (an inmate of that unit):
 * transfer_in (cash + / premi − both pockets) on the day received, once (409 when already received).
 */
export async function receiveTransfer(ctx: Ctx, transferId: string, input: { inmate_id: string }) {
  const pre = await transferPolicy(ctx, transferId, { for: 'prepare' });
  const receiver = await inmatePolicy(ctx, input.inmate_id).catch(() => null);
  if (!receiver || receiver.unit_id !== pre.to_unit_id || receiver.status !== 'active')
    throw invalid([{ field: 'inmate_id', key: 'savings.receiverOtherUnit' }]);
  const unit = await unitOf(ctx, pre.to_unit_id);
  const day = [pre.sent_on, today(ctx, unit.timezone)].sort().at(-1) ?? pre.sent_on;

  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    await lockedBalance(t, input.inmate_id);
    const tr = await transferPolicy(t, transferId, { for: 'prepare', lock: true });
    if (tr.to_inmate_id) throw alreadyReceived();
    if ((await repo.transfersOf(trx, input.inmate_id)).in)
      throw invalid([{ field: 'inmate_id', key: 'savings.receiverHasTransfer' }]);
    const set = { to_inmate_id: input.inmate_id, received_on: day, received_by: ctx.who.actor.userId };
    if (!(await repo.markReceived(trx, transferId, set))) throw alreadyReceived();
    const total = tr.saved + tr.spendable;
    await postEntry(t, {
      unitId: tr.to_unit_id,
      day,
      kind: 'transfer_in',
      sourceId: transferId,
      memo: `Pindahan saldo tabungan premi dari ${tr.from_unit_name}`,
      lines: [
        { account: 'cash', purpose: 'transfer', amount: total },
        {
          account: 'premi',
          purpose: 'transfer',
          inmateId: input.inmate_id,
          pocket: 'saved',
          amount: -tr.saved,
        },
        {
          account: 'premi',
          purpose: 'transfer',
          inmateId: input.inmate_id,
          pocket: 'spendable',
          amount: -tr.spendable,
        },
      ],
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'savings.transfer_receive',
      entity: 'premi_transfer',
      entityId: transferId,
      unitId: tr.to_unit_id,
      before: { to_inmate_id: null },
      after: { ...set, saved: tr.saved, spendable: tr.spendable },
    });
    return { id: transferId, saved: tr.saved, spendable: tr.spendable } satisfies Balance & { id: string };
  });
}
