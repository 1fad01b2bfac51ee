// Inputs and outputs of the production reports: the month and the optional unit and programme they
// are narrowed to, and the JSON each /api/v1 report answers with (counts and integer rupiah).
import { Type } from 'typebox';
import { date, enumOf, nullable, uuid } from '../../app/schema.ts';
import { MONTH_PATTERN } from './production-reports.rules.ts';

const month = Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' });
const unitId = Type.Optional(
  Type.String({ format: 'uuid', description: 'One unit of those in scope; every unit in scope when absent' }),
);

export const MonthQuery = Type.Object({
  month: Type.Optional(
    Type.String({
      pattern: MONTH_PATTERN,
      description: "YYYY-MM; this month (in the unit's zone) when absent",
    }),
  ),
  unit_id: unitId,
});

export const ParticipantsQuery = Type.Object({
  month: MonthQuery.properties.month,
  unit_id: unitId,
  programme_id: Type.Optional(Type.String({ format: 'uuid', description: 'One programme only' })),
});

export const UnitQuery = Type.Object({ unit_id: unitId });

const count = Type.Integer({ minimum: 0 });
const rupiah = Type.Integer({ description: 'Whole rupiah' });
const rate = nullable(
  Type.Number({
    description: 'Passed as a percentage of items checked, one decimal; null when none was checked',
  }),
);

const Figures = {
  finished: count,
  sent: count,
  passed: count,
  rejected: count,
  pass_rate: rate,
  value: rupiah,
  own_stock: count,
};

export const ProgrammesOut = Type.Object({
  month,
  unit_id: nullable(uuid),
  totals: Type.Object(Figures),
  programmes: Type.Array(
    Type.Object({
      programme_id: uuid,
      programme_name: Type.String(),
      unit_id: uuid,
      unit_name: Type.String(),
      ...Figures,
      history: Type.Array(Type.Object({ month, ...Figures }), {
        description: 'The twelve months ending with `month`, oldest first',
      }),
    }),
  ),
});

export const ParticipantsOut = Type.Object({
  month,
  unit_id: nullable(uuid),
  totals: Type.Object({ finished: count, passed: count, rejected: count, value: rupiah }),
  participants: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      name: Type.String(),
      kind: enumOf(['inmate', 'intern', 'staff']),
      inmate_id: nullable(uuid),
      reg_number: nullable(Type.String()),
      programme_id: uuid,
      programme_name: Type.String(),
      unit_id: uuid,
      unit_name: Type.String(),
      finished: count,
      passed: count,
      rejected: count,
      value: rupiah,
    }),
  ),
});

export const StockOut = Type.Object({
  day: date,
  products: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      uom: Type.String(),
      route: enumOf(['partner', 'own']),
      programme_name: nullable(Type.String()),
      unit_name: Type.String(),
      awaiting_check: count,
      in_check: count,
      on_hand: count,
      reserved: count,
      sold: count,
    }),
  ),
  materials: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      uom: enumOf(['gram', 'gulung', 'meter', 'buah']),
      owner: enumOf(['partner', 'unit']),
      partner_name: nullable(Type.String()),
      unit_name: Type.String(),
      on_hand: count,
      value: rupiah,
      low_stock_level: count,
      low: Type.Boolean(),
    }),
  ),
  materials_value: rupiah,
  low_count: count,
});

const channels = ['bazaar', 'visitor', 'order', 'other'];
const methods = ['tunai', 'transfer', 'qris'];

export const SalesBookOut = Type.Object({
  month,
  sales: Type.Array(
    Type.Object({
      id: uuid,
      number: Type.String(),
      sold_on: date,
      channel: enumOf(channels),
      buyer_name: nullable(Type.String()),
      payment_method: enumOf(methods),
      payment_ref: nullable(Type.String()),
      total: Type.Integer({ description: 'Whole rupiah; negative for a reversal' }),
      status: enumOf(['completed', 'cancel_requested', 'cancelled', 'reversal']),
      reverses_number: nullable(Type.String()),
      unit_name: Type.String(),
    }),
  ),
  by_channel: Type.Array(Type.Object({ channel: enumOf(channels), count, total: rupiah })),
  by_method: Type.Array(Type.Object({ payment_method: enumOf(methods), count, total: rupiah })),
  total: rupiah,
});

export const ReceivablesOut = Type.Object({
  day: date,
  partners: Type.Array(
    Type.Object({
      partner_id: uuid,
      partner_name: Type.String(),
      total: rupiah,
      paid: rupiah,
      owed: rupiah,
      invoices: Type.Array(
        Type.Object({
          id: uuid,
          number: Type.String(),
          unit_name: Type.String(),
          issued_on: date,
          due_on: nullable(date),
          total: rupiah,
          paid: rupiah,
          owed: rupiah,
          age_days: count,
        }),
      ),
    }),
  ),
  total: rupiah,
  paid: rupiah,
  owed: rupiah,
});
