// Input and output schemas of the newsroom (pages and /api/v1/news).
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';
import { EVENT_KINDS } from './news.templates.ts';

export const NEWS_STATUSES = ['draft', 'submitted', 'approved', 'published', 'unpublished'] as const;

export const NewsListQuery = Type.Object({
  status: Type.Optional(enumOf(NEWS_STATUSES)),
  page: pageParam(),
});

export const PhotoParams = Type.Object({ id: uuid, photoId: uuid });
export const PhotoSize = Type.Object({ size: Type.Optional(enumOf(['web', 'thumb'] as const)) });

/** A draft from an event: the event's record, or (bazaar) its day; certificates and placements need both. */
export const DraftFromEventBody = Type.Object({
  event_kind: enumOf(EVENT_KINDS),
  event_id: Type.Optional(Type.Union([uuid, Type.Literal('')])),
  event_day: Type.Optional(Type.Union([date, Type.Literal('')])),
  lang: Type.Optional(enumOf(['id', 'en'] as const)),
});

const draftFields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  dateline: Type.String({ minLength: 2, maxLength: 60 }),
  lead: Type.String({ minLength: 10, maxLength: 1000 }),
  body_html: Type.String({ maxLength: 60_000, description: 'HTML; sanitised to the allowlist on save' }),
  quote: optText(1000),
  quote_by: optText(200),
};

/** The edit form posts every field. */
export const DraftFormBody = Type.Object(draftFields);

/** The API's PATCH: any of the fields; the others stay. */
export const DraftPatchBody = Type.Partial(Type.Object(draftFields));

export const ReturnBody = Type.Object({ note: optText(500) });

export const PhotoChooseBody = Type.Object({ file_id: uuid });

export const PhotoConfirmBody = Type.Object({
  confirmation: enumOf(['no_identifiable', 'consent'] as const),
  consent_note: optText(500),
});

export const EventOut = Type.Object({
  kind: enumOf(EVENT_KINDS),
  id: nullable(uuid),
  day: date,
  news_id: nullable(uuid),
  title: Type.Optional(Type.String()),
  partner: Type.Optional(Type.String()),
  programme: Type.Optional(Type.String()),
  position: Type.Optional(Type.String()),
  n: Type.Optional(Type.Integer()),
  total: Type.Optional(Type.Number()),
});

export const NewsPhotoOut = Type.Object({
  id: uuid,
  file_id: uuid,
  position: Type.Integer(),
  confirmation: nullable(enumOf(['no_identifiable', 'consent'] as const)),
  consent_note: nullable(Type.String()),
  confirmed_at: nullable(Type.String({ format: 'date-time' })),
});

export const NewsOut = Type.Object({
  id: uuid,
  unit_id: uuid,
  slug: Type.String(),
  event_kind: Type.String(),
  event_id: nullable(uuid),
  event_day: date,
  lang: enumOf(['id', 'en'] as const),
  title: Type.String(),
  dateline: Type.String(),
  lead: Type.String(),
  body_html: Type.String(),
  quote: nullable(Type.String()),
  quote_by: nullable(Type.String()),
  status: enumOf(NEWS_STATUSES),
  return_note: nullable(Type.String()),
  submitted_at: nullable(Type.String({ format: 'date-time' })),
  approved_at: nullable(Type.String({ format: 'date-time' })),
  published_at: nullable(Type.String({ format: 'date-time' })),
  unpublished_at: nullable(Type.String({ format: 'date-time' })),
  updated_at: Type.String({ format: 'date-time' }),
  photos: Type.Optional(Type.Array(NewsPhotoOut)),
});
