// Schemas of the approvals inbox and its requests: they validate input and feed the OpenAPI document.
import { Type } from 'typebox';
import { enumOf, nullable, optText, uuid } from '../../app/schema.ts';
import { APPROVAL_KINDS } from './approvals.service.ts';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A request's reason: the service says per field what is missing (400). */
export const AskForm = Type.Object({ reason: optText(500) });
export const AskBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why (at least 5 characters)' })),
});

/** The page's two buttons. */
export const DecisionForm = Type.Object({
  decision: enumOf(['approve', 'reject'] as const),
  note: optText(500),
});
export const DecisionBody = Type.Object({
  approve: Type.Boolean(),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'Required to reject' })),
});

export const ApprovalItemOut = Type.Object({
  kind: enumOf(APPROVAL_KINDS),
  id: uuid,
  href: Type.String({ description: 'The page where the decision is taken' }),
  since: Type.String({ format: 'date-time' }),
  age_days: Type.Integer({ minimum: 0, description: "Whole days waited, in the unit's calendar" }),
  text: Type.String({ description: "The item in words, in the caller's language" }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});

export const InboxOut = Type.Object({
  unit_id: nullable(uuid),
  total: Type.Integer({ minimum: 0 }),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  items: Type.Array(ApprovalItemOut),
});

export const CreatedOut = Type.Object({ id: uuid });

const RequestCommon = {
  id: uuid,
  unit_id: uuid,
  reason: Type.String(),
  status: enumOf(STATUSES),
  requested_by_name: nullable(Type.String()),
  requested_at: Type.String({ format: 'date-time' }),
  decided_by_name: nullable(Type.String()),
  decided_at: nullable(Type.String({ format: 'date-time' })),
  decision_note: nullable(Type.String()),
};

export const UnlockRequestOut = Type.Object({
  ...RequestCommon,
  session_id: uuid,
  day: Type.String({ format: 'date' }),
  programme_id: uuid,
  programme_name: Type.String(),
  unlocked_until: nullable(Type.String({ format: 'date-time' })),
});

export const RevocationRequestOut = Type.Object({
  ...RequestCommon,
  certificate_id: uuid,
  certificate_number: Type.String(),
  certificate_status: enumOf(['valid', 'revoked'] as const),
  programme_name: Type.String(),
});

export const UnlockDecisionOut = Type.Object({
  status: enumOf(['approved', 'rejected'] as const),
  unlocked_until: nullable(Type.String({ format: 'date-time' })),
});
export const RevocationDecisionOut = Type.Object({ status: enumOf(['approved', 'rejected'] as const) });
