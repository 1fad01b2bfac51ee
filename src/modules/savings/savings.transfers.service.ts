// Transfers that carry an inmate's tabungan premi to their record in another unit: sending from the
// old unit, the transfers awaiting the new unit, and receiving them there. Each move is one
// transaction with its journal entry and audit record, on the inmate's locked row.
import { type FieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, SYSTEM, today, withDb } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inmate as inmatePolicy } from '../inmates/inmates.policy.ts';
import { lockedBalance, postEntry } from '../ledger/ledger.service.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { listUnits } from '../units/units.service.ts';
import { ledgerOf, maySavings, incomingTransfer as transferPolicy } from './savings.policy.ts';
import * as repo from './savings.repo.ts';
import { type Balance, payoutAmounts } from './savings.rules.ts';
import { notFoundIn, refusal, STATUS_WORDS, unitOf } from './savings.shared.ts';

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
