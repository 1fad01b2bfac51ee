import { Type } from 'typebox';
import { uuid } from '../../app/schema.ts';

export const UnitBody = Type.Object({
  kanwil_id: uuid,
  code: Type.String({ pattern: '^[A-Za-z0-9.-]{2,20}$' }),
  type: Type.Union(['rutan', 'lapas', 'lpka', 'lpp', 'bapas'].map((v) => Type.Literal(v))),
  class: Type.Union(['I', 'II', 'IIA', 'IIB', 'III'].map((v) => Type.Literal(v))),
  name: Type.String({ minLength: 3, maxLength: 150 }),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{6,20}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  timezone: Type.Union(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'].map((v) => Type.Literal(v))),
});

export const UnitOut = Type.Object({
  id: Type.String(),
  kanwil_id: Type.String(),
  kanwil_name: Type.String(),
  code: Type.String(),
  type: Type.String(),
  class: Type.String(),
  name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  timezone: Type.String(),
  active: Type.Boolean(),
});

export const KanwilOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  province: Type.String(),
  timezone: Type.String(),
});

export const KanwilBody = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9.-]{2,20}$' }),
  name: Type.String({ minLength: 3, maxLength: 150 }),
  province: Type.String({ minLength: 3, maxLength: 100 }),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  timezone: Type.Union(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'].map((v) => Type.Literal(v))),
});
