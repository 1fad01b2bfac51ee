// Offtake invoices: the partner buys what passed its quality check at the piece rates in force on
// the check date. An invoice gathers checked batches of one partner (amount per batch = passed x
// rate over its lines), numbered INV/2026/0001 gapless per unit and year; payments are recorded
// against it until nothing is owed.

import { daysBetween } from '../../app/days.ts';
import { conflict, type FieldError, fieldError, forbidden, invalid } from '../../app/errors.ts';
import { formatRupiah } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { InvoiceStatus, PaymentMethod } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { partner } from '../partners/partners.policy.ts';
import { invoiceLinesOf, takeBatchesForInvoice, uninvoicedBatches } from '../quality/quality.service.ts';
import { nextNumber } from '../stock/stock.service.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { headOfUnit } from '../users/users.service.ts';
import { mayRecordSales, offtakeInvoice } from './offtake.policy.ts';
import * as repo from './offtake.repo.ts';

export type { InvoiceRow, PaymentRow } from './offtake.repo.ts';

/** Invoices in scope with what is owed on the open ones, and each open invoice's age in days. */
export async function listInvoices(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  f: { partnerId?: string | undefined; status?: InvoiceStatus | undefined; page?: number },
) {
  const r = await repo.listInvoices(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
  return {
    ...r,
    rows: r.rows.map((i) => ({
      ...i,
      age: i.status === 'open' ? daysBetween(i.issued_on, today(ctx, i.timezone)) : null,
    })),
  };
}
export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>['rows'][number];

/** For the dashboard: how many invoices are open and what is still owed on them. */
export function unpaidInvoices(ctx: Pick<Ctx, 'db' | 'who'>): Promise<{ count: number; owed: number }> {
  return repo.unpaid(ctx.db, ctx.who.scope);
}

/** An invoice with its lines (per batch and product, never per maker) and its payments. */
export async function invoiceDetail(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, id: string) {
  const invoice = await offtakeInvoice(ctx, id);
  const batches = await repo.invoiceBatches(ctx.db, invoice.id);
  const [lines, paid] = await Promise.all([
    invoiceLinesOf(
      ctx,
      batches.map((b) => b.batchId),
    ),
    repo.payments(ctx.db, invoice.id),
  ]);
  const age = invoice.status === 'open' ? daysBetween(invoice.issued_on, today(ctx, invoice.timezone)) : null;
  return { invoice: { ...invoice, age }, batches, lines, payments: paid };
}
export type InvoiceDetail = Awaited<ReturnType<typeof invoiceDetail>>;

/** What the printed invoice shows: the invoice, the unit's letterhead and its Kepala's name. */
export async function invoiceDocument(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, id: string) {
  const d = await invoiceDetail(ctx, id);
  const [unit, head] = await Promise.all([
    unitPolicy(ctx, d.invoice.unit_id),
    headOfUnit(ctx.db, d.invoice.unit_id),
  ]);
  return { ...d, unit, head };
}

/** What a new invoice for a partner may gather: the partner, and its checked batches not yet invoiced. */
export async function invoiceableBatches(ctx: Pick<Ctx, 'db' | 'who'>, partnerId: string) {
  const p = await partner(ctx, partnerId);
  return { partner: p, batches: await uninvoicedBatches(ctx, p.id) };
}

/**
 * Issues an invoice to a partner for some of its checked batches. Each batch is invoiced once (the
 * batches are locked and must still be checked, not invoiced: 409 otherwise) and nothing is written
 * when any is refused.
 */
export async function createInvoice(
  ctx: Ctx,
  input: { partnerId: string; batchIds: string[]; issuedOn: string; dueOn?: string | null | undefined },
): Promise<string> {
  if (!mayRecordSales(ctx.who)) throw forbidden();
  const { partner: p, batches } = await invoiceableBatches(ctx, input.partnerId);
  const ids = [...new Set(input.batchIds)];
  if (ids.length === 0) throw fieldError('batch_ids', 'offtake.noBatches');
  const chosen = ids.map((id) => batches.find((b) => b.id === id));
  const missing = chosen.findIndex((b) => !b);
  if (missing >= 0) throw conflict('quality.batch_not_invoiceable', 'offtake.batchNotInvoiceable');
  const zone = chosen[0]?.timezone ?? ctx.who.zone;
  const errors: FieldError[] = [];
  if (input.issuedOn > today(ctx, zone)) errors.push({ field: 'issued_on', key: 'quality.futureDate' });
  const lastChecked = chosen.reduce((a, b) => (b?.checked_on && b.checked_on > a ? b.checked_on : a), '');
  if (input.issuedOn < lastChecked) errors.push({ field: 'issued_on', key: 'offtake.issuedBeforeCheck' });
  if (input.dueOn && input.dueOn < input.issuedOn)
    errors.push({ field: 'due_on', key: 'offtake.dueBeforeIssue' });
  if (errors.length) throw invalid(errors);
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const { unitId, amounts } = await takeBatchesForInvoice(t, p.id, ids);
    const total = amounts.reduce((a, b) => a + b.amount, 0);
    const number = await nextNumber(t, unitId, 'INV', Number(input.issuedOn.slice(0, 4)));
    const id = await repo.insertInvoice(trx, {
      unit_id: unitId,
      partner_id: p.id,
      number,
      issued_on: input.issuedOn,
      due_on: input.dueOn ?? null,
      total,
      // Nothing passed in the batches: nothing to pay, so nothing is owed.
      status: total === 0 ? 'paid' : 'open',
      created_by: ctx.who.id,
    });
    for (const a of amounts)
      await repo.insertInvoiceBatch(trx, { invoice_id: id, batch_id: a.batchId, amount: a.amount });
    await recordAudit(trx, ctx.who.actor, {
      action: 'offtake.invoice_issued',
      entity: 'offtake_invoice',
      entityId: id,
      unitId,
      after: {
        number,
        partner_id: p.id,
        issued_on: input.issuedOn,
        due_on: input.dueOn ?? null,
        total,
        batches: amounts,
      },
    });
    return id;
  });
}

/**
 * Records a payment received against an open invoice. More than is still owed is refused (400 on
 * the amount); a QRIS payment needs its reference; the invoice is paid when nothing is owed.
 */
export async function recordPayment(
  ctx: Ctx,
  invoiceId: string,
  input: { paidOn: string; amount: number; method: PaymentMethod; reference?: string | null | undefined },
): Promise<string> {
  const inv = await offtakeInvoice(ctx, invoiceId, { for: 'record' });
  const reference = input.reference?.trim() || null;
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.push({ field: 'amount', key: 'offtake.badAmount' });
  if (input.method === 'qris' && !reference)
    errors.push({ field: 'reference', key: 'offtake.qrisNeedsReference' });
  if (input.paidOn > today(ctx, inv.timezone)) errors.push({ field: 'paid_on', key: 'quality.futureDate' });
  else if (input.paidOn < inv.issued_on) errors.push({ field: 'paid_on', key: 'offtake.paidBeforeIssue' });
  if (errors.length) throw invalid(errors);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockInvoice(trx, inv.id);
    if (locked?.status !== 'open') throw conflict('offtake.not_open', 'offtake.notOpen');
    const owed = locked.total - locked.paid;
    if (input.amount > owed) throw fieldError('amount', 'offtake.overpaid', { owed: formatRupiah(owed) });
    const id = await repo.insertPayment(trx, {
      invoice_id: inv.id,
      paid_on: input.paidOn,
      amount: input.amount,
      method: input.method,
      reference,
      created_by: ctx.who.id,
    });
    const paid = locked.paid + input.amount;
    const status: InvoiceStatus = paid === locked.total ? 'paid' : 'open';
    await repo.setPaid(trx, inv.id, paid, status);
    await recordAudit(trx, ctx.who.actor, {
      action: 'offtake.payment_received',
      entity: 'offtake_invoice',
      entityId: inv.id,
      unitId: inv.unit_id,
      before: { paid: locked.paid, status: locked.status },
      after: {
        payment_id: id,
        paid_on: input.paidOn,
        amount: input.amount,
        method: input.method,
        reference,
        paid,
        status,
      },
    });
    return id;
  });
}
