// Input and output schemas of PNBP deposits, the capital account, the reconciliation, the audit
// export and the offices' totals. Codes are plain text here: the service checks their format and
// answers with a message per field in the user's language.
import { Type } from 'typebox';
import { date, nullable, optText } from '../../app/schema.ts';
import { MONTH_PATTERN } from './pnbp.rules.ts';

const month = Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' });
const unitId = Type.Optional(
  Type.String({ format: 'uuid', description: "The unit; the user's own when absent" }),
);

export const UnitQuery = Type.Object({ unit_id: unitId });
export const MonthQuery = Type.Object({
  unit_id: unitId,
  month: Type.Optional({ ...month, description: 'YYYY-MM; this month when absent' }),
});
export const RangeQuery = Type.Object({
  unit_id: unitId,
  from: Type.Optional({ ...date, description: 'First day; the first of this month when absent' }),
  to: Type.Optional({ ...date, description: 'Last day; the end of this month when absent' }),
});

const codes = {
  deposited_on: date,
  billing_code: Type.String({ maxLength: 40, description: 'Kode billing SIMPONI: 15 digits' }),
  ntpn: Type.String({ maxLength: 40, description: 'NTPN: 16 capital letters and/or digits' }),
  period: Type.Optional(
    Type.String({ maxLength: 7, description: 'YYYY-MM: the month whose PNBP is deposited' }),
  ),
  note: optText(1000),
};

export const DepositBody = Type.Object({
  unit_id: unitId,
  ...codes,
  amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Whole rupiah' }),
});

/** The HTML form: the amount typed as people write it ("1.250.000"). */
export const DepositForm = Type.Object({
  unit_id: unitId,
  ...codes,
  amount: Type.String({ minLength: 1, maxLength: 30 }),
});

export const DepositOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  deposited_on: Type.String(),
  amount: Type.Integer(),
  billing_code: Type.String(),
  ntpn: Type.String(),
  period: nullable(Type.String()),
  note: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
});

export const DepositCreatedOut = Type.Object({
  id: Type.String(),
  owed: Type.Integer({ description: 'PNBP still owed by the unit after this deposit' }),
});

const OwedFields = {
  accrued: Type.Integer({ description: 'PNBP owed by posted premi runs' }),
  deposited: Type.Integer(),
  owed: Type.Integer({ description: 'Still to deposit' }),
};
export const OwedOut = Type.Object({
  ...OwedFields,
  units: Type.Array(Type.Object({ unit_id: Type.String(), unit_name: Type.String(), ...OwedFields })),
});

const TotalsFields = {
  premi: Type.Integer({ description: 'Premi credited by posted runs in the month' }),
  inmates: Type.Integer({ description: 'How many inmates were credited (a count, no names)' }),
  runs: Type.Integer({ description: 'Runs of the month posted' }),
  pnbp_month: Type.Integer(),
  deposited_month: Type.Integer(),
  pnbp_outstanding: Type.Integer({ description: 'PNBP still owed at the end of the month' }),
  capital: Type.Integer({ description: 'Production capital balance at the end of the month' }),
};
export const TotalsOut = Type.Object({
  month: Type.String(),
  units: Type.Array(Type.Object({ unit_id: Type.String(), unit_name: Type.String(), ...TotalsFields })),
  total: Type.Object(TotalsFields),
});

const Check = Type.Object({ journal: Type.Integer(), records: Type.Integer(), difference: Type.Integer() });
export const ReconciliationOut = Type.Object({
  unit_id: Type.String(),
  month: Type.String(),
  revenue_offtake: Type.Integer(),
  revenue_sales: Type.Integer(),
  revenue: Type.Integer(),
  premi: Type.Integer(),
  pnbp: Type.Integer(),
  capital: Type.Integer(),
  material_cost: Type.Integer(),
  distributed: Type.Integer(),
  difference: Type.Integer({ description: 'revenue − distributed; 0 when the month balances' }),
  balanced: Type.Boolean(),
  posted_runs: Type.Integer(),
  offtake: Check,
  sales: Check,
});
