// SQL of the units' public pages: a read-only projection of what was published and nothing else.
// News items with status 'published' and their confirmed photos, published gallery entries with
// their product's name, price and available stock, and the unit's name, address and telephone.
// No query here reads a person (inmate or staff): the public may see every row it returns.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { TimeZone } from '../../db/schema.ts';

export interface PublicUnit {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  timezone: TimeZone;
}

const UNIT_COLUMNS = [
  'u.id',
  'u.public_slug as slug',
  'u.name',
  'u.address',
  'u.city',
  'u.phone',
  'u.email',
  'u.timezone',
] as const;

/** An active unit by its public address. */
export async function unitBySlug(db: Conn, slug: string): Promise<PublicUnit | undefined> {
  return db
    .selectFrom('units as u')
    .select(UNIT_COLUMNS)
    .where('u.public_slug', '=', slug)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export interface UnitWithNews extends PublicUnit {
  news_count: number;
  products_count: number;
  /** The newest publication (news or gallery), for the index and the sitemap's lastmod. */
  last_published: Date | null;
}

/** Active units with at least one published news item or gallery entry, by name. */
export async function unitsWithPublished(db: Conn): Promise<UnitWithNews[]> {
  const rows = await db
    .selectFrom('units as u')
    .select(UNIT_COLUMNS)
    .select([
      sql<number>`(select count(*) from news_items n where n.unit_id = u.id and n.status = 'published')::int`.as(
        'news_count',
      ),
      sql<number>`(select count(*) from gallery_entries g where g.unit_id = u.id and g.published)::int`.as(
        'products_count',
      ),
      sql<Date | null>`greatest(
        (select max(n.published_at) from news_items n where n.unit_id = u.id and n.status = 'published'),
        (select max(greatest(g.published_at, g.updated_at)) from gallery_entries g where g.unit_id = u.id and g.published))`.as(
        'last_published',
      ),
    ])
    .where('u.active', '=', true)
    .execute();
  return rows.filter((r) => r.news_count > 0 || r.products_count > 0);
}

export interface NewsSummary {
  id: string;
  slug: string;
  lang: 'id' | 'en';
  title: string;
  dateline: string;
  lead: string;
  body_html: string;
  published_at: Date;
  updated_at: Date;
  /** The first confirmed photo (by position): the list's picture and the link preview's image. */
  cover_file_id: string | null;
  cover_caption: string | null;
}

/** The first confirmed photo of item `n` (a correlated subquery on news_photos). */
const cover = (column: 'file_id' | 'caption') =>
  sql`(select p.${sql.ref(column)} from news_photos p
        where p.news_id = n.id and p.confirmation is not null
        order by p.position, p.created_at limit 1)`;

/**
 * A unit's published items, newest first (news_items_public_idx), with the total for paging:
 * one query per page.
 */
export async function publishedNews(
  db: Conn,
  unitId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: NewsSummary[]; total: number }> {
  const rows = await db
    .selectFrom('news_items as n')
    .select([
      'n.id',
      'n.slug',
      'n.lang',
      'n.title',
      'n.dateline',
      'n.lead',
      'n.body_html',
      sql<Date>`n.published_at`.as('published_at'),
      'n.updated_at',
      cover('file_id').$castTo<string | null>().as('cover_file_id'),
      cover('caption').$castTo<string | null>().as('cover_caption'),
      sql<number>`(count(*) over ())::int`.as('total'),
    ])
    .where('n.unit_id', '=', unitId)
    .where('n.status', '=', 'published')
    .orderBy('n.published_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total =
    rows[0]?.total ??
    (page.offset > 0
      ? Number(
          (
            await db
              .selectFrom('news_items as n')
              .select(sql<number>`count(*)::int`.as('c'))
              .where('n.unit_id', '=', unitId)
              .where('n.status', '=', 'published')
              .executeTakeFirst()
          )?.c ?? 0,
        )
      : 0);
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

export interface NewsItem {
  id: string;
  slug: string;
  lang: 'id' | 'en';
  title: string;
  dateline: string;
  lead: string;
  body_html: string;
  quote: string | null;
  quote_by: string | null;
  published_at: Date;
  updated_at: Date;
}

export interface PublicPhoto {
  file_id: string;
  caption: string | null;
}

/** One published item of the unit by its slug, with its confirmed photos in order. */
export async function publishedItem(
  db: Conn,
  unitId: string,
  slug: string,
): Promise<{ item: NewsItem; photos: PublicPhoto[] } | undefined> {
  const item = await db
    .selectFrom('news_items as n')
    .select([
      'n.id',
      'n.slug',
      'n.lang',
      'n.title',
      'n.dateline',
      'n.lead',
      'n.body_html',
      'n.quote',
      'n.quote_by',
      sql<Date>`n.published_at`.as('published_at'),
      'n.updated_at',
    ])
    .where('n.unit_id', '=', unitId)
    .where('n.slug', '=', slug)
    .where('n.status', '=', 'published')
    .executeTakeFirst();
  if (!item) return undefined;
  const photos = await db
    .selectFrom('news_photos as p')
    .select(['p.file_id', 'p.caption'])
    .where('p.news_id', '=', item.id)
    .where('p.confirmation', 'is not', null)
    .orderBy('p.position')
    .orderBy('p.created_at')
    .execute();
  return { item, photos };
}

export interface GalleryCard {
  product_id: string;
  name: string;
  uom: string;
  price: number | null;
  available: number;
  blurb: string | null;
  /** Humas's own photo, else the product's; null unless Humas confirmed the photo. */
  photo_file_id: string | null;
  published_at: Date | null;
}

/** A unit's published gallery, by product name (gallery_entries_public_idx). */
export async function publishedGallery(db: Conn, unitId: string): Promise<GalleryCard[]> {
  const rows = await db
    .selectFrom('gallery_entries as g')
    .innerJoin('products as p', 'p.id', 'g.product_id')
    .select([
      'p.id as product_id',
      'p.name',
      'p.uom',
      'p.price',
      sql<number>`greatest(p.on_hand - p.reserved, 0)::int`.as('available'),
      'g.blurb',
      sql<string | null>`case when g.photo_confirmation is not null
        then coalesce(g.photo_file_id, p.photo_file_id) end`.as('photo_file_id'),
      'g.published_at',
    ])
    .where('g.unit_id', '=', unitId)
    .where('g.published', '=', true)
    .where('p.active', '=', true)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ ...r, price: r.price === null ? null : Number(r.price) }));
}

/**
 * Whether a stored file may be served on the unit's public site: a confirmed photo of one of its
 * published items, or the confirmed photo of one of its published gallery entries (Humas's own, or
 * the product's when the entry has none). Anything else (a journal photo not chosen, a photo of a
 * draft, an unconfirmed one, another unit's) is not public.
 */
export async function isPublicPhoto(db: Conn, unitId: string, fileId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom(
      sql<boolean>`exists (
          select 1 from news_photos p join news_items n on n.id = p.news_id
           where p.file_id = ${fileId} and p.confirmation is not null
             and n.status = 'published' and n.unit_id = ${unitId})
        or exists (
          select 1 from gallery_entries g join products pr on pr.id = g.product_id
           where g.unit_id = ${unitId} and g.published and pr.active
             and g.photo_confirmation is not null
             and coalesce(g.photo_file_id, pr.photo_file_id) = ${fileId})`.as('ok'),
    )
    .executeTakeFirst();
  return row?.ok === true;
}

export interface SitemapItem {
  unit_slug: string;
  slug: string;
  lastmod: Date;
}

/** Every published item of every active unit, for the sitemap. */
export async function sitemapItems(db: Conn): Promise<SitemapItem[]> {
  return db
    .selectFrom('news_items as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select([
      'u.public_slug as unit_slug',
      'n.slug',
      sql<Date>`greatest(n.published_at, n.updated_at)`.as('lastmod'),
    ])
    .where('n.status', '=', 'published')
    .where('u.active', '=', true)
    .orderBy('u.public_slug')
    .orderBy('n.published_at', 'desc')
    .execute();
}
