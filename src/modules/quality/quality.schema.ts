import { Type } from 'typebox';
import { date, enumOf, nullable, pageParam, uuid } from '../../app/schema.ts';
import { QC_STATUSES, REJECT_REASONS } from './quality.rules.ts';

const count = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const BatchListQuery = Type.Object({
  programme: Type.Optional(uuid),
  status: Type.Optional(enumOf(QC_STATUSES)),
  page: pageParam(),
});

export const NewBatchQuery = Type.Object({ programme: Type.Optional(uuid) });

export const BatchBody = Type.Object({
  programme_id: uuid,
  sent_on: date,
  lines: Type.Optional(
    Type.Array(Type.Object({ enrolment_id: uuid, product_id: uuid, qty: count }), {
      maxItems: 2000,
      description: 'Absent: everything the makers hold awaiting the check. A line of 0 is left out.',
    }),
  ),
});

/** The page's form: `qty.<enrolment id>.<product id>` per maker and product. */
export const BatchForm = Type.Object(
  { programme_id: uuid, sent_on: date },
  { additionalProperties: Type.String({ maxLength: 20 }) },
);

export const RejectBody = Type.Object({
  qty: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  reason: enumOf(REJECT_REASONS),
  reworkable: Type.Boolean(),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const CheckBody = Type.Object({
  checked_on: date,
  lines: Type.Array(
    Type.Object({
      line_id: uuid,
      passed: count,
      rejects: Type.Array(RejectBody, { maxItems: 20 }),
    }),
    { maxItems: 2000, description: 'Every line of the batch, once' },
  ),
});

/**
 * The page's form: `passed.<line id>` per line, and per reject row `rq.<line>.<i>` (quantity),
 * `rr.<line>.<i>` (reason), `rw.<line>.<i>` (reworkable: yes/no), `rn.<line>.<i>` (note).
 */
export const CheckForm = Type.Object(
  { checked_on: date },
  { additionalProperties: Type.String({ maxLength: 500 }) },
);

export const BatchOut = Type.Object({
  id: uuid,
  number: Type.String(),
  unit_id: uuid,
  partner_id: uuid,
  partner_name: Type.String(),
  programme_id: uuid,
  programme_name: Type.String(),
  agreement_id: nullable(uuid),
  sent_on: date,
  checked_on: nullable(date),
  status: enumOf(QC_STATUSES),
  submitted: Type.Integer(),
  passed: nullable(Type.Integer({ description: 'Null until checked' })),
  amount: Type.Integer({ description: 'Rupiah: passed x piece rate' }),
});

export const BatchDetailOut = Type.Object({
  ...BatchOut.properties,
  lines: Type.Array(
    Type.Object({
      id: uuid,
      enrolment_id: uuid,
      maker_name: Type.String(),
      product_id: uuid,
      product_name: Type.String(),
      submitted: Type.Integer(),
      passed: nullable(Type.Integer()),
      rate: nullable(Type.Integer({ description: 'Rupiah per item, fixed when checked' })),
      amount: nullable(Type.Integer()),
      rejects: Type.Array(
        Type.Object({
          qty: Type.Integer(),
          reason: enumOf(REJECT_REASONS),
          reworkable: Type.Boolean(),
          disposition: enumOf(['rework', 'own_stock', 'scrap'] as const),
          note: nullable(Type.String()),
        }),
      ),
    }),
  ),
});

export const Created = Type.Object({ id: uuid });
