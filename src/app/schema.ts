// Schema primitives the modules' input and output schemas share (TypeBox): record ids, calendar
// days, paging, optional texts and null. One definition each, so every route validates and
// documents them alike. No $id: the OpenAPI document inlines them where they are used.
import { type TSchema, Type } from 'typebox';

/** A record's id. */
export const uuid = Type.String({ format: 'uuid' });

/** A calendar day, YYYY-MM-DD. */
export const date = Type.String({ format: 'date' });

/** The value or null (a nullable column). */
export const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** One of a fixed list of strings (a status, a kind), as a JSON Schema enum. */
export const enumOf = <const T extends string[]>(vs: readonly [...T]) => Type.Enum(vs);

/** The path of a route about one record: /x/:id. */
export const IdParams = Type.Object({ id: uuid });

/** The 1-based page of a paged list; `max` bounds how deep a caller may page. */
export const pageParam = (max = 10_000) => Type.Optional(Type.Integer({ minimum: 1, maximum: max }));

/** An optional text of at most `max` characters (a form's free-text field). */
export const optText = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** The unit a record is created in, when the caller may choose one. */
export const UnitIdOrOwn = Type.Optional(
  Type.String({ format: 'uuid', description: "Defaults to the user's unit" }),
);
