// Order inquiries from the public gallery (issue 17): a visitor asks for a product of a unit's
// published gallery; the unit's staff confirm it into a sale (channel 'order', a kuitansi, stock
// moved, in one transaction) or decline it. The public form passes the spam guard first.
import { AppError, conflict, type FieldError, forbidden, invalid, notFound } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import { withinUnit } from '../../app/scope.ts';
import type { OrderDelivery, OrderInquiryStatus, PaymentMethod } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSaleIn } from '../sales/sales.service.ts';
import { nextNumber } from '../stock/stock.service.ts';
import type { SpamGuard } from './orders.guard.ts';
import * as repo from './orders.repo.ts';
import { normaliseWhatsapp, ORDER_FORM, ORDER_SERIES, THROTTLE_MINUTES, throttled } from './orders.rules.ts';

export type { InquiryRow, PublicProduct } from './orders.repo.ts';
export const PAGE_SIZE = 50;
export const ORDER_STATUSES: readonly OrderInquiryStatus[] = ['pending', 'confirmed', 'declined'];
export const DELIVERIES: readonly OrderDelivery[] = ['pickup', 'delivery'];

/** The product a visitor may order at /site/:slug/products/:productId/order; 404 otherwise. */
export async function orderableProduct(ctx: Pick<Ctx, 'db'>, slug: string, productId: string) {
  const p = await repo.publicProduct(ctx.db, slug, productId);
  if (!p) throw notFound('orders', 'orders.product_not_found');
  return p;
}

export interface InquiryInput {
  name?: string | undefined;
  whatsapp?: string | undefined;
  qty?: string | number | undefined;
  delivery?: string | undefined;
  address?: string | undefined;
  note?: string | undefined;
  /** The honeypot: a field no person sees; anything in it means a program filled the form. */
  website?: string | undefined;
  /** The ALTCHA widget's payload (base64 JSON of the challenge and its solution). */
  altcha?: string | undefined;
}

const clean = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

/** The visitor's own mistakes, one message per field, against what is available now. */
function checkInquiry(input: InquiryInput, available: number) {
  const errors: FieldError[] = [];
  const name = clean(input.name);
  if (!name || name.length < 2 || name.length > 120)
    errors.push({ field: 'name', key: 'orders.nameRequired' });
  const whatsapp = normaliseWhatsapp(input.whatsapp ?? '');
  if (!whatsapp) errors.push({ field: 'whatsapp', key: 'orders.whatsappFormat' });
  const rawQty = String(input.qty ?? '').trim();
  const qty = /^[0-9]{1,6}$/.test(rawQty) ? Number(rawQty) : Number.NaN;
  if (!Number.isSafeInteger(qty) || qty < 1) errors.push({ field: 'qty', key: 'orders.qtyWhole' });
  else if (qty > available)
    errors.push({
      field: 'qty',
      key: available > 0 ? 'orders.qtyOverStock' : 'orders.soldOut',
      params: { n: available },
    });
  const delivery = DELIVERIES.find((d) => d === input.delivery);
  if (!delivery) errors.push({ field: 'delivery', key: 'orders.deliveryRequired' });
  const address = clean(input.address);
  if (delivery === 'delivery' && !address) errors.push({ field: 'address', key: 'orders.addressRequired' });
  if (address && address.length > 500)
    errors.push({ field: 'address', key: 'orders.tooLong', params: { n: 500 } });
  const note = clean(input.note);
  if (note && note.length > 1000) errors.push({ field: 'note', key: 'orders.tooLong', params: { n: 1000 } });
  return {
    errors,
    values: {
      name: name ?? '',
      whatsapp: whatsapp ?? '',
      qty,
      delivery: delivery ?? 'pickup',
      address: delivery === 'delivery' ? address : null,
      note,
    },
  };
}

const throttledError = () =>
  new AppError('orders.throttled', 429, 'orders.throttled', { n: THROTTLE_MINUTES });

/**
 * A visitor's inquiry. Every post is counted against its address first (and stays counted when it
 * is refused); more than THROTTLE_MAX in THROTTLE_MINUTES is 429. A filled honeypot is answered
 * like a success, without a reference, and nothing is stored (a program learns nothing to adapt
 * to; no person can reach the field). Then the fields, then the proof of work, spent once in the
 * same transaction as the inquiry, its gapless reference and its audit record.
 */
export async function submitInquiry(
  ctx: Ctx,
  guard: SpamGuard,
  o: { slug: string; productId: string; ip: string; input: InquiryInput },
): Promise<{ reference: string | null; product: repo.PublicProduct }> {
  const product = await orderableProduct(ctx, o.slug, o.productId);
  const addressHash = guard.addressHash(o.ip);
  const since = new Date(ctx.now.getTime() - THROTTLE_MINUTES * 60_000);
  const recent = await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAttempt(trx, addressHash, ORDER_FORM);
    return repo.countAttempts(trx, addressHash, ORDER_FORM, since);
  });
  if (throttled(recent)) throw throttledError();
  if (clean(o.input.website)) return { reference: null, product };

  const { errors, values } = checkInquiry(o.input, product.available);
  if (errors.length) throw invalid(errors);
  const solution = await guard.verify(o.input.altcha);
  if (!solution) throw invalid([{ field: 'altcha', key: 'orders.powFailed' }]);

  const reference = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.spendSolution(trx, solution.signature, solution.expiresAt)))
      throw invalid([{ field: 'altcha', key: 'orders.powUsed' }]);
    const t = withDb(ctx, trx);
    const year = Number(dayInZone(ctx.now, product.timezone).slice(0, 4));
    const ref = await nextNumber(t, product.unit_id, ORDER_SERIES, year);
    const row: repo.InquiryValues = {
      unit_id: product.unit_id,
      reference: ref,
      product_id: product.id,
      qty: values.qty,
      buyer_name: values.name,
      buyer_whatsapp: values.whatsapp,
      delivery: values.delivery,
      address: values.address,
      note: values.note,
      address_hash: addressHash,
    };
    const id = await repo.insertInquiry(trx, row);
    const { address_hash: _, ...kept } = row;
    await recordAudit(trx, ctx.who.actor, {
      action: 'orders.submit',
      entity: 'order_inquiry',
      entityId: id,
      unitId: product.unit_id,
      after: kept,
    });
    return ref;
  });
  return { reference, product };
}

function mayView(ctx: Pick<Ctx, 'who'>) {
  if (!can(ctx.who, 'orders.view')) throw forbidden();
}
function mayDecide(ctx: Pick<Ctx, 'who'>) {
  if (!can(ctx.who, 'orders.confirm')) throw forbidden();
}

/** A page of the scope's inquiries (pending first) and how many have each status. */
export async function listInquiries(
  ctx: Pick<Ctx, 'db' | 'who'>,
  q: { status?: OrderInquiryStatus | undefined; page: number },
) {
  mayView(ctx);
  const [rows, counts] = await Promise.all([
    repo.listInquiries(ctx.db, ctx.who.scope, { ...q, pageSize: PAGE_SIZE }),
    repo.statusCounts(ctx.db, ctx.who.scope),
  ]);
  return { rows, counts, pageSize: PAGE_SIZE };
}

/** One inquiry within the scope; 404 outside it. */
export async function getInquiry(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const r = await repo.findInquiry(ctx.db, ctx.who.scope, id);
  if (!r) throw notFound('order_inquiries');
  mayView(ctx);
  return r;
}
export type InquiryDetail = Awaited<ReturnType<typeof getInquiry>>;

/** Pending inquiries of one unit within the scope, for the dashboard card of petugas and Kepala UPT. */
export async function pendingCount(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  return (await repo.statusCounts(ctx.db, withinUnit(ctx.who.scope, unitId))).pending;
}

const notPending = () => conflict('orders.not_pending', 'orders.notPending');

/** The sale's field names, on the confirmation form's fields (one product, one line). */
function onForm(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  if (err.code === 'stock.insufficient')
    // On the quantity too, so that the confirmation form comes back with the message on it.
    return new AppError('orders.out_of_stock', 409, 'orders.outOfStock', err.params, [
      { field: 'qty', key: 'orders.outOfStock', params: err.params },
    ]);
  if (err.fields.length === 0) return err;
  return new AppError(
    err.code,
    err.status,
    err.key,
    err.params,
    err.fields.map((f) => ({
      ...f,
      field: f.field.replace(/^lines\.0\./, '').replace(/^product_id$/, 'qty'),
    })),
  );
}

export interface ConfirmInput {
  paymentMethod: PaymentMethod;
  paymentRef?: string | null | undefined;
  soldOn: string;
  /** Integer rupiah per item; the product's price when absent. */
  unitPrice?: number | null | undefined;
}

/**
 * Confirms a pending inquiry into a sale (channel 'order', the buyer's name and number, the
 * inquiry's reference as its note) and marks the inquiry confirmed with that sale, in one
 * transaction. Not enough stock now is 409 and nothing is written; a decided inquiry is 409.
 */
export async function confirmInquiry(ctx: Ctx, id: string, input: ConfirmInput) {
  const o = await getInquiry(ctx, id);
  mayDecide(ctx);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      const locked = await repo.lockInquiry(trx, ctx.who.scope, id);
      if (!locked) throw notFound('order_inquiries');
      if (locked.status !== 'pending') throw notPending();
      const sale = await createSaleIn(t, {
        soldOn: input.soldOn,
        channel: 'order',
        buyerName: o.buyer_name,
        buyerPhone: o.buyer_whatsapp,
        paymentMethod: input.paymentMethod,
        paymentRef: input.paymentRef,
        note: o.reference,
        lines: [{ productId: o.product_id, qty: o.qty, unitPrice: input.unitPrice }],
      });
      await repo.decide(trx, id, { status: 'confirmed', sale_id: sale.id, decided_by: ctx.who.id });
      await recordAudit(trx, ctx.who.actor, {
        action: 'orders.confirm',
        entity: 'order_inquiry',
        entityId: id,
        unitId: o.unit_id,
        before: { status: 'pending' },
        after: { status: 'confirmed', sale_id: sale.id, sale_number: sale.number },
      });
      return { saleId: sale.id, number: sale.number };
    });
  } catch (err) {
    throw onForm(err);
  }
}

/** Declines a pending inquiry with a reason the unit can tell the buyer; a decided one is 409. */
export async function declineInquiry(ctx: Ctx, id: string, reason: string) {
  const why = clean(reason);
  if (!why) throw invalid([{ field: 'reason', key: 'orders.reasonRequired' }]);
  if (why.length > 500) throw invalid([{ field: 'reason', key: 'orders.tooLong', params: { n: 500 } }]);
  const o = await getInquiry(ctx, id);
  mayDecide(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockInquiry(trx, ctx.who.scope, id);
    if (!locked) throw notFound('order_inquiries');
    if (locked.status !== 'pending') throw notPending();
    await repo.decide(trx, id, { status: 'declined', decline_reason: why, decided_by: ctx.who.id });
    await recordAudit(trx, ctx.who.actor, {
      action: 'orders.decline',
      entity: 'order_inquiry',
      entityId: id,
      unitId: o.unit_id,
      before: { status: 'pending' },
      after: { status: 'declined', decline_reason: why },
    });
  });
}

/** The daily clean-up of the spam guard (see the module's job). */
export function purgeSpamGuard(ctx: Pick<Ctx, 'db' | 'now'>) {
  return repo.purgeGuard(ctx.db, ctx.now);
}
