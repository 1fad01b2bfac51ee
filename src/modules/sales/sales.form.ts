// Converts the sale form (a head and five line slots, no JavaScript needed) to the service's input,
// and the service's refusals on `lines.N.field` back to the slot the user filled. Pure.
import { AppError, type FieldError, invalid } from '../../app/errors.ts';
import type { PaymentMethod, SaleChannel } from '../../db/schema.ts';
import { FORM_LINES } from './sales.schema.ts';
import type { SaleInput, SaleLineInput } from './sales.service.ts';

export interface SaleFormValues {
  sold_on: string;
  channel: SaleChannel;
  buyer_name?: string | undefined;
  buyer_phone?: string | undefined;
  payment_method: PaymentMethod;
  payment_ref?: string | undefined;
  note?: string | undefined;
  [slot: string]: unknown;
}

/** "25.000", "Rp 25.000" or "25000" -> 25000; null when empty; NaN when not whole rupiah. */
export function parseRupiah(text: unknown): number | null {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || text.trim() === '') return null;
  const s = text
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/[.\s]/g, '');
  return /^[0-9]+$/.test(s) ? Number(s) : Number.NaN;
}

const FIELD: Record<string, string> = { product_id: 'product', qty: 'qty', unit_price: 'price' };

/** The service input and, for each of its lines, the form slot (1-5) it came from. */
export function formToInput(v: SaleFormValues): { input: SaleInput; slots: number[] } {
  const errors: FieldError[] = [];
  const lines: SaleLineInput[] = [];
  const slots: number[] = [];
  for (let i = 1; i <= FORM_LINES; i++) {
    const product = v[`product_${i}`];
    const qty = v[`qty_${i}`];
    const price = parseRupiah(v[`price_${i}`]);
    if (product === undefined && qty === undefined && price === null) continue;
    if (typeof product !== 'string' || typeof qty !== 'number') {
      errors.push({ field: `product_${i}`, key: 'sales.lineIncomplete' });
      continue;
    }
    if (price !== null && (!Number.isSafeInteger(price) || price < 0)) {
      errors.push({ field: `price_${i}`, key: 'sales.priceWhole' });
      continue;
    }
    lines.push({ productId: product, qty, unitPrice: price });
    slots.push(i);
  }
  if (lines.length === 0 && errors.length === 0) errors.push({ field: 'product_1', key: 'sales.noLines' });
  if (errors.length) throw invalid(errors);
  return {
    input: {
      soldOn: v.sold_on,
      channel: v.channel,
      buyerName: v.buyer_name,
      buyerPhone: v.buyer_phone,
      paymentMethod: v.payment_method,
      paymentRef: v.payment_ref,
      note: v.note,
      lines,
    },
    slots,
  };
}

/** A refusal of the service with its `lines.N.x` fields renamed to the form's `x_slot`. */
export function toFormFields(err: unknown, slots: readonly number[]): unknown {
  if (!(err instanceof AppError) || err.fields.length === 0) return err;
  const fields = err.fields.map((f) => {
    if (f.field === 'lines') return { ...f, field: 'product_1' };
    const m = /^lines\.(\d+)\.(\w+)$/.exec(f.field);
    if (!m) return f;
    const slot = slots[Number(m[1])] ?? 1;
    return { ...f, field: `${FIELD[m[2] ?? ''] ?? 'product'}_${slot}` };
  });
  return new AppError(err.code, err.status, err.key, err.params, fields);
}
