import { Type } from 'typebox';
import { date, nullable, uuid } from '../../app/schema.ts';
import { IdempotencyKey } from '../batches/batches.schema.ts';
import { MARK_STATUSES } from './attendance.rules.ts';

export const MarkStatusSchema = Type.Enum([...MARK_STATUSES]);

export const MarkBody = Type.Object({
  enrolment_id: uuid,
  status: MarkStatusSchema,
  note: Type.Optional(Type.String({ maxLength: 500 })),
  reason: Type.Optional(
    Type.String({ maxLength: 500, description: 'Required when a saved mark is changed' }),
  ),
});

export const AttendanceBody = Type.Object({
  idempotency_key: Type.Optional(IdempotencyKey),
  marks: Type.Array(MarkBody, { maxItems: 2000 }),
});

export const SaveResultOut = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  replayed: Type.Boolean({ description: 'True when this key was already applied: nothing changed' }),
});

/**
 * The page's form: `status.<enrolment id>`, `note.<id>`, `reason.<id>` per participant, the batch
 * key, and `intent=all_present` for the "mark all present" button without scripts.
 */
export const AttendanceFormBody = Type.Object(
  {
    idempotency_key: Type.Optional(IdempotencyKey),
    intent: Type.Optional(Type.Enum(['save', 'all_present'])),
  },
  {
    additionalProperties: Type.String({ maxLength: 500 }),
  },
);

export const AttendanceOut = Type.Object({
  session: Type.Object({
    id: uuid,
    programme_id: uuid,
    programme_name: Type.String(),
    day: date,
    starts_at: Type.String({ format: 'date-time' }),
    ends_at: Type.String({ format: 'date-time' }),
    status: Type.Enum(['scheduled', 'cancelled']),
    cancel_reason: nullable(Type.String()),
    locked: Type.Boolean(),
    can_record: Type.Boolean(),
  }),
  participants: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      name: Type.String(),
      kind: Type.Enum(['inmate', 'intern', 'staff']),
      status: nullable(MarkStatusSchema),
      note: nullable(Type.String()),
      not_offered: nullable(
        Type.Enum(['not_enrolled', 'past_expiry', 'outside_period'], {
          description:
            'Set only for a participant listed for an earlier mark whom the roll call of this day no longer offers ' +
            '(past their tanggal ekspirasi without a recorded extension, outside an internship period, or no place ' +
            'on the day); marks for them are refused',
        }),
      ),
    }),
  ),
  corrections: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      previous_status: MarkStatusSchema,
      new_status: MarkStatusSchema,
      previous_note: nullable(Type.String()),
      new_note: nullable(Type.String()),
      reason: Type.String(),
      corrected_at: Type.String({ format: 'date-time' }),
      corrected_by: nullable(Type.String()),
    }),
  ),
});
