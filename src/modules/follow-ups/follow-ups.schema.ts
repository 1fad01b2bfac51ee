// Input and output schemas of the follow-ups (pages and /api/v1/follow-ups).
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';
import { INCOME_BANDS, WORK_STATUSES } from './follow-ups.rules.ts';

export const MonthNo = Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6), Type.Literal(12)], {
  description: 'Months after release: 1, 3, 6 or 12',
});

export const DueQuery = Type.Object({
  filter: Type.Optional(enumOf(['open', 'overdue'] as const)),
  page: pageParam(),
});

const answers = {
  contacted_on: Type.String({ format: 'date', description: 'The day the person was reached (or sought)' }),
  contact_lost: Type.Optional(Type.Boolean({ description: 'The person could not be reached' })),
  work_status: Type.Optional(enumOf(WORK_STATUSES)),
  income_band: Type.Optional(enumOf(INCOME_BANDS)),
  in_trade: Type.Optional(Type.Boolean({ description: 'Still works in the trade learned inside' })),
  reoffended: Type.Optional(Type.Boolean()),
  note: optText(1000),
};

/** The record form's post: the month is in the path. */
export const FollowUpFormBody = Type.Object(answers);
export const FollowUpUpdateBody = Type.Object(answers);
export const FollowUpCreateBody = Type.Object({ inmate_id: uuid, month_no: MonthNo, ...answers });

export const PersonParams = Type.Object({ inmateId: uuid });
export const MonthParams = Type.Object({
  inmateId: uuid,
  // A path parameter is a string until coerced; 2, 4 or 5 are answered 404 (not a milestone).
  month: Type.Integer({ minimum: 1, maximum: 12 }),
});

export const DueOut = Type.Object({
  inmate_id: uuid,
  name: Type.String(),
  reg_number: Type.String(),
  unit_name: Type.String(),
  released_on: date,
  month_no: Type.Integer(),
  due_on: date,
  overdue: Type.Boolean(),
  pk_name: nullable(Type.String()),
});

export const FollowUpOut = Type.Object({
  id: uuid,
  month_no: Type.Integer(),
  contacted_on: date,
  contact_lost: Type.Boolean(),
  work_status: nullable(enumOf(WORK_STATUSES)),
  income_band: nullable(enumOf(INCOME_BANDS)),
  in_trade: nullable(Type.Boolean()),
  reoffended: Type.Boolean(),
  note: nullable(Type.String()),
  by_bapas: Type.Boolean(),
});

export const PersonOut = Type.Object({
  inmate_id: uuid,
  released_on: nullable(date),
  consent: Type.Boolean({ description: 'A live follow-up consent given before the release' }),
  milestones: Type.Array(
    Type.Object({
      month_no: Type.Integer(),
      due_on: nullable(date),
      status: enumOf(['recorded', 'overdue', 'due', 'upcoming', 'later', 'missed', 'not_released'] as const),
      follow_up: nullable(FollowUpOut),
    }),
  ),
});
