// Inputs of the public pages. Path parts are plain bounded strings: an address that cannot name a
// published row (a malformed slug or photo id) is a "not found" for the visitor, not a form error.
import { Type } from 'typebox';
import { pageParam } from '../../app/schema.ts';

const slug = Type.String({ minLength: 1, maxLength: 120 });
/** ?lang=en shows the page in English; anything else is Indonesian. */
const lang = Type.Optional(Type.String({ maxLength: 10 }));

export const LangQuery = Type.Object({ lang });
export const UnitParams = Type.Object({ slug });
export const UnitPageQuery = Type.Object({ lang, page: pageParam(1000) });
/** The item's slug is the route's tail (`*`): the router caps a `:param` at 100 characters, a slug may have 120. */
export const ItemParams = Type.Object({ slug, '*': Type.String({ maxLength: 1000 }) });
export const PhotoParams = Type.Object({
  slug,
  fileId: Type.String({ maxLength: 64 }),
  size: Type.String({ maxLength: 10 }),
});
