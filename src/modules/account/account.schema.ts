import { Type } from 'typebox';

export const LanguageBody = Type.Object({
  lang: Type.Union([Type.Literal('id'), Type.Literal('en')]),
  next: Type.Optional(Type.String({ maxLength: 500 })),
});

/** The person's own NIP (empty: none); its structure is checked by the users service. */
export const NipBody = Type.Object({
  nip: Type.Optional(
    Type.Union([Type.String({ pattern: '^[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}$' }), Type.Literal('')]),
  ),
});

export const TokenCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  expires_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
});

export const TokenOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const MeOut = Type.Object({
  id: Type.String(),
  username: Type.String(),
  full_name: Type.String(),
  roles: Type.Array(Type.String()),
  unit_id: Type.Union([Type.String(), Type.Null()]),
  kanwil_id: Type.Union([Type.String(), Type.Null()]),
  home_name: Type.Union([Type.String(), Type.Null()]),
  time_zone: Type.String(),
  locale: Type.String(),
  must_change_password: Type.Boolean(),
});
