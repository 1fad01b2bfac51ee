// Input and output schemas of the product catalogue and the product kinds (TypeBox): one definition
// validates the page forms and the API and documents the API (OpenAPI).
import { type TSchema, Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, UnitIdOrOwn, uuid } from '../../app/schema.ts';
import { PRODUCT_ROUTES, PRODUCT_UOMS } from './products.rules.ts';

/** A filter select's "all" sends an empty value: the same as leaving the filter out. */
const orAll = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Literal('')]));

export const ProductListQuery = Type.Object({
  q: optText(100),
  programme_id: orAll(uuid),
  kind_id: orAll(uuid),
  route: orAll(enumOf(PRODUCT_ROUTES)),
  active: orAll(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  page: pageParam(),
});

const productFields = {
  unit_id: UnitIdOrOwn,
  programme_id: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        "The programme that makes it (required for route 'partner': the programme must have a partner and an agreement)",
    }),
  ),
  kind_id: uuid,
  name: Type.String({ minLength: 2, maxLength: 120 }),
  rate_name: Type.Optional(
    Type.String({
      maxLength: 120,
      description: "The product's name in the agreement's piece-rate table, when it differs from `name`",
    }),
  ),
  uom: enumOf(PRODUCT_UOMS),
  route: Type.Enum(PRODUCT_ROUTES, {
    description:
      "'partner': finished items go to the partner's quality check and are bought at its piece rate; 'own': the unit sells them itself",
  }),
  price: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Sale price, whole rupiah' }),
  ),
  description: optText(2000),
  active: Type.Optional(Type.Boolean({ description: 'Defaults to true' })),
};

/** The API body of a new product, and the whole product on update (what is left out is cleared). */
export const ProductBody = Type.Object(productFields);

const qty = Type.Number({
  description:
    'Whole number of the material’s unit of measure per item, above 0 (refused per line otherwise)',
});

export const BomLineSchema = Type.Object({ material_id: uuid, qty_per_item: qty });

export const BomBody = Type.Object({ lines: Type.Array(BomLineSchema, { maxItems: 50 }) });

/** The page's form adding one material to the bill of materials. */
export const BomAddForm = Type.Object({ material_id: uuid, qty_per_item: qty });

export const BomParams = Type.Object({ id: uuid, materialId: uuid });

export const ProductOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  programme_id: nullable(Type.String()),
  programme_name: nullable(Type.String()),
  kind_id: Type.String(),
  kind_name: Type.String(),
  name: Type.String(),
  rate_name: nullable(Type.String()),
  uom: Type.String(),
  route: enumOf(PRODUCT_ROUTES),
  price: nullable(Type.Integer()),
  description: nullable(Type.String()),
  photo_file_id: nullable(Type.String()),
  active: Type.Boolean(),
  awaiting_check: Type.Integer({ description: "Finished items awaiting the partner's check" }),
  in_check: Type.Integer({ description: "Items at the partner's check" }),
  on_hand: Type.Integer({ description: "Items in the unit's sale stock (reserved included)" }),
  reserved: Type.Integer(),
  sold: Type.Integer({ description: 'Sold: bought by the partner or sold by the unit' }),
});

export const ProductDetailOut = Type.Object({
  product: ProductOut,
  bill_of_materials: Type.Array(
    Type.Object({
      material_id: Type.String(),
      material_name: Type.String(),
      uom: Type.String(),
      qty_per_item: Type.Integer(),
    }),
  ),
  piece_rate_today: nullable(
    Type.Object({
      day: date,
      rate: nullable(Type.Integer()),
      agreement: nullable(Type.String()),
      since: nullable(date),
      warning: nullable(Type.String({ description: 'Why there is no rate, when there is none' })),
    }),
  ),
  movements: Type.Array(
    Type.Object({
      kind: Type.String(),
      day: date,
      qty: Type.Integer(),
      maker: nullable(Type.String({ description: 'Only for those who may see production (names)' })),
    }),
  ),
});

export const RateQuery = Type.Object({ day: date });

export const RateOut = Type.Object({
  rate: Type.Integer(),
  agreement_id: Type.String(),
  source_id: Type.String({ description: 'The agreement or addendum whose terms hold the rate' }),
  effective_from: date,
});

// --- Product kinds ----------------------------------------------------------------------------

export const ProductKindBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 80 }),
  code: Type.Optional(
    Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Made from the name when absent' }),
  ),
});

export const ProductKindPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
  active: Type.Optional(Type.Boolean()),
});

export const ProductKindOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
});
