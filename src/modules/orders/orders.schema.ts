// Input and output schemas of order inquiries: the public form (every field as text, checked by the
// service with a message per field), the staff's decisions (form and JSON), and what the API answers.
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';

export const STATUSES = ['pending', 'confirmed', 'declined'] as const;
export const METHODS = ['tunai', 'transfer', 'qris'] as const;

export const OrderParams = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }),
  productId: uuid,
});

/** The public form. `website` is the honeypot; `altcha` the widget's payload. */
export const OrderFormBody = Type.Object({
  name: optText(200),
  whatsapp: optText(40),
  qty: optText(10),
  delivery: optText(20),
  address: optText(600),
  note: optText(1100),
  website: optText(500),
  altcha: optText(4000),
});

export const ListQuery = Type.Object({
  status: Type.Optional(enumOf(STATUSES)),
  page: pageParam(),
});

const rupiah = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Whole rupiah' });

export const ConfirmBody = Type.Object({
  payment_method: enumOf(METHODS),
  payment_ref: Type.Optional(
    Type.String({ maxLength: 100, description: 'Required for transfer and QRIS payments' }),
  ),
  sold_on: { ...date, description: "The day of the sale, in the unit's time zone (not in the future)" },
  unit_price: Type.Optional({
    ...rupiah,
    description: "Whole rupiah per item; the product's price when absent",
  }),
});

/** The confirmation form: the price as text ("Rp 25.000"). */
export const ConfirmForm = Type.Object({
  payment_method: enumOf(METHODS),
  payment_ref: optText(100),
  sold_on: date,
  unit_price: optText(20),
});

export const DeclineBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
export const DeclineForm = Type.Object({ reason: optText(600) });

export const InquiryOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  reference: Type.String(),
  product_id: Type.String(),
  product_name: Type.String(),
  qty: Type.Integer(),
  buyer_name: Type.String(),
  buyer_whatsapp: Type.String({ description: 'Normalised, +62…' }),
  delivery: Type.String(),
  address: nullable(Type.String()),
  note: nullable(Type.String()),
  status: Type.String(),
  sale_id: nullable(Type.String()),
  sale_number: nullable(Type.String()),
  decline_reason: nullable(Type.String()),
  decided_at: nullable(Type.String({ format: 'date-time' })),
  created_at: Type.String({ format: 'date-time' }),
});

export const InquiryListOut = Type.Object({
  items: Type.Array(InquiryOut),
  counts: Type.Object({ pending: Type.Integer(), confirmed: Type.Integer(), declined: Type.Integer() }),
  page: Type.Integer(),
  page_size: Type.Integer(),
});

export const ConfirmOut = Type.Object({ sale_id: Type.String(), number: Type.String() });
