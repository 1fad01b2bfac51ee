// Inputs of the attendance summaries: the month of an inmate's participation export, a programme
// report's period (bounded), and the JSON the /api/v1 summaries answer with.
import { Type } from 'typebox';
import { nullable, pageParam } from '../../app/schema.ts';

export const MonthQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' })),
});

/** A group's SPPN evidence: the month, and optionally one block of the programme's inmates. */
export const GroupQuery = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
  block: Type.Optional(Type.String({ maxLength: 60 })),
});

export const PageQuery = Type.Object({ page: pageParam() });

const MONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';
/** A programme report's period, at most MAX_PERIOD_MONTHS (13) months: the last 13 when absent. */
export const PeriodQuery = Type.Object({
  from: Type.Optional(
    Type.String({ pattern: MONTH, description: 'First month (YYYY-MM); 12 months before `to` when absent' }),
  ),
  to: Type.Optional(
    Type.String({
      pattern: MONTH,
      description: "Last month (YYYY-MM); this month in the unit's zone when absent",
    }),
  ),
});

const count = Type.Integer({ minimum: 0 });
export const CountsOut = Type.Object({
  hadir: count,
  terlambat: count,
  izin: count,
  sakit: count,
  alpa: count,
  dispensasi: count,
});
export const RateOut = Type.Object({
  present: count,
  absent: count,
  dispensed: count,
  counted: count,
  rate: nullable(Type.Number({ description: 'percent, one decimal; null when nothing counts yet' })),
});

export const ProgrammeSummaryOut = Type.Object({
  programme_id: Type.String(),
  from: Type.String({ description: 'First month of the period (YYYY-MM)' }),
  to: Type.String({
    description: 'Last month of the period (YYYY-MM); sessions after today are not counted',
  }),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      held: count,
      cancelled: count,
      participants: count,
      counts: CountsOut,
      rate: RateOut,
    }),
  ),
  participants: Type.Array(
    Type.Object({
      enrolment_id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      enrolment_status: Type.String(),
      counts: CountsOut,
      rate: RateOut,
      current_absence_run: count,
      longest_absence_run: count,
      hours: Type.Number(),
      last_session_day: nullable(Type.String()),
    }),
  ),
});

export const SessionSummaryOut = Type.Object({
  session_id: Type.String(),
  programme_id: Type.String(),
  day: Type.String(),
  status: Type.String(),
  roster: count,
  unmarked: count,
  counts: CountsOut,
  rate: RateOut,
  absent: Type.Array(
    Type.Object({
      enrolment_id: Type.String(),
      name: Type.String(),
      status: Type.String(),
      note: nullable(Type.String()),
    }),
  ),
});
