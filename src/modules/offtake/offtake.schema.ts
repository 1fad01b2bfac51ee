import { Type } from 'typebox';
import { date, enumOf, nullable, pageParam, uuid } from '../../app/schema.ts';

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export const PAY_METHODS = ['tunai', 'transfer', 'qris'] as const;

const rupiah = Type.Integer({ minimum: 0, description: 'Whole rupiah' });

export const InvoiceListQuery = Type.Object({
  partner: Type.Optional(uuid),
  status: Type.Optional(enumOf(INVOICE_STATUSES)),
  page: pageParam(),
});

export const NewInvoiceQuery = Type.Object({ partner: Type.Optional(uuid) });

export const InvoiceBody = Type.Object({
  partner_id: uuid,
  batch_ids: Type.Array(uuid, { minItems: 1, maxItems: 500, uniqueItems: true }),
  issued_on: date,
  due_on: Type.Optional(date),
});

/** The page's form: the same fields; batch_ids as ticked checkboxes. */
export const InvoiceForm = Type.Object({
  partner_id: uuid,
  batch_ids: Type.Optional(Type.Array(uuid, { maxItems: 500 })),
  issued_on: date,
  due_on: Type.Optional(date),
});

export const PaymentBody = Type.Object({
  paid_on: date,
  amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
  method: enumOf(PAY_METHODS),
  reference: Type.Optional(Type.String({ maxLength: 100, description: 'Required for QRIS' })),
});

export const InvoiceOut = Type.Object({
  id: uuid,
  number: Type.String(),
  unit_id: uuid,
  partner_id: uuid,
  partner_name: Type.String(),
  issued_on: date,
  due_on: nullable(date),
  total: rupiah,
  paid: rupiah,
  owed: rupiah,
  status: enumOf(INVOICE_STATUSES),
  age: nullable(Type.Integer({ description: 'Days since issue, for an open invoice' })),
});

export const InvoiceDetailOut = Type.Object({
  ...InvoiceOut.properties,
  lines: Type.Array(
    Type.Object({
      batch_id: uuid,
      batch_number: Type.String(),
      checked_on: nullable(date),
      product_id: uuid,
      product_name: Type.String(),
      passed: Type.Integer(),
      rate: rupiah,
      amount: rupiah,
    }),
  ),
  payments: Type.Array(
    Type.Object({
      id: uuid,
      paid_on: date,
      amount: rupiah,
      method: enumOf(PAY_METHODS),
      reference: nullable(Type.String()),
    }),
  ),
});
