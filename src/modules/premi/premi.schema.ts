// Input and output schemas of the premi runs: the list's filters, preparing a month, the reversal,
// the unit's premi settings form, and what the API answers.
import { Type } from 'typebox';
import { enumOf, nullable, pageParam, UnitIdOrOwn, uuid } from '../../app/schema.ts';
import type { RunRow } from './premi.repo.ts';

export const STATUSES = ['draft', 'reviewed', 'posted'] as const;

const month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const money = Type.Integer({ description: 'Whole rupiah' });
const dateTime = nullable(Type.String({ format: 'date-time' }));

export const RunListQuery = Type.Object({
  unit_id: Type.Optional(uuid),
  status: Type.Optional(enumOf(STATUSES)),
  page: pageParam(),
});

export const PrepareBody = Type.Object({ unit_id: UnitIdOrOwn, month });
/** The HTML form: the month only (the unit is the user's). */
export const PrepareForm = Type.Object({ month: Type.String({ maxLength: 7 }) });

export const ReverseBody = Type.Object({
  month: { ...month, description: 'YYYY-MM: a month after the run’s, not after this month' },
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
});
export const ReverseForm = Type.Object({
  month: Type.String({ maxLength: 7 }),
  reason: Type.String({ maxLength: 1000 }),
});

export const InmateParams = Type.Object({ id: uuid, inmateId: uuid });

const pct = Type.Integer({ minimum: 0, maximum: 100 });
export const SettingsForm = Type.Object({
  premi_pct: pct,
  pnbp_pct: pct,
  capital_pct: pct,
  premi_min_session: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  premi_spendable_pct: Type.Integer({ minimum: 0, maximum: 25 }),
});

export const RunOut = Type.Object({
  id: uuid,
  unit_id: uuid,
  unit_name: Type.String(),
  month: Type.String({ description: 'YYYY-MM (a reversal: the month it is posted in)' }),
  kind: enumOf(['regular', 'reversal']),
  status: enumOf(STATUSES),
  reverses_id: nullable(uuid),
  reverses_month: nullable(Type.String()),
  reversal_id: nullable(uuid),
  reversal_status: nullable(enumOf(STATUSES)),
  reason: nullable(Type.String()),
  inmates: Type.Integer(),
  revenue_offtake: money,
  revenue_sales: money,
  material_cost: money,
  premi: money,
  pnbp: money,
  capital: money,
  topup: money,
  pooled: money,
  from_pool: money,
  payments: money,
  purchases: money,
  min_session: money,
  spendable_pct: Type.Integer(),
  computed_at: Type.String({ format: 'date-time' }),
  reviewed_at: dateTime,
  posted_at: dateTime,
  entry_id: nullable(uuid),
});

export function runOut(r: RunRow) {
  return {
    id: r.id,
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    month: r.month,
    kind: r.kind,
    status: r.status,
    reverses_id: r.reverses_id,
    reverses_month: r.reverses_month,
    reversal_id: r.reversal_id,
    reversal_status: r.reversal_status,
    reason: r.reason,
    inmates: r.inmates,
    revenue_offtake: r.revenue_offtake,
    revenue_sales: r.revenue_sales,
    material_cost: r.material_cost,
    premi: r.premi,
    pnbp: r.pnbp,
    capital: r.capital,
    topup: r.topup,
    pooled: r.pooled,
    from_pool: r.from_pool,
    payments: r.payments,
    purchases: r.purchases,
    min_session: r.min_session,
    spendable_pct: r.spendable_pct,
    computed_at: new Date(r.computed_at).toISOString(),
    reviewed_at: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    posted_at: r.posted_at ? new Date(r.posted_at).toISOString() : null,
    entry_id: r.entry_id,
  };
}

export const RunDetailOut = Type.Object({
  ...RunOut.properties,
  groups: Type.Array(
    Type.Object({
      source: enumOf(['offtake', 'sales']),
      agreement_id: nullable(uuid),
      from_agreement: Type.Boolean(),
      premi_pct: Type.Integer(),
      pnbp_pct: Type.Integer(),
      capital_pct: Type.Integer(),
      revenue: money,
      material_cost: money,
      premi: money,
      pnbp: money,
      capital: money,
    }),
  ),
  lines: Type.Array(
    Type.Object({
      inmate_id: uuid,
      name: Type.String(),
      reg_number: Type.String(),
      items_passed: Type.Integer(),
      items_own: Type.Integer(),
      sessions: Type.Integer(),
      offtake_value: money,
      offtake_premi: money,
      sales_value: money,
      sales_premi: money,
      minimum: money,
      topup: money,
      total: money,
      saved: money,
      spendable: money,
    }),
  ),
});

export const CreatedOut = Type.Object({ id: uuid });
export const StatusOut = Type.Object({ id: uuid, status: enumOf(STATUSES), entry_id: nullable(uuid) });
