import { Type } from 'typebox';
import { ROLES } from '../../app/policy.ts';
import { pageParam, uuid } from '../../app/schema.ts';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

const fields = {
  full_name: Type.String({ minLength: 1, maxLength: 120 }),
  nip: Type.Optional(
    Type.String({
      pattern: '^[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}$',
      description: 'NIP: 18 digits, or written in its four groups (19850312 201001 1 004)',
    }),
  ),
  position: Type.Optional(Type.String({ maxLength: 120 })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{6,20}$' })),
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  unit_id: Type.Optional(uuid),
  kanwil_id: Type.Optional(uuid),
};

export const UserCreateBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9._-]{3,40}$' }),
  ...fields,
  password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
});

export const UserUpdateBody = Type.Object(fields);

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(RoleSchema),
  unit_id: Type.Optional(uuid),
  active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  page: pageParam(),
});

export const UserOut = Type.Object({
  id: Type.String(),
  username: Type.String(),
  full_name: Type.String(),
  nip: Type.Union([Type.String(), Type.Null()]),
  position: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  unit_id: Type.Union([Type.String(), Type.Null()]),
  unit_name: Type.Union([Type.String(), Type.Null()]),
  kanwil_id: Type.Union([Type.String(), Type.Null()]),
  kanwil_name: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  must_change_password: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

export const PasswordChangeBody = Type.Object({
  current_password: Type.String({ minLength: 1, maxLength: 200 }),
  new_password: Type.String({ minLength: 10, maxLength: 200 }),
  confirm_password: Type.String({ minLength: 1, maxLength: 200 }),
});
