import { Type } from 'typebox';

export const ProgramAksiBody = Type.Object({
  number: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  active: Type.Optional(Type.Boolean()),
});

export const ProgramAksiOut = Type.Object({
  id: Type.String(),
  number: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
