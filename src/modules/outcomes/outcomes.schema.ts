// Inputs of the outcome page, its workbook and /api/v1/outcomes (a period of release months, one
// unit), and the JSON answer: counts and rates with their n only, never a person.
import { type Static, Type } from 'typebox';
import { nullable, uuid } from '../../app/schema.ts';
import { MONTH_PATTERN } from '../production-reports/production-reports.rules.ts';

const monthParam = (what: string) =>
  Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: `YYYY-MM: ${what}` }));

export const OutcomesQuery = Type.Object({
  year: Type.Optional(
    Type.Integer({ minimum: 2000, maximum: 2100, description: 'Release year (when from/to are absent)' }),
  ),
  from: monthParam('the first release month'),
  to: monthParam('the last release month (this month when absent)'),
  unit: Type.Optional(
    Type.String({ format: 'uuid', description: "One unit of the reader's scope (404 outside it)" }),
  ),
});
export type OutcomesQuery = Static<typeof OutcomesQuery>;

const count = Type.Integer({ minimum: 0 });
const RateOut = Type.Object(
  {
    count,
    n: count,
    pct: nullable(
      Type.Number({ description: 'count of n in percent, one decimal; null when n is under 5 (suppressed)' }),
    ),
  },
  { description: 'A rate with the number of people behind it' },
);

const GroupOut = {
  released: Type.Integer({ minimum: 0, description: 'Participants released in the period' }),
  followed_up: Type.Integer({ minimum: 0, description: 'Of them, with at least one follow-up' }),
  m6: Type.Integer({ minimum: 0, description: 'Reached at the six-month follow-up' }),
  m6_working: Type.Integer({ minimum: 0, description: 'Of them, in work or own business' }),
  m12: Type.Integer({ minimum: 0, description: 'With a twelve-month follow-up answer' }),
  m12_reoffended: Type.Integer({ minimum: 0, description: 'Of them, re-offended' }),
  rates: Type.Object({ followed_up: RateOut, working_6: RateOut, reoffended_12: RateOut }),
};

export const OutcomesOut = Type.Object({
  from: Type.String({ pattern: MONTH_PATTERN }),
  to: Type.String({ pattern: MONTH_PATTERN }),
  unit_id: nullable(uuid),
  computed_at: nullable(Type.String({ format: 'date-time' })),
  pending: count,
  total: Type.Object(GroupOut),
  units: Type.Array(
    Type.Object({ unit_id: uuid, unit_name: Type.String(), kanwil_name: Type.String(), ...GroupOut }),
  ),
  programmes: Type.Array(
    Type.Object({
      unit_id: uuid,
      unit_name: Type.String(),
      programme_id: uuid,
      name: Type.String(),
      ...GroupOut,
    }),
  ),
});
