import { Type } from 'typebox';
import { date, enumOf, nullable, pageParam, UnitIdOrOwn, uuid } from '../../app/schema.ts';

const time = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:00)?$',
  description: 'HH:MM, local time',
});

export const PROGRAMME_KINDS = ['training', 'production', 'apprenticeship', 'certification'] as const;
export const PROGRAMME_STATUSES = ['planned', 'running', 'paused', 'finished'] as const;
export const RISK_LEVELS = ['rendah', 'sedang', 'tinggi'] as const;
export const GENDERS = ['L', 'P'] as const;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const months = Type.Integer({ minimum: 0, maximum: 600 });

export const EligibilitySchema = Type.Object({
  min_remaining_months: Type.Optional(months),
  no_register_f_months: Type.Optional(months),
  risk_levels: Type.Optional(Type.Array(enumOf(RISK_LEVELS), { uniqueItems: true })),
  gender: Type.Optional(enumOf(GENDERS)),
  allow_health_restriction: Type.Optional(Type.Boolean()),
});

export const CurriculumUnitSchema = Type.Object({
  id: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'An existing unit of this programme: updated in place, keeping its id. Units left out are removed (refused if used).',
    }),
  ),
  code: Type.Optional(Type.String({ maxLength: 40 })),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  target_hours: Type.Integer({ minimum: 0, maximum: 2000 }),
  core: Type.Optional(Type.Boolean()),
});

const fields = {
  unit_id: UnitIdOrOwn,
  name: Type.String({ minLength: 3, maxLength: 200 }),
  kind: enumOf(PROGRAMME_KINDS),
  skill_area: Type.Optional(Type.String({ maxLength: 120 })),
  partner_id: Type.Optional(uuid),
  agreement_id: Type.Optional(uuid),
  location: Type.Optional(Type.String({ maxLength: 200 })),
  capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
  status: Type.Optional(enumOf(PROGRAMME_STATUSES)),
  program_aksi_ids: Type.Optional(Type.Array(uuid, { maxItems: 20, uniqueItems: true })),
  instructor_ids: Type.Optional(
    Type.Array(uuid, {
      maxItems: 50,
      uniqueItems: true,
      description:
        "The unit's petugas or the partner's instruktur_mitra; on update, left unchanged when absent",
    }),
  ),
};

/** The API body: eligibility as an object, curriculum as a list. */
export const ProgrammeBody = Type.Object({
  ...fields,
  eligibility: Type.Optional(EligibilitySchema),
  curriculum: Type.Optional(Type.Array(CurriculumUnitSchema, { maxItems: 100 })),
});

/** The HTML form: eligibility as plain fields, curriculum as lines of "title; target hours". */
export const ProgrammeForm = Type.Object({
  ...fields,
  min_remaining_months: Type.Optional(months),
  no_register_f_months: Type.Optional(months),
  risk_levels: Type.Optional(Type.Array(enumOf(RISK_LEVELS), { uniqueItems: true })),
  gender: Type.Optional(enumOf(GENDERS)),
  allow_health_restriction: Type.Optional(Type.Boolean()),
  curriculum: Type.Optional(Type.String({ maxLength: 20_000 })),
  // The existing curriculum units as rows (parallel lists); cu_remove holds the ids to remove.
  cu_id: Type.Optional(Type.Array(uuid, { maxItems: 100 })),
  cu_position: Type.Optional(Type.Array(Type.String({ maxLength: 6 }), { maxItems: 100 })),
  cu_code: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  cu_title: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
  cu_hours: Type.Optional(Type.Array(Type.String({ maxLength: 6 }), { maxItems: 100 })),
  cu_remove: Type.Optional(Type.Array(uuid, { maxItems: 100 })),
});

export const ProgrammeListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(enumOf(PROGRAMME_STATUSES)),
  page: pageParam(),
});

export const ScheduleBody = Type.Object({
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
    minItems: 1,
    maxItems: 7,
    uniqueItems: true,
  }),
  every_n_weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  starts_on: date,
  ends_on: Type.Optional(date),
  start_time: time,
  end_time: time,
  skip_holidays: Type.Optional(Type.Boolean()),
});

export const ScheduleEditBody = Type.Object({
  weekdays: ScheduleBody.properties.weekdays,
  every_n_weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  ends_on: Type.Optional({ ...date, description: 'Absent: open-ended' }),
  start_time: time,
  end_time: time,
  skip_holidays: Type.Optional(Type.Boolean()),
});
export const ScheduleEndBody = Type.Object({
  ends_on: date,
  reason: Type.String({ minLength: 3, maxLength: 500 }),
});
export const ScheduleParams = Type.Object({ id: uuid, scheduleId: uuid });
export const SessionParams = Type.Object({ id: uuid, sessionId: uuid });
export const CancelBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) });
export const CancelRangeBody = Type.Object({
  from: date,
  to: date,
  reason: Type.String({ minLength: 3, maxLength: 500 }),
});
export const SessionTimeBody = Type.Object({ day: date, start_time: time, end_time: time });
export const MonthQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
});
export const SessionsQuery = Type.Object({ from: Type.Optional(date), to: Type.Optional(date) });

export const ProgrammeOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  skill_area: nullable(Type.String()),
  partner_id: nullable(Type.String()),
  partner_name: nullable(Type.String()),
  agreement_id: nullable(Type.String()),
  agreement_title: nullable(Type.String()),
  location: nullable(Type.String()),
  capacity: Type.Integer(),
  status: Type.String(),
  eligibility: EligibilitySchema,
});

export const ScheduleOut = Type.Object({
  id: Type.String(),
  weekdays: Type.Array(Type.Integer()),
  every_n_weeks: Type.Integer(),
  starts_on: Type.String(),
  ends_on: nullable(Type.String()),
  start_time: Type.String(),
  end_time: Type.String(),
  skip_holidays: Type.Boolean(),
});

export const SessionOut = Type.Object({
  id: Type.String(),
  schedule_id: nullable(Type.String()),
  day: Type.String(),
  starts_at: Type.String({ format: 'date-time' }),
  ends_at: Type.String({ format: 'date-time' }),
  status: Type.String(),
  cancel_reason: nullable(Type.String()),
  extra: Type.Boolean(),
  rescheduled_from: nullable(Type.String()),
  attendance: Type.Enum(['done', 'missing', 'locked', 'upcoming'], {
    description:
      'Roll call: done (marks recorded), missing (begun, none), locked (none, past the lock days), upcoming (not begun or cancelled)',
  }),
  journal: Type.Enum(['done', 'missing', 'upcoming'], {
    description: 'Journal: done (written), missing (begun, none), upcoming (not begun or cancelled)',
  }),
});

export const ProgrammeDetailOut = Type.Object({
  ...ProgrammeOut.properties,
  program_aksi_ids: Type.Array(Type.String()),
  curriculum: Type.Array(Type.Object({ ...CurriculumUnitSchema.properties, id: Type.String() })),
  instructors: Type.Array(
    Type.Object({ id: Type.String(), full_name: Type.String(), roles: Type.Array(Type.String()) }),
  ),
  schedules: Type.Array(ScheduleOut),
});
