// Input and output of the Program Aksi indicators (page, XLSX and /api/v1/program-aksi/indicators).
import { Type } from 'typebox';
import { enumOf, nullable, uuid } from '../../app/schema.ts';
import { LEVELS } from './program-aksi-indicators.ts';

export const IndicatorsQuery = Type.Object({
  // Checked by the service (a message at the field, and a period not yet begun refused), not here.
  period: Type.Optional(
    Type.String({
      maxLength: 7,
      description: 'YYYY-MM (a month) or YYYY (a year); the last full month if left out',
    }),
  ),
  level: Type.Optional(enumOf(LEVELS)),
});

const count = Type.Integer({ minimum: 0 });
const rupiah = Type.Integer({ description: 'Rp' });

const FiguresOut = {
  programmes: count,
  participants: Type.Integer({ minimum: 0, description: 'distinct people over the whole period' }),
  certificates: count,
  production_value: rupiah,
  pnbp: Type.Integer({
    description:
      'Rp: the share of posted premi run groups paid for products of the programmes tagged with the item',
  }),
};

export const IndicatorsOut = Type.Object({
  period: Type.String(),
  kind: enumOf(['month', 'year']),
  from: Type.String({ description: 'YYYY-MM' }),
  to: Type.String({ description: 'YYYY-MM' }),
  level: enumOf(LEVELS),
  levels: Type.Array(enumOf(LEVELS)),
  computed_at: nullable(Type.String({ format: 'date-time' })),
  pending_changes: count,
  replica_lag_seconds: nullable(
    Type.Integer({
      minimum: 0,
      description:
        'How far behind the primary the read replica these figures came from is, when at least DATABASE_REPLICA_LAG_NOTICE_SECONDS; else null',
    }),
  ),
  items: Type.Array(
    Type.Object({
      id: uuid,
      number: nullable(Type.Integer()),
      title: Type.String(),
      active: Type.Boolean(),
      rows: Type.Array(
        Type.Object({
          place_id: Type.String({ description: "a unit's or Kanwil's id, or 'nation'" }),
          name: Type.String(),
          kanwil_name: nullable(Type.String()),
          ...FiguresOut,
        }),
      ),
    }),
  ),
  pnbp: Type.Array(
    Type.Object({
      place_id: Type.String(),
      name: Type.String(),
      total: rupiah,
      attributed: rupiah,
      not_attributed: rupiah,
    }),
  ),
});
