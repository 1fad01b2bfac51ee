import { Type } from 'typebox';
import { nullable, optText, pageParam, UnitIdOrOwn } from '../../app/schema.ts';

export const PARTNER_TYPES = ['company', 'blk', 'lsp', 'government', 'ngo', 'university', 'other'] as const;

export const ContactSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  position: optText(120),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{6,20}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
});

const fields = {
  unit_id: UnitIdOrOwn,
  type: Type.Union(PARTNER_TYPES.map((t) => Type.Literal(t))),
  legal_name: Type.String({ minLength: 2, maxLength: 200 }),
  nib: Type.Optional(Type.String({ pattern: '^[0-9]{13}$', description: 'NIB: 13 digits' })),
  npwp: Type.Optional(
    Type.String({
      pattern: '^[0-9.\\-]{15,20}$',
      description: 'NPWP: 15 or 16 digits, dots and dashes allowed',
    }),
  ),
  address: optText(300),
  city: optText(100),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{6,20}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  website: optText(200),
  notes: optText(2000),
};

/** The API body: contacts as a list of objects. */
export const PartnerBody = Type.Object({
  ...fields,
  contacts: Type.Optional(Type.Array(ContactSchema, { maxItems: 20 })),
});

/** The HTML form: contacts as parallel columns of a small table, zipped into objects by the route. */
export const PartnerForm = Type.Object({
  ...fields,
  contact_name: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 20 })),
  contact_position: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 20 })),
  contact_phone: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })),
  contact_email: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
});

export const PartnerListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(Type.Union(PARTNER_TYPES.map((t) => Type.Literal(t)))),
  page: pageParam(),
});

export const InstructorBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9._-]{3,40}$' }),
  full_name: Type.String({ minLength: 1, maxLength: 120 }),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{6,20}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
});

export const PartnerOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  type: Type.String(),
  legal_name: Type.String(),
  nib: nullable(Type.String()),
  npwp: nullable(Type.String()),
  address: nullable(Type.String()),
  city: nullable(Type.String()),
  phone: nullable(Type.String()),
  email: nullable(Type.String()),
  website: nullable(Type.String()),
  notes: nullable(Type.String()),
  contacts: Type.Array(ContactSchema),
  active: Type.Boolean(),
});
