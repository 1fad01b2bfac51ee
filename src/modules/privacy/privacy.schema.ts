import { Type } from 'typebox';
import { date, nullable, pageParam, UnitIdOrOwn, uuid } from '../../app/schema.ts';

/** "2026-01-21T09:30" in the unit's zone (a form's datetime-local), or an instant with its offset. */
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?$',
  description: "Local date and time in the unit's zone (2026-01-21T09:30) or an ISO 8601 instant",
});

export const BreachBody = Type.Object({
  unit_id: UnitIdOrOwn,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  occurred_at: Type.Optional(Instant),
  found_at: Instant,
  categories: Type.Array(Type.String({ pattern: '^[a-z0-9_-]{2,40}$' }), {
    minItems: 1,
    maxItems: 20,
    uniqueItems: true,
  }),
  people_affected: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  measures: Type.String({ minLength: 5, maxLength: 5000 }),
});

export const NoticeBody = Type.Object({
  recipient: Type.Union([Type.Literal('subjects'), Type.Literal('authority')]),
  notified_at: Instant,
  notified_to: Type.String({ minLength: 3, maxLength: 500 }),
  channel: Type.String({ minLength: 3, maxLength: 200 }),
});

export const CloseBody = Type.Object({
  closing_note: Type.String({ minLength: 5, maxLength: 2000 }),
});

export const BreachListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  unit_id: Type.Optional(uuid),
  page: pageParam(100_000),
});

export const NoticeOut = Type.Object({
  recipient: Type.String(),
  notified_at: Type.String({ format: 'date-time' }),
  notified_to: Type.String(),
  channel: Type.String(),
  late: Type.Boolean(),
});

export const BreachOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  title: Type.String(),
  description: Type.String(),
  occurred_at: nullable(Type.String({ format: 'date-time' })),
  found_at: Type.String({ format: 'date-time' }),
  notify_due_at: Type.String({ format: 'date-time' }),
  categories: Type.Array(Type.String()),
  people_affected: Type.Integer(),
  measures: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  pending: Type.Array(Type.String()),
  notices: Type.Array(NoticeOut),
  closed_at: nullable(Type.String({ format: 'date-time' })),
  closing_note: nullable(Type.String()),
});

export const LegalBasisBody = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9_-]{2,40}$' }),
  category: Type.String({ minLength: 3, maxLength: 300 }),
  specific: Type.Optional(Type.Boolean()),
  legal_basis: Type.String({ minLength: 3, maxLength: 1000 }),
  purpose: Type.String({ minLength: 3, maxLength: 1000 }),
  retention: Type.String({ minLength: 3, maxLength: 500 }),
  holders: Type.String({ minLength: 3, maxLength: 1000 }),
});

export const LegalBasisOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  category: Type.String(),
  specific: Type.Boolean(),
  legal_basis: Type.String(),
  purpose: Type.String(),
  retention: Type.String(),
  holders: Type.String(),
});

export const AccessLogQuery = Type.Object({
  inmate_id: Type.Optional(uuid),
  viewer: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(date),
  to: Type.Optional(date),
  page: pageParam(100_000),
});

export const AccessLogOut = Type.Object({
  at: Type.String({ format: 'date-time' }),
  unit_id: Type.String(),
  inmate_id: Type.String(),
  reg_number: nullable(Type.String()),
  inmate_name: nullable(Type.String()),
  viewer_id: nullable(Type.String()),
  viewer_name: Type.String(),
  channel: Type.String(),
  source: Type.String(),
});
