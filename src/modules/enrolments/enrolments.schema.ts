// Input and output schemas of the enrolment pages and API: adding a pemagang or petugas, changing a
// participant's status, and a participant as the API shows it.
import { type TSchema, Type } from 'typebox';

const date = Type.String({ format: 'date' });
const uuid = Type.String({ format: 'uuid' });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const lit = <const T extends string[]>(vs: readonly [...T]) => Type.Enum(vs);

export const ENROLMENT_STATUSES = ['active', 'suspended', 'completed', 'withdrawn'] as const;
export const END_REASONS = ['released', 'transferred', 'health', 'discipline', 'own_request'] as const;

export const PersonBody = Type.Object({
  kind: lit(['intern', 'staff']),
  name: Type.String({ minLength: 3, maxLength: 200 }),
  institution: Type.Optional(Type.String({ maxLength: 200 })),
  period_from: Type.Optional(date),
  period_to: Type.Optional(date),
  started_on: date,
});

export const EnrolmentStatusBody = Type.Object({
  status: lit(ENROLMENT_STATUSES),
  end_reason: Type.Optional(lit(END_REASONS)),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  on_date: date,
});

export const EnrolmentOut = Type.Object({
  id: uuid,
  programme_id: uuid,
  kind: lit(['inmate', 'intern', 'staff']),
  inmate_id: nullable(uuid),
  name: Type.String(),
  institution: nullable(Type.String()),
  period_from: nullable(Type.String()),
  period_to: nullable(Type.String()),
  status: lit(ENROLMENT_STATUSES),
  end_reason: nullable(lit(END_REASONS)),
  started_on: Type.String(),
  ended_on: nullable(Type.String()),
});
