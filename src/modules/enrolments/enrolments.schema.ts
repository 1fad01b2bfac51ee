// Input and output schemas of the enrolment pages and API: adding a pemagang or petugas, changing a
// participant's status, and a participant as the API shows it.
import { Type } from 'typebox';
import { date, enumOf, nullable, uuid } from '../../app/schema.ts';

export const ENROLMENT_STATUSES = ['active', 'suspended', 'completed', 'withdrawn'] as const;
export const END_REASONS = ['released', 'transferred', 'health', 'discipline', 'own_request'] as const;

export const PersonBody = Type.Object({
  kind: enumOf(['intern', 'staff']),
  name: Type.String({ minLength: 3, maxLength: 200 }),
  institution: Type.Optional(Type.String({ maxLength: 200 })),
  period_from: Type.Optional(date),
  period_to: Type.Optional(date),
  started_on: date,
});

export const EnrolmentStatusBody = Type.Object({
  status: enumOf(ENROLMENT_STATUSES),
  end_reason: Type.Optional(enumOf(END_REASONS)),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  on_date: date,
});

export const EnrolmentOut = Type.Object({
  id: uuid,
  programme_id: uuid,
  kind: enumOf(['inmate', 'intern', 'staff']),
  inmate_id: nullable(uuid),
  name: Type.String(),
  institution: nullable(Type.String()),
  period_from: nullable(Type.String()),
  period_to: nullable(Type.String()),
  status: enumOf(ENROLMENT_STATUSES),
  end_reason: nullable(enumOf(END_REASONS)),
  started_on: Type.String(),
  ended_on: nullable(Type.String()),
});
