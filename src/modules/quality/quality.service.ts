// The partner's quality check: finished items go to the partner in a numbered batch (which maker
// made how many of what), the partner's instructor records per line what passed and what was
// rejected (reason, reworkable or not), passed items become the partner's purchase at the piece rate
// in force on the check date, and every item moves through the stock ledger.
import { AppError, conflict, type FieldError, fieldError, forbidden, invalid } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { QcStatus } from '../../db/schema.ts';
import { termsOn } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { rateOn } from '../products/products.service.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { moveProduct, nextNumber } from '../stock/stock.service.ts';
import { mayCheck, qcBatch } from './quality.policy.ts';
import * as repo from './quality.repo.ts';
import { type CheckLineInput, disposition, lineProblem, MOVEMENT_OF } from './quality.rules.ts';

export type { AwaitingRow, BatchListRow, BatchRow, InvoiceLineRow, LineRow } from './quality.repo.ts';

/** 409: a batch is checked once; a second check (or one racing the first) is refused. */
const alreadyChecked = () => conflict('quality.already_checked', 'quality.alreadyChecked');

export function listBatches(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: {
    programmeId?: string | undefined;
    status?: QcStatus | undefined;
    partnerId?: string | undefined;
    page?: number;
  },
) {
  return repo.listBatches(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
}

/** A batch with its lines (maker, product, counts, rate, value) and each line's rejects. */
export async function batchDetail(
  ctx: Pick<Ctx, 'db' | 'who'>,
  id: string,
  o: { for?: 'view' | 'check' } = {},
) {
  const batch = await qcBatch(ctx, id, o);
  const [lines, rejects] = await Promise.all([
    repo.batchLines(ctx.db, batch.id),
    repo.batchRejects(ctx.db, batch.id),
  ]);
  const withRejects = lines.map((l) => {
    const rj = rejects.filter((r) => r.line_id === l.id);
    return {
      ...l,
      rejects: rj,
      rejected: rj.reduce((a, r) => a + r.qty, 0),
      amount: l.passed !== null && l.rate !== null ? l.passed * l.rate : null,
    };
  });
  const sum = (f: (l: (typeof withRejects)[number]) => number) => withRejects.reduce((a, l) => a + f(l), 0);
  return {
    batch,
    lines: withRejects,
    totals: {
      submitted: sum((l) => l.submitted),
      passed: sum((l) => l.passed ?? 0),
      rejected: sum((l) => l.rejected),
      amount: sum((l) => l.amount ?? 0),
    },
  };
}
export type BatchDetail = Awaited<ReturnType<typeof batchDetail>>;

/** The programme a batch is sent from (in scope, with a partner), and what its makers hold. */
export async function awaitingCheck(ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string) {
  const p = await programme(ctx, programmeId);
  if (!p.partner_id) throw conflict('quality.no_partner', 'quality.noPartner');
  return { programme: p, rows: await repo.awaitingOf(ctx.db, p.id) };
}

export interface BatchLineInput {
  enrolmentId: string;
  productId: string;
  qty: number;
}

/**
 * Sends a programme's finished items to its partner's check as one numbered batch (QC/2026/0001,
 * gapless per unit and year). Lines default to everything the makers hold awaiting the check; a
 * line of 0 is left out. A maker sending more than they hold is refused by the ledger (409) and
 * nothing is written.
 */
export async function createBatch(
  ctx: Ctx,
  input: { programmeId: string; sentOn: string; lines?: BatchLineInput[] | undefined },
): Promise<string> {
  if (!mayCheck(ctx.who)) throw forbidden();
  const { programme: p, rows } = await awaitingCheck(ctx, input.programmeId);
  const partnerId = p.partner_id as string;
  if (input.sentOn > today(ctx, p.timezone)) throw fieldError('sent_on', 'quality.futureDate');
  const lines = (
    input.lines ??
    rows.map((r) => ({ enrolmentId: r.enrolment_id, productId: r.product_id, qty: r.awaiting }))
  ).filter((l) => l.qty !== 0);
  if (lines.some((l) => !Number.isInteger(l.qty) || l.qty < 0))
    throw fieldError('lines', 'stock.badQuantity');
  const keys = new Set(lines.map((l) => `${l.enrolmentId}/${l.productId}`));
  if (keys.size !== lines.length) throw fieldError('lines', 'quality.duplicateLine');
  const members = await repo.enrolmentsOfProgramme(ctx.db, p.id, [
    ...new Set(lines.map((l) => l.enrolmentId)),
  ]);
  if (lines.some((l) => !members.has(l.enrolmentId))) throw fieldError('lines', 'quality.notAMaker');
  // Only what a maker holds of the programme's products can be sent (a product from elsewhere, or
  // none awaiting, is refused here rather than by a foreign key).
  const held = new Set(rows.map((r) => `${r.enrolment_id}/${r.product_id}`));
  if (lines.some((l) => !held.has(`${l.enrolmentId}/${l.productId}`)))
    throw fieldError('lines', 'quality.notAwaiting');
  if (lines.length === 0) throw fieldError('lines', 'quality.nothingToSend');
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const number = await nextNumber(t, p.unit_id, 'QC', Number(input.sentOn.slice(0, 4)));
    const id = await repo.insertBatch(trx, {
      unit_id: p.unit_id,
      partner_id: partnerId,
      programme_id: p.id,
      agreement_id: p.agreement_id,
      number,
      sent_on: input.sentOn,
      created_by: ctx.who.id,
    });
    for (const l of lines) {
      const lineId = await repo.insertLine(trx, {
        batch_id: id,
        enrolment_id: l.enrolmentId,
        product_id: l.productId,
        submitted: l.qty,
      });
      await moveProduct(t, {
        productId: l.productId,
        kind: 'sent_to_check',
        qty: l.qty,
        day: input.sentOn,
        enrolmentId: l.enrolmentId,
        qcLineId: lineId,
      });
    }
    await recordAudit(trx, ctx.who.actor, {
      action: 'quality.batch_sent',
      entity: 'qc_batch',
      entityId: id,
      unitId: p.unit_id,
      after: { number, programme_id: p.id, partner_id: partnerId, sent_on: input.sentOn, lines },
    });
    return id;
  });
}

/** The piece rate on the check date, or null for a line with nothing passed (it buys nothing). */
async function rateFor(ctx: Ctx, line: repo.LineRow, day: string, passed: number): Promise<number | null> {
  try {
    return (await rateOn(ctx, line.product_id, day)).rate;
  } catch (err) {
    if (passed === 0 && err instanceof AppError && err.code === 'production.rate_missing') return null;
    throw err;
  }
}

/**
 * Records the partner's check of a batch, once. Per line: passed plus rejected must equal what was
 * sent (400 per line otherwise); passed items are bought at the piece rate in force on the check
 * date (422 when the agreement has none for the product); reworkable rejects go back to their
 * maker, others to the unit's sale stock when the agreement allows it, else they are written off.
 */
export async function recordCheck(
  ctx: Ctx,
  batchId: string,
  input: { checkedOn: string; lines: CheckLineInput[] },
): Promise<void> {
  const b = await qcBatch(ctx, batchId, { for: 'check' });
  if (b.status !== 'sent') throw alreadyChecked();
  const lines = await repo.batchLines(ctx.db, b.id);
  const errors: FieldError[] = [];
  if (input.checkedOn < b.sent_on) errors.push({ field: 'checked_on', key: 'quality.checkedBeforeSent' });
  else if (input.checkedOn > today(ctx, b.timezone))
    errors.push({ field: 'checked_on', key: 'quality.futureDate' });
  const given = new Map(input.lines.map((l) => [l.lineId, l]));
  if (given.size !== input.lines.length || input.lines.some((l) => !lines.some((x) => x.id === l.lineId)))
    errors.push({ field: 'lines', key: 'quality.unknownLine' });
  for (const line of lines) {
    const l = given.get(line.id);
    if (!l) {
      errors.push({ field: `passed.${line.id}`, key: 'err.required' });
      continue;
    }
    const problem = lineProblem(line.submitted, l);
    if (problem) errors.push({ field: `passed.${line.id}`, ...problem });
  }
  if (errors.length) throw invalid(errors);

  const terms = b.agreement_id ? await termsOn(ctx, b.agreement_id, input.checkedOn) : undefined;
  const saleable = terms?.terms.rejects_saleable ?? false;
  // The rate in force on the check date (products.service: the product's programme's agreement).
  const rates = new Map<string, number | null>();
  for (const line of lines)
    rates.set(line.id, await rateFor(ctx, line, input.checkedOn, given.get(line.id)?.passed ?? 0));

  await ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const locked = await repo.lockBatch(trx, b.id);
    if (locked?.status !== 'sent') throw alreadyChecked();
    const after: Array<Record<string, unknown>> = [];
    for (const line of lines) {
      const l = given.get(line.id) as CheckLineInput;
      const rate = rates.get(line.id) ?? null;
      await repo.setLineChecked(trx, line.id, l.passed, rate);
      const common = {
        productId: line.product_id,
        day: input.checkedOn,
        enrolmentId: line.enrolment_id,
        qcLineId: line.id,
      };
      if (l.passed > 0) await moveProduct(t, { ...common, kind: 'passed', qty: l.passed });
      const rejects = [];
      for (const r of l.rejects) {
        const d = disposition(r.reworkable, saleable);
        await repo.insertReject(trx, {
          line_id: line.id,
          qty: r.qty,
          reason: r.reason,
          reworkable: r.reworkable,
          disposition: d,
          note: r.note?.trim() || null,
        });
        await moveProduct(t, { ...common, kind: MOVEMENT_OF[d], qty: r.qty });
        rejects.push({ qty: r.qty, reason: r.reason, disposition: d });
      }
      after.push({ line_id: line.id, passed: l.passed, rate, rejects });
    }
    await repo.setBatchChecked(trx, b.id, input.checkedOn, ctx.who.id);
    await recordAudit(trx, ctx.who.actor, {
      action: 'quality.batch_checked',
      entity: 'qc_batch',
      entityId: b.id,
      unitId: b.unit_id,
      before: { status: 'sent' },
      after: { status: 'checked', checked_on: input.checkedOn, lines: after },
    });
  });
}

// ---- For the offtake invoice (offtake.service.ts), which owns invoices but not batches ----

/** A partner's checked batches not yet invoiced, with the value of what passed in each. */
export async function uninvoicedBatches(ctx: Pick<Ctx, 'db' | 'who'>, partnerId: string) {
  const r = await repo.listBatches(ctx.db, ctx.who.scope, {
    partnerId,
    status: 'checked',
    page: 1,
    pageSize: 500,
  });
  return r.rows;
}

/**
 * Inside the invoice's transaction: locks the batches, checks each is this partner's, in scope and
 * checked but not invoiced (409 otherwise), marks them invoiced and returns each one's amount.
 */
export async function takeBatchesForInvoice(ctx: Ctx, partnerId: string, batchIds: readonly string[]) {
  for (const id of batchIds) await qcBatch(ctx, id);
  const locked = await repo.lockBatches(ctx.db, batchIds);
  for (const b of locked)
    if (b.partner_id !== partnerId || b.status !== 'checked')
      throw conflict('quality.batch_not_invoiceable', 'quality.notInvoiceable', { number: b.number });
  const units = new Set(locked.map((b) => b.unit_id));
  const unitId = locked[0]?.unit_id;
  if (units.size !== 1 || !unitId || locked.length !== batchIds.length)
    throw conflict('quality.batch_not_invoiceable', 'quality.notInvoiceable', {
      number: locked[0]?.number ?? '',
    });
  const amounts = await repo.batchAmounts(ctx.db, batchIds);
  await repo.setBatchesInvoiced(ctx.db, batchIds);
  return { unitId, amounts: batchIds.map((id) => ({ batchId: id, amount: amounts.get(id) ?? 0 })) };
}

/** The lines of an invoice: per batch and product, items passed, rate and amount (no makers). */
export function invoiceLinesOf(ctx: Pick<Ctx, 'db'>, batchIds: readonly string[]) {
  return repo.invoiceLines(ctx.db, batchIds);
}
