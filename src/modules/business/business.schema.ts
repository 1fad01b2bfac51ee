// Input and output schemas of own-business (UMKM) plans: the plan (JSON and HTML form), the help
// given for it, and what the API answers.
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';

export const ASSISTANCE_KINDS = ['starter_kit', 'capital', 'training', 'other'] as const;

const rupiah = Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Whole rupiah' });

export const InmateParams = Type.Object({ inmateId: uuid });

export const PlanBody = Type.Object({
  business_name: optText(200),
  trade: Type.String({ minLength: 2, maxLength: 100, description: 'The trade, e.g. rajut (knitting)' }),
  description: optText(4000),
  product_ids: Type.Optional(
    Type.Array(uuid, {
      maxItems: 50,
      description: "Catalogue products of the person's unit they learned to make",
    }),
  ),
  location: optText(300),
  capital_needed: Type.Optional(rupiah),
});

/** The HTML form: the same fields (checkboxes send one product id as a plain string). */
export const PlanForm = Type.Object({
  ...PlanBody.properties,
  product_ids: Type.Optional(Type.Union([uuid, Type.Array(uuid, { maxItems: 50 })])),
});

export const AssistanceBody = Type.Object({
  kind: enumOf(ASSISTANCE_KINDS),
  item: Type.String({ minLength: 2, maxLength: 200, description: 'What was given, e.g. 2 mesin rajut' }),
  value: rupiah,
  giver: Type.String({ minLength: 2, maxLength: 200, description: 'From whom' }),
  partner_id: Type.Optional({ ...uuid, description: 'When the giver is a registered partner' }),
  given_on: date,
});

export const PlanListQuery = Type.Object({ page: pageParam() });

export const AssistanceOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  item: Type.String(),
  value: Type.Integer(),
  giver: Type.String(),
  partner_id: nullable(Type.String()),
  given_on: Type.String(),
});

export const PlanOut = Type.Object({
  id: Type.String(),
  inmate_id: Type.String(),
  unit_id: Type.String(),
  business_name: nullable(Type.String()),
  trade: Type.String(),
  description: Type.String(),
  products: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  location: nullable(Type.String()),
  capital_needed: nullable(Type.Integer()),
  assistance: Type.Array(AssistanceOut),
  assistance_total: Type.Integer(),
});

export const PlanListOut = Type.Object({
  id: Type.String(),
  inmate_id: Type.String(),
  name: Type.String(),
  trade: Type.String(),
  business_name: nullable(Type.String()),
  assistance_total: Type.Integer(),
});
