// Input and output of the production log's pages and API (TypeBox; the OpenAPI document is made
// from these). Counts are validated by production.rules.ts, so a fractional or negative count is
// answered per field (`finished.<enrolment>.<product>`) like every other rule of the batch.
import { Type } from 'typebox';
import { date, enumOf, nullable, uuid } from '../../app/schema.ts';
import { IdempotencyKey } from '../batches/batches.schema.ts';

const count = (description: string) =>
  Type.Number({ description: `${description}; a whole number, 0 or more` });

export const EntryBody = Type.Object({
  enrolment_id: uuid,
  product_id: uuid,
  finished: count('Items finished on the day'),
  in_progress: Type.Optional(count('Items still in progress (0 when absent)')),
  materials: Type.Optional(
    Type.Array(Type.Object({ material_id: uuid, qty: count('Material used, in its unit of measure') }), {
      maxItems: 50,
      description:
        'Material used, only where it differs from the default (bill of materials x items finished); ' +
        'the product’s other materials follow the default when the count changes',
    }),
  ),
});

export const ProductionBody = Type.Object({
  idempotency_key: Type.Optional(IdempotencyKey),
  entries: Type.Array(EntryBody, { maxItems: 5000 }),
});

export const DayQuery = Type.Object({
  day: Type.Optional(
    Type.String({ format: 'date', description: 'The working day; today in the unit when absent' }),
  ),
});

export const SaveResultOut = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  replayed: Type.Boolean({ description: 'True when this key was already applied: nothing changed' }),
});

/**
 * The page's form: `finished.<enrolment>.<product>`, `in_progress.<e>.<p>`,
 * `material.<e>.<p>.<material>` (empty: follow the bill of materials), `saved.<e>.<p>` for an entry
 * already stored (so an emptied count means 0), and the batch key.
 */
export const ProductionFormBody = Type.Object(
  { idempotency_key: Type.Optional(IdempotencyKey) },
  { additionalProperties: Type.String({ maxLength: 20 }) },
);

export const ProductionOut = Type.Object({
  programme: Type.Object({ id: uuid, name: Type.String() }),
  day: date,
  session: nullable(
    Type.Object({
      id: uuid,
      starts_at: Type.String({ format: 'date-time' }),
      ends_at: Type.String({ format: 'date-time' }),
      status: enumOf(['scheduled', 'cancelled']),
      cancel_reason: nullable(Type.String()),
    }),
  ),
  can_record: Type.Boolean(),
  refusal: nullable(
    Type.String({ description: 'Why the log cannot be recorded now, in the user’s language' }),
  ),
  products: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      uom: Type.String(),
      route: enumOf(['partner', 'own']),
      bom: Type.Array(
        Type.Object({
          material_id: uuid,
          name: Type.String(),
          uom: Type.String(),
          qty_per_item: Type.Integer(),
        }),
      ),
    }),
  ),
  participants: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      name: Type.String(),
      kind: enumOf(['inmate', 'intern', 'staff']),
      not_offered: nullable(enumOf(['not_enrolled', 'past_expiry', 'outside_period'])),
      entries: Type.Array(
        Type.Object({
          product_id: uuid,
          finished: Type.Integer(),
          in_progress: Type.Integer(),
          materials: Type.Array(Type.Object({ material_id: uuid, qty: Type.Integer() })),
        }),
      ),
    }),
  ),
});
