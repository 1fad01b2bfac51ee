// Input and output schemas of the gallery's management (the /gallery pages and /api/v1/gallery).
import { Type } from 'typebox';
import { enumOf, nullable, optText, uuid } from '../../app/schema.ts';
import { BLURB_MAX, CONSENT_NOTE_MAX } from './gallery.rules.ts';

export const CONFIRMATIONS = ['no_identifiable', 'consent'] as const;

export const AddBody = Type.Object({
  product_id: uuid,
  blurb: Type.Optional(
    Type.String({ maxLength: BLURB_MAX, description: "Plain text; absent: the product's description" }),
  ),
});

export const BlurbBody = Type.Object({ blurb: optText(BLURB_MAX) });

export const ConfirmBody = Type.Object({
  confirmation: enumOf(CONFIRMATIONS),
  consent_note: Type.Optional(
    Type.String({ maxLength: CONSENT_NOTE_MAX, description: 'Whose consent and how it was recorded' }),
  ),
});

export const SizeParams = Type.Object({ id: uuid });

const PhotoOut = Type.Object({
  source: enumOf(['own', 'product'] as const),
  file_id: uuid,
  confirmed: Type.Boolean(),
});

export const EntryOut = Type.Object({
  product_id: uuid,
  unit_id: uuid,
  unit_name: Type.String(),
  name: Type.String(),
  price: nullable(Type.Integer({ description: 'Rupiah' })),
  available: Type.Integer({ description: 'On hand minus reserved' }),
  active: Type.Boolean(),
  entry_id: nullable(uuid),
  blurb: nullable(Type.String()),
  photo: nullable(PhotoOut),
  photo_confirmation: nullable(enumOf(CONFIRMATIONS)),
  published: Type.Boolean(),
  /** Why publishing is refused now (message keys), for an entry in the gallery. */
  problems: Type.Array(Type.String()),
});

export const ListOut = Type.Object({ items: Type.Array(EntryOut) });
export const Created = Type.Object({ id: uuid });
