import { Type } from 'typebox';
import { date, enumOf, nullable, pageParam, uuid } from '../../app/schema.ts';

export const DECISIONS = ['accepted', 'waitlisted', 'rejected'] as const;

export const CandidateParams = Type.Object({ id: uuid, candidateId: uuid });

export const CriterionSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z_]{2,30}$' }),
  label: Type.String({ minLength: 1, maxLength: 60 }),
  max: Type.Integer({ minimum: 1, maximum: 100 }),
});

export const IntakeBody = Type.Object({
  opened_on: date,
  criteria: Type.Optional(
    Type.Array(CriterionSchema, {
      minItems: 1,
      maxItems: 12,
      description: 'Default: minat, bakat, pengalaman, perilaku, kesehatan, each 0–5',
    }),
  ),
});

export const IntakeOut = Type.Object({
  id: uuid,
  programme_id: uuid,
  opened_on: Type.String(),
  status: enumOf(['open', 'decided', 'closed']),
  criteria: Type.Array(CriterionSchema),
  closed_as: Type.Optional(nullable(enumOf(['completed', 'cancelled']))),
  close_reason: Type.Optional(nullable(Type.String())),
  closed_at: Type.Optional(nullable(Type.String({ format: 'date-time' }))),
});

export const CloseBody = Type.Object({
  reason: Type.String({
    minLength: 3,
    maxLength: 500,
    description: 'Why: after the decision the intake is completed, while open it is cancelled',
  }),
});

export const IntakeListQuery = Type.Object({
  status: Type.Optional(enumOf(['open', 'decided', 'closed'])),
  programme_id: Type.Optional(uuid),
  page: pageParam(),
});

export const IntakeListOut = Type.Object({
  items: Type.Array(
    Type.Object({
      id: uuid,
      programme_id: uuid,
      programme_name: Type.String(),
      unit_name: Type.String(),
      opened_on: Type.String(),
      status: enumOf(['open', 'decided', 'closed']),
      closed_as: nullable(enumOf(['completed', 'cancelled'])),
      candidates: Type.Integer(),
      accepted: Type.Integer(),
    }),
  ),
  total: Type.Integer(),
  page_size: Type.Integer(),
});

const ReasonOut = Type.Object({
  key: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});

export const IntakeDetailOut = Type.Object({
  intake: IntakeOut,
  candidates: Type.Array(
    Type.Object({
      id: uuid,
      rank: Type.Integer(),
      inmate_id: uuid,
      name: Type.String(),
      reg_number: Type.String(),
      category: enumOf(['tahanan', 'narapidana']),
      scores: Type.Record(Type.String(), Type.Number()),
      total: Type.Number(),
      consent_recorded_at: nullable(Type.String({ format: 'date-time' })),
      consent_note: nullable(Type.String()),
      consent_recorded_by_name: nullable(Type.String()),
      consent_withdrawn_at: nullable(Type.String({ format: 'date-time' })),
      enrolled: Type.Boolean(),
      decision: nullable(enumOf(DECISIONS)),
      decision_reason: nullable(Type.String()),
    }),
  ),
  tpp: nullable(
    Type.Object({
      held_on: Type.String(),
      members: Type.Array(Type.String()),
      notes: nullable(Type.String()),
      approved_by_name: nullable(Type.String()),
      approved_at: nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  proposals: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      reg_number: Type.String(),
      category: enumOf(['tahanan', 'narapidana']),
      eligible: Type.Boolean(),
      needs_consent: Type.Boolean(),
      reasons: Type.Array(ReasonOut),
    }),
  ),
});

export const CandidateBody = Type.Object({ inmate_id: uuid });
export const ScoresBody = Type.Object({
  scores: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 100 })),
});
export const ConsentBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) });

export const TppBody = Type.Object({
  held_on: date,
  members: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 1, maxItems: 30 }),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
  decisions: Type.Array(
    Type.Object({
      candidate_id: uuid,
      decision: enumOf(DECISIONS),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    { maxItems: 500 },
  ),
});

export const EnrolCandidateBody = Type.Object({ started_on: date });
