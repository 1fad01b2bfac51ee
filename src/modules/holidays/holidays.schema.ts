import { Type } from 'typebox';
import { date, UnitIdOrOwn } from '../../app/schema.ts';

export const HOLIDAY_KINDS = ['national', 'cuti_bersama', 'local'] as const;

export const HolidayListQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});

const fields = {
  day: date,
  name: Type.String({ minLength: 2, maxLength: 200 }),
  kind: Type.Optional(Type.Enum(HOLIDAY_KINDS)),
};

/** national: true adds a national holiday (administrators only); otherwise a local one of the unit. */
export const HolidayBody = Type.Object({
  ...fields,
  national: Type.Optional(Type.Boolean()),
  unit_id: UnitIdOrOwn,
});

export const HolidayUpdateBody = Type.Object(fields);

export const HolidayOut = Type.Object({
  id: Type.String(),
  unit_id: Type.Union([Type.String(), Type.Null()]),
  unit_name: Type.Union([Type.String(), Type.Null()]),
  day: Type.String(),
  name: Type.String(),
  kind: Type.String(),
});
