// Inputs of the roll-up pages, exports and API (the month, the ranking's indicator, which table a
// CSV holds) and the JSON the /api/v1 roll-ups answer with: counts, whole rupiah and rates only.
import { Type } from 'typebox';
import { date, enumOf, nullable, uuid } from '../../app/schema.ts';
import { MONTH_PATTERN } from '../production-reports/production-reports.rules.ts';
import { COLUMNS } from './rollups.tables.ts';

const monthParam = Type.Optional(
  Type.String({
    pattern: MONTH_PATTERN,
    description: "YYYY-MM, not after this month; the last full month (in the viewer's zone) when absent",
  }),
);
const indicator = Type.Optional(enumOf(COLUMNS));

export const MonthQuery = Type.Object({ month: monthParam });
export const LevelQuery = Type.Object({ month: monthParam, indicator });
export const LevelCsvQuery = Type.Object({
  month: monthParam,
  indicator,
  table: Type.Optional(enumOf(['main', 'ranking', 'trend', 'outcomes'])),
});
export const UnitCsvQuery = Type.Object({
  month: monthParam,
  table: Type.Optional(enumOf(['programmes', 'trend'])),
});

const month = Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' });
const count = Type.Integer({ minimum: 0 });
const rupiah = Type.Integer({ description: 'Whole rupiah' });
const rate = (what: string) =>
  nullable(Type.Number({ description: `${what}, 0-100 with one decimal; null when none counts` }));

const FiguresOut = Type.Object({
  month,
  participants: Type.Object(
    { narapidana: count, tahanan: count, intern: count, staff: count, total: count },
    { description: 'Distinct people enrolled at any time in the month, by kind' },
  ),
  enrolled: count,
  completed: count,
  sessions_held: count,
  sessions_cancelled: count,
  attendance: Type.Object({
    present: count,
    absent: count,
    dispensed: count,
    counted: count,
    rate: rate('Present of present and absent'),
  }),
  competencies: count,
  certificates: count,
  certificates_revoked: count,
  items_finished: count,
  items_checked: count,
  items_passed: count,
  pass_rate: rate('Items passed of items checked'),
  production_value: Type.Integer({ description: 'Value of the items that passed the check (whole rupiah)' }),
  sales_count: count,
  sales_value: rupiah,
  premi: nullable(
    Type.Integer({
      description: 'Posted premi (whole rupiah); null for programmes and for viewers without premi totals',
    }),
  ),
  pnbp: nullable(
    Type.Integer({ description: 'PNBP of the posted premi runs (whole rupiah); null as premi' }),
  ),
});

const FreshnessOut = Type.Object({
  computed_at: nullable(
    Type.String({ format: 'date-time', description: 'The oldest stamp of the figures shown' }),
  ),
  pending: Type.Integer({ minimum: 0, description: 'Changes recorded but not yet counted' }),
  replica_lag_seconds: nullable(
    Type.Integer({
      minimum: 0,
      description:
        'How far behind the primary the read replica these figures came from is, when at least DATABASE_REPLICA_LAG_NOTICE_SECONDS; else null',
    }),
  ),
});

const ReportOut = Type.Object(
  {
    report_id: nullable(uuid),
    version: Type.Integer({ minimum: 0 }),
    status: enumOf(['none', 'draft', 'submitted', 'acknowledged', 'returned']),
    submitted_at: nullable(Type.String({ format: 'date-time' })),
    due_on: date,
    late: Type.Boolean(),
  },
  { description: "The unit's monthly report for the month; null for viewers who do not read reports" },
);

const ReportCountOut = Type.Object(
  { units: count, sent: count, late: count },
  { description: "How many of the Kanwil's units submitted the month's report, and how many are late" },
);

const OutcomeRateOut = Type.Object({
  count,
  n: count,
  pct: nullable(Type.Number({ description: 'Percent, one decimal; null when n is under 5 (not shown)' })),
});
const OutcomeLineOut = Type.Object({
  released: count,
  followed_up: OutcomeRateOut,
  working_6: OutcomeRateOut,
  reoffended_12: OutcomeRateOut,
});

export const LevelOut = Type.Object({
  level: enumOf(['nation', 'kanwil', 'units']),
  month,
  kanwil: nullable(Type.Object({ id: uuid, name: Type.String() })),
  freshness: FreshnessOut,
  rows: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      kind: enumOf(['kanwil', 'unit']),
      figures: FiguresOut,
      report: nullable(ReportOut),
      reports: nullable(ReportCountOut),
    }),
  ),
  total: FiguresOut,
  trend: Type.Array(FiguresOut, { description: 'The twelve months ending with `month`, oldest first' }),
  outcomes: nullable(
    Type.Object(
      {
        from: month,
        to: month,
        rows: Type.Array(Type.Object({ id: uuid, ...OutcomeLineOut.properties })),
        total: nullable(OutcomeLineOut),
      },
      {
        description:
          'Reintegration outcomes of the participants released in the twelve months up to `month`: a line per row with someone released, rates with their n',
      },
    ),
  ),
});

export const UnitOut = Type.Object({
  unit: Type.Object({ id: uuid, name: Type.String(), kanwil_id: uuid, kanwil_name: Type.String() }),
  month,
  freshness: FreshnessOut,
  figures: FiguresOut,
  report: nullable(ReportOut),
  programmes: Type.Array(Type.Object({ programme_id: uuid, name: Type.String(), figures: FiguresOut })),
  trend: Type.Array(FiguresOut, { description: 'The twelve months ending with `month`, oldest first' }),
});
