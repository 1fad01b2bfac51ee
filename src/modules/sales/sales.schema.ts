// Input and output schemas of direct sales: the book's filters, a sale (JSON and the five-line HTML
// form), the cancellation request and decision, and what the API answers.
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';

export const CHANNELS = ['bazaar', 'visitor', 'order', 'other'] as const;
export const METHODS = ['tunai', 'transfer', 'qris'] as const;
export const STATUSES = ['completed', 'cancel_requested', 'cancelled', 'reversal'] as const;

/** The number of line slots on the HTML form (empty ones are ignored; the API takes any number). */
export const FORM_LINES = 5;

const month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const BookQuery = Type.Object({
  month: Type.Optional({ ...month, description: 'YYYY-MM; this month when absent' }),
  channel: Type.Optional(enumOf(CHANNELS)),
  status: Type.Optional(enumOf(STATUSES)),
  page: pageParam(),
});

export const BookPeriodQuery = Type.Object({ from: date, to: date });

const rupiah = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Whole rupiah' });
const head = {
  sold_on: date,
  channel: enumOf(CHANNELS),
  buyer_name: optText(200),
  buyer_phone: Type.Optional(Type.String({ maxLength: 30, description: "The buyer's WhatsApp number" })),
  payment_method: enumOf(METHODS),
  payment_ref: Type.Optional(
    Type.String({ maxLength: 100, description: 'Required for transfer and QRIS payments' }),
  ),
  note: optText(1000),
};

export const SaleBody = Type.Object({
  ...head,
  lines: Type.Array(
    Type.Object({
      product_id: uuid,
      qty: Type.Integer({ minimum: 1, maximum: 100_000 }),
      unit_price: Type.Optional({
        ...rupiah,
        description: "Whole rupiah per item; the product's price when absent",
      }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});

/** The HTML form: the same head and five line slots (product_1, qty_1, price_1, ...). */
const slots: Record<string, ReturnType<typeof Type.Optional>> = {};
for (let i = 1; i <= FORM_LINES; i++) {
  slots[`product_${i}`] = Type.Optional(uuid);
  slots[`qty_${i}`] = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 }));
  // Typed as text: people write "25.000" or "Rp 25.000"; the form converter reads it.
  slots[`price_${i}`] = Type.Optional(Type.String({ maxLength: 20 }));
}
export const SaleForm = Type.Object({ ...head, ...slots });

export const CancelRequestBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
  approve: Type.Optional(
    Type.Boolean({ description: 'The Kepala UPT asks and approves in one step (needs sales.approve)' }),
  ),
});

export const DecisionBody = Type.Object({
  approve: Type.Boolean(),
  note: optText(1000),
});

export const SaleListOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  number: Type.String(),
  sold_on: Type.String(),
  channel: Type.String(),
  buyer_name: nullable(Type.String()),
  payment_method: Type.String(),
  payment_ref: nullable(Type.String()),
  total: Type.Integer(),
  status: Type.String(),
  reverses_id: nullable(Type.String()),
  reverses_number: nullable(Type.String()),
});

const LineOut = Type.Object({
  product_id: Type.String(),
  product_name: Type.String(),
  qty: Type.Integer(),
  unit_price: Type.Integer(),
  amount: Type.Integer(),
});

export const SaleOut = Type.Object({
  ...SaleListOut.properties,
  buyer_phone: nullable(Type.String()),
  note: nullable(Type.String()),
  cancel_reason: nullable(Type.String()),
  reversal_id: nullable(Type.String()),
  reversal_number: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
  approved_by_name: nullable(Type.String()),
  lines: Type.Array(LineOut),
});

export const CreatedOut = Type.Object({ id: Type.String(), number: Type.String() });

export const TotalsOut = Type.Object({
  receipts: Type.Integer(),
  gross: Type.Integer(),
  reversed: Type.Integer(),
  net: Type.Integer(),
  by_method: Type.Object({ tunai: Type.Integer(), transfer: Type.Integer(), qris: Type.Integer() }),
});

export const BookOut = Type.Object({
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(Type.Object({ ...SaleListOut.properties, lines: Type.Array(LineOut) })),
  totals: TotalsOut,
});
