// Direct sales of a unit's products (bazaar, visitors' corner, orders): a sale takes a gapless
// kuitansi number and moves stock in one transaction; a cancellation is a reversing sale approved
// by the Kepala UPT, never a deletion. Also the sales book of a period, for its page and exports.

import { daysBetween } from '../../app/days.ts';
import {
  AppError,
  conflict,
  type FieldError,
  forbidden,
  invalid,
  isUniqueViolation,
} from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { PaymentMethod, SaleChannel, SaleStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { moveProduct, nextNumber } from '../stock/stock.service.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { maySale, sale } from './sales.policy.ts';
import * as repo from './sales.repo.ts';
import {
  bookTotals,
  isCancelPending,
  lineAmount,
  mayRequestCancel,
  needsReference,
  RECEIPT_SERIES,
  REVERSAL_SERIES,
  reversalLines,
  saleTotal,
} from './sales.rules.ts';

export type { BookRowOut, SaleableProduct, SaleLineRow, SaleRow } from './sales.repo.ts';

export const PAGE_SIZE = repo.PAGE_SIZE;
export const SALE_CHANNELS: readonly SaleChannel[] = ['bazaar', 'visitor', 'order', 'other'];
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['tunai', 'transfer', 'qris'];
export const SALE_STATUSES: readonly SaleStatus[] = [
  'completed',
  'cancel_requested',
  'cancelled',
  'reversal',
];

export interface SaleLineInput {
  productId: string;
  qty: number;
  /** Integer rupiah per item; the product's price when absent. */
  unitPrice?: number | null | undefined;
}

export interface SaleInput {
  soldOn: string;
  channel: SaleChannel;
  buyerName?: string | null | undefined;
  /** The buyer's WhatsApp number: personal data of a member of the public, shown on the sale page only. */
  buyerPhone?: string | null | undefined;
  paymentMethod: PaymentMethod;
  paymentRef?: string | null | undefined;
  note?: string | null | undefined;
  lines: readonly SaleLineInput[];
}

const PHONE = /^\+?[0-9][0-9 .-]{6,20}$/;
const digits = (s: string) => s.replace(/\D/g, '').length;
const clean = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

/** The input's own mistakes, before anything is read: one message per field. */
function checkInput(input: SaleInput): FieldError[] {
  const errors: FieldError[] = [];
  const phone = clean(input.buyerPhone);
  if (phone && (!PHONE.test(phone) || digits(phone) < 8 || digits(phone) > 15))
    errors.push({ field: 'buyer_phone', key: 'sales.phoneFormat' });
  if (needsReference(input.paymentMethod) && !clean(input.paymentRef))
    errors.push({ field: 'payment_ref', key: 'sales.refRequired' });
  if (input.lines.length === 0) errors.push({ field: 'lines', key: 'sales.noLines' });
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.qty) || l.qty <= 0)
      errors.push({ field: `lines.${i}.qty`, key: 'sales.qtyWhole' });
    if (l.unitPrice != null && (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0))
      errors.push({ field: `lines.${i}.unit_price`, key: 'sales.priceWhole' });
  });
  return errors;
}

/** A refusal of the stock ledger, pinned to the line that asked for too much (the form shows it there). */
function onLine(err: unknown, i: number): unknown {
  if (err instanceof AppError && err.code === 'stock.insufficient')
    return new AppError(err.code, err.status, err.key, err.params, [
      { field: `lines.${i}.qty`, key: err.key, params: err.params },
    ]);
  return err;
}

const numberTaken = (number: string) => conflict('sales.number_taken', 'sales.numberTaken', { number });

/**
 * Records a sale and issues its kuitansi: the next number of the unit's KW series for the year of
 * the sale, the sale and its lines, and a 'sold' movement per line, all in one transaction. Selling
 * more than is available is 409 `stock.insufficient`; nothing is written and no number is used.
 */
export async function createSale(ctx: Ctx, input: SaleInput): Promise<{ id: string; number: string }> {
  return ctx.db.transaction().execute((trx) => createSaleIn(withDb(ctx, trx), input));
}

/**
 * createSale inside the caller's transaction (`t.db` is one), for a write that a sale is part of:
 * an order inquiry confirmed into a sale marks the inquiry in the same transaction. The same rules
 * and refusals; the caller's transaction rolls back on any of them.
 */
export async function createSaleIn(t: Ctx, input: SaleInput): Promise<{ id: string; number: string }> {
  if (!t.db.isTransaction) throw new Error('createSaleIn needs a transaction');
  const ctx = t;
  if (!maySale(ctx.who, 'record')) throw forbidden();
  const errors = checkInput(input);
  const ids = [...new Set(input.lines.map((l) => l.productId))];
  const products = new Map(
    (await repo.saleableProducts(ctx.db, ctx.who.scope, { ids })).map((p) => [p.id, p]),
  );
  const unitId = products.get(input.lines[0]?.productId ?? '')?.unit_id ?? null;
  const lines = input.lines.map((l, i) => {
    const p = products.get(l.productId);
    if (!p?.active) errors.push({ field: `lines.${i}.product_id`, key: 'sales.productUnknown' });
    else if (p.unit_id !== unitId)
      errors.push({ field: `lines.${i}.product_id`, key: 'sales.productOtherUnit' });
    const unitPrice = l.unitPrice ?? p?.price ?? null;
    if (p && unitPrice === null) errors.push({ field: `lines.${i}.unit_price`, key: 'sales.priceMissing' });
    return { productId: l.productId, qty: l.qty, unitPrice: unitPrice ?? 0, index: i };
  });
  if (errors.length || !unitId) throw invalid(errors);
  const u = await unitPolicy(ctx, unitId);
  if (input.soldOn > today(ctx, u.timezone)) throw invalid([{ field: 'sold_on', key: 'sales.futureDate' }]);

  const total = saleTotal(lines);
  const trx = t.db;
  const number = await nextNumber(t, unitId, RECEIPT_SERIES, Number(input.soldOn.slice(0, 4)));
  const values: repo.SaleValues = {
    unit_id: unitId,
    number,
    sold_on: input.soldOn,
    channel: input.channel,
    buyer_name: clean(input.buyerName),
    buyer_phone: clean(input.buyerPhone),
    payment_method: input.paymentMethod,
    payment_ref: needsReference(input.paymentMethod) ? clean(input.paymentRef) : null,
    total,
    note: clean(input.note),
    created_by: ctx.who.id,
  };
  let saleId: string;
  try {
    saleId = await repo.insertSale(
      trx,
      values,
      lines.map((l) => ({
        product_id: l.productId,
        qty: l.qty,
        unit_price: l.unitPrice,
        amount: lineAmount(l),
      })),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'sales_number_key')) throw numberTaken(number);
    throw err;
  }
  // Rows are locked in one order (by product) so two sales of the same products cannot deadlock.
  for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
    try {
      await moveProduct(t, {
        productId: l.productId,
        kind: 'sold',
        qty: l.qty,
        day: input.soldOn,
        saleId,
        note: number,
      });
    } catch (err) {
      throw onLine(err, l.index);
    }
  }
  await recordAudit(trx, ctx.who.actor, {
    action: 'sales.create',
    entity: 'sale',
    entityId: saleId,
    unitId,
    after: { ...values, lines: lines.map(({ index: _, ...l }) => l) },
  });
  return { id: saleId, number };
}

/**
 * The reversing sale that cancels `s`: negative lines, its own KW-BTL number, stock back on hand.
 * It is booked on the day of the sale it cancels (and numbered in that year's series), so any
 * period of the sales book holds both or neither and they net to zero; the stock comes back on the
 * day of the approval, when the items are really on the shelf again. When it was written is its
 * created_at (and the audit log).
 */
async function reverse(t: Ctx, s: repo.SaleRow, reason: string | null, note: string | null) {
  const day = s.sold_on;
  // Days are YYYY-MM-DD, so the later one sorts last (a sale is never dated after today).
  const back = [day, today(t, s.timezone)].sort().at(-1) ?? day;
  const number = await nextNumber(t, s.unit_id, REVERSAL_SERIES, Number(day.slice(0, 4)));
  const lines = reversalLines(
    (await repo.saleLines(t.db, s.id)).map((l) => ({
      productId: l.product_id,
      qty: l.qty,
      unitPrice: l.unit_price,
    })),
  );
  const values: repo.SaleValues = {
    unit_id: s.unit_id,
    number,
    sold_on: day,
    channel: s.channel,
    buyer_name: s.buyer_name,
    buyer_phone: null,
    payment_method: s.payment_method,
    payment_ref: s.payment_ref,
    total: saleTotal(lines),
    status: 'reversal',
    reverses_id: s.id,
    cancel_reason: reason,
    note,
    created_by: t.who.id,
    approved_by: t.who.id,
  };
  let reversalId: string;
  try {
    reversalId = await repo.insertSale(
      t.db,
      values,
      lines.map((l) => ({
        product_id: l.productId,
        qty: l.qty,
        unit_price: l.unitPrice,
        amount: lineAmount(l),
      })),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'sales_number_key')) throw numberTaken(number);
    if (isUniqueViolation(err, 'sales_reverses_id_key')) throw notPending();
    throw err;
  }
  for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId)))
    await moveProduct(t, {
      productId: l.productId,
      kind: 'sale_cancelled',
      qty: -l.qty,
      day: back,
      saleId: reversalId,
      note: `${number} (${s.number})`,
    });
  await repo.setStatus(t.db, s.id, { status: 'cancelled', approved_by: t.who.id });
  await recordAudit(t.db, t.who.actor, {
    action: 'sales.reverse',
    entity: 'sale',
    entityId: reversalId,
    unitId: s.unit_id,
    after: { ...values, lines },
  });
  await recordAudit(t.db, t.who.actor, {
    action: 'sales.cancel_approve',
    entity: 'sale',
    entityId: s.id,
    unitId: s.unit_id,
    before: { status: 'cancel_requested' },
    after: { status: 'cancelled', reversal_id: reversalId, reversal_number: number, note },
  });
  return { reversalId, number };
}

const notCancellable = () => conflict('sales.not_cancellable', 'sales.notCancellable');
const notPending = () => conflict('sales.not_pending', 'sales.notPending');

/** The sale's current status under its row lock (the second of two concurrent decisions waits here). */
async function lockedStatus(t: Ctx, id: string): Promise<SaleStatus> {
  const row = await repo.lockSale(t.db, id);
  if (!row) throw new AppError('sales.not_found', 404, 'err.notFound');
  return row.status;
}

/**
 * Asks for a sale to be cancelled, with a reason (staff); the Kepala UPT may ask and approve in one
 * step (`approve: true`). Only a completed sale may be asked; 409 otherwise.
 */
export async function requestCancellation(
  ctx: Ctx,
  saleId: string,
  reason: string,
  o: { approve?: boolean } = {},
): Promise<{ reversalId?: string; reversalNumber?: string }> {
  const why = clean(reason);
  if (!why) throw invalid([{ field: 'reason', key: 'sales.reasonRequired' }]);
  await sale(ctx, saleId, { for: o.approve ? 'approve' : 'record' });
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    if (!mayRequestCancel(await lockedStatus(t, saleId))) throw notCancellable();
    await repo.setStatus(trx, saleId, { status: 'cancel_requested', cancel_reason: why });
    const s = await sale(t, saleId);
    await recordAudit(trx, ctx.who.actor, {
      action: 'sales.cancel_request',
      entity: 'sale',
      entityId: saleId,
      unitId: s.unit_id,
      before: { status: 'completed' },
      after: { status: 'cancel_requested', cancel_reason: why },
    });
    if (!o.approve) return {};
    const r = await reverse(t, s, why, null);
    return { reversalId: r.reversalId, reversalNumber: r.number };
  });
}

/**
 * The Kepala UPT's decision on a pending cancellation: approve (a reversing sale, stock back on
 * hand, the original 'cancelled') or reject (back to 'completed'). Two decisions at once decide
 * once: the second finds nothing pending (409).
 */
export async function decideCancellation(
  ctx: Ctx,
  saleId: string,
  d: { approve: boolean; note?: string | null | undefined },
): Promise<{ reversalId?: string; reversalNumber?: string }> {
  await sale(ctx, saleId, { for: 'approve' });
  const note = clean(d.note);
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    if (!isCancelPending(await lockedStatus(t, saleId))) throw notPending();
    const s = await sale(t, saleId);
    if (d.approve) {
      const r = await reverse(t, s, s.cancel_reason, note);
      return { reversalId: r.reversalId, reversalNumber: r.number };
    }
    await repo.setStatus(trx, saleId, { status: 'completed', cancel_reason: null });
    await recordAudit(trx, ctx.who.actor, {
      action: 'sales.cancel_reject',
      entity: 'sale',
      entityId: saleId,
      unitId: s.unit_id,
      before: { status: 'cancel_requested', cancel_reason: s.cancel_reason },
      after: { status: 'completed', note },
    });
    return {};
  });
}

/** Cancellations asked and waiting for the Kepala UPT, oldest first (the approvals inbox). */
export function cancellationsRequested(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.cancellationsRequested(ctx.db, ctx.who.scope);
}

/** One sale with its lines (the sale page, the API, the kuitansi). */
export async function getSale(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const s = await sale(ctx, id, { for: 'view' });
  return { sale: s, lines: await repo.saleLines(ctx.db, id) };
}
export type SaleDetail = Awaited<ReturnType<typeof getSale>>;

/** What the kuitansi prints: the sale, its lines, and the unit's letterhead. */
export async function receiptDocument(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const d = await getSale(ctx, id);
  const unit = await unitPolicy(ctx, d.sale.unit_id);
  return { ...d, unit };
}
export type ReceiptDocument = Awaited<ReturnType<typeof receiptDocument>>;

/** The longest period a sales book is read for at once (a year, leap day included). */
export const BOOK_MAX_DAYS = 366;

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** One page of the sales book (its page and its /api/v1 twin), by day; no phone numbers. */
export async function listSales(ctx: Pick<Ctx, 'db' | 'who'>, q: repo.BookFilter & { page: number }) {
  return { ...(await repo.listSales(ctx.db, ctx.who.scope, q)), pageSize: PAGE_SIZE };
}

/** The totals of the whole filtered period: receipts, gross, reversals, net, per payment method. */
export async function periodTotals(ctx: Pick<Ctx, 'db' | 'who'>, f: repo.BookFilter) {
  return bookTotals(await repo.bookSums(ctx.db, ctx.who.scope, f));
}

/**
 * The sales book (buku penjualan) of a period: every receipt and reversal in it, with lines, by day,
 * and the period's totals (a cancelled sale and its reversal net to zero). For exports and reports.
 */
export async function salesBook(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: { from: string; to: string; channel?: SaleChannel; status?: SaleStatus },
) {
  // A book is read whole (every receipt with its lines), so its period is bounded like the ledger's.
  if (f.to < f.from || daysBetween(f.from, f.to) > BOOK_MAX_DAYS)
    throw invalid([{ field: 'to', key: 'sales.bookRange', params: { days: BOOK_MAX_DAYS } }]);
  const [list, lines, sums] = await Promise.all([
    repo.listSales(ctx.db, ctx.who.scope, { ...f, page: 1, pageSize: 1_000_000 }),
    repo.bookLines(ctx.db, ctx.who.scope, f),
    repo.bookSums(ctx.db, ctx.who.scope, f),
  ]);
  const bySale = new Map<string, typeof lines>();
  for (const l of lines) bySale.set(l.sale_id, [...(bySale.get(l.sale_id) ?? []), l]);
  return {
    from: f.from,
    to: f.to,
    rows: list.rows.map((r) => ({ ...r, lines: bySale.get(r.id) ?? [] })),
    totals: bookTotals(sums),
  };
}
export type SalesBook = Awaited<ReturnType<typeof salesBook>>;

/** Products the principal's unit can sell now, for the sale form. */
export async function saleableProducts(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.saleableProducts(ctx.db, ctx.who.scope);
}

/** How a form's price text ("Rp 25.000") reads as whole rupiah, for other modules' sale forms. */
export { parseRupiah } from './sales.form.ts';
