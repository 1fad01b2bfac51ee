// Input and output schemas of materials, their movements, stock-takes and write-offs, and the
// stock overview: one definition validates each request and documents it in the OpenAPI file.
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, UnitIdOrOwn, uuid } from '../../app/schema.ts';

export const UOMS = ['gram', 'gulung', 'meter', 'buah'] as const;
export const OWNERS = ['partner', 'unit'] as const;
export const ADJUSTMENT_KINDS = ['stocktake', 'write_off'] as const;
export const ADJUSTMENT_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const MOVEMENT_KINDS = ['received', 'issued', 'returned', 'used', 'counted', 'written_off'] as const;

const qty = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Whole units of measure' });
const rupiah = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Whole rupiah' });

export const MaterialListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  owner: Type.Optional(enumOf(OWNERS)),
  low: Type.Optional(Type.Boolean({ description: 'Only materials at or below their low-stock level' })),
  active: Type.Optional(Type.Boolean()),
  page: pageParam(),
});

const materialFields = {
  name: Type.String({ minLength: 2, maxLength: 120 }),
  uom: enumOf(UOMS),
  owner: enumOf(OWNERS),
  partner_id: Type.Optional(uuid),
  low_stock_level: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
};

export const MaterialBody = Type.Object({
  unit_id: UnitIdOrOwn,
  ...materialFields,
  active: Type.Optional(Type.Boolean()),
});

/** The HTML form: the tick box sends "true" or nothing. */
export const MaterialForm = Type.Object({ ...materialFields, active: Type.Optional(Type.Boolean()) });

export const MaterialOut = Type.Object({
  id: uuid,
  unit_id: uuid,
  name: Type.String(),
  uom: enumOf(UOMS),
  owner: enumOf(OWNERS),
  partner_id: nullable(uuid),
  partner_name: nullable(Type.String()),
  low_stock_level: Type.Integer(),
  on_hand: Type.Integer(),
  stock_value: Type.Integer({ description: 'Rupiah at cost; 0 for partner consignment' }),
  low: Type.Boolean(),
  active: Type.Boolean(),
});

export const MovementOut = Type.Object({
  id: uuid,
  day: date,
  kind: enumOf(MOVEMENT_KINDS),
  qty: Type.Integer({ description: 'Signed: positive adds to stock' }),
  value: Type.Integer({ description: 'Signed change of the stock value, rupiah' }),
  source: nullable(Type.String()),
  document_no: nullable(Type.String()),
  session_id: nullable(uuid),
  enrolment_id: nullable(uuid),
  adjustment_id: nullable(uuid),
  note: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
});

export const MaterialDetailOut = Type.Object({
  material: MaterialOut,
  movements: Type.Array(MovementOut),
});

export const ReceiptBody = Type.Object({
  day: date,
  qty,
  cost: Type.Optional(rupiah),
  source: Type.String({ minLength: 2, maxLength: 200 }),
  document_no: Type.String({ minLength: 1, maxLength: 100 }),
});

export const MoveOutBody = Type.Object({
  day: date,
  qty,
  session_id: Type.Optional(uuid),
  enrolment_id: Type.Optional(uuid),
  note: optText(500),
});

export const StockAfterOut = Type.Object({ on_hand: Type.Integer(), value: Type.Integer() });

// HTML forms take quantities and money as text so a fraction or a minus gets its own message.
const numText = Type.String({ maxLength: 20 });
export const ReceiptForm = Type.Object({
  day: date,
  qty: numText,
  cost: Type.Optional(numText),
  source: Type.String({ minLength: 2, maxLength: 200 }),
  document_no: Type.String({ minLength: 1, maxLength: 100 }),
});
export const MoveOutForm = Type.Object({
  day: date,
  qty: numText,
  session_id: Type.Optional(uuid),
  enrolment_id: Type.Optional(uuid),
  note: optText(500),
});

export const AdjustmentListQuery = Type.Object({
  status: Type.Optional(enumOf(ADJUSTMENT_STATUSES)),
  kind: Type.Optional(enumOf(ADJUSTMENT_KINDS)),
  page: pageParam(),
});

export const NewAdjustmentQuery = Type.Object({ kind: Type.Optional(enumOf(ADJUSTMENT_KINDS)) });

const LineBody = Type.Object({
  material_id: Type.Optional(uuid),
  product_id: Type.Optional(uuid),
  expected: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Stock-take: what the page showed; refused if stock moved since',
    }),
  ),
  counted: Type.Optional(Type.Integer({ minimum: 0, description: 'Stock-take: what was counted' })),
  qty: Type.Optional(Type.Integer({ minimum: 1, description: 'Write-off: how many leave the stock' })),
  reason: optText(300),
});

export const AdjustmentBody = Type.Object({
  unit_id: UnitIdOrOwn,
  kind: enumOf(ADJUSTMENT_KINDS),
  day: date,
  note: optText(1000),
  lines: Type.Array(LineBody, { minItems: 1, maxItems: 5000 }),
});

/** The stock-take page's answers: `counted.m.<id>`, `reason.p.<id>`, `expected.m.<id>`. */
export const StocktakeForm = Type.Object(
  { day: date, note: optText(1000) },
  { additionalProperties: Type.String({ maxLength: 300 }) },
);

export const WriteOffForm = Type.Object({
  day: date,
  item: Type.String({ pattern: '^[mp]\\.[0-9a-f-]{36}$' }),
  qty: numText,
  reason: Type.String({ minLength: 2, maxLength: 300 }),
  note: optText(1000),
});

export const DecisionBody = Type.Object({ approve: Type.Boolean(), note: optText(1000) });
export const DecisionForm = Type.Object({
  decision: enumOf(['approve', 'reject'] as const),
  note: optText(1000),
});

const LineOut = Type.Object({
  id: uuid,
  material_id: nullable(uuid),
  product_id: nullable(uuid),
  item_name: Type.String(),
  uom: Type.String(),
  expected: nullable(Type.Integer()),
  counted: nullable(Type.Integer()),
  qty: nullable(Type.Integer()),
  reason: nullable(Type.String()),
});

export const AdjustmentOut = Type.Object({
  id: uuid,
  unit_id: uuid,
  kind: enumOf(ADJUSTMENT_KINDS),
  day: date,
  status: enumOf(ADJUSTMENT_STATUSES),
  note: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
  decided_by_name: nullable(Type.String()),
  decided_at: nullable(Type.String({ format: 'date-time' })),
  decision_note: nullable(Type.String()),
  line_count: Type.Integer(),
});

export const AdjustmentDetailOut = Type.Object({ adjustment: AdjustmentOut, lines: Type.Array(LineOut) });

export const StockOut = Type.Object({
  materials: Type.Array(MaterialOut),
  products: Type.Array(
    Type.Object({
      id: uuid,
      name: Type.String(),
      uom: Type.String(),
      awaiting_check: Type.Integer(),
      in_check: Type.Integer(),
      on_hand: Type.Integer(),
      reserved: Type.Integer(),
      available: Type.Integer(),
      sold: Type.Integer(),
    }),
  ),
});
