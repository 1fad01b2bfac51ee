// The public pages: the list of units, a unit's news (paged), one item, the product gallery and
// the public "not found". Texts from the records are escaped by the templates; an item's body is
// HTML and passes the newsroom's sanitiser again on every render.
import { formatDateLong, formatNumber, formatRupiah } from '../../app/format.ts';
import { sanitizeNewsHtml } from '../news/news.rules.ts';
import { type Head, type SiteCtx, SiteLayout } from './public-site.layout.tsx';
import type {
  GalleryCard,
  NewsItem,
  NewsSummary,
  PublicPhoto,
  PublicUnit,
  UnitWithNews,
} from './public-site.repo.ts';

const unitPath = (unit: PublicUnit) => `/site/${unit.slug}`;
export const itemPath = (unit: PublicUnit, slug: string) => `${unitPath(unit)}/news/${slug}`;
export const photoPath = (unit: PublicUnit, fileId: string, size: 'web' | 'thumb') =>
  `${unitPath(unit)}/photos/${fileId}/${size}`;

function PublishedOn({ ctx, unit, at }: { ctx: SiteCtx; unit: PublicUnit; at: Date }) {
  return <time datetime={at.toISOString()}>{formatDateLong(at, unit.timezone, ctx.lang)}</time>;
}

/** "Magetan –": the dateline as Humas wrote it, with the dash a dateline ends with. */
const dateline = (d: string) => (/[–—-]\s*$/.test(d) ? d.trim() : `${d.trim()} –`);

export function IndexPage({ ctx, units }: { ctx: SiteCtx; units: UnitWithNews[] }) {
  const title = ctx.t('publicSite.indexTitle');
  const head: Head = {
    description: ctx.t('publicSite.indexIntro'),
    og: { type: 'website', siteName: title },
  };
  return (
    <SiteLayout ctx={ctx} unit={null} title={title} head={head}>
      <h1>{title}</h1>
      <p class="intro">{ctx.t('publicSite.indexIntro')}</p>
      {units.length === 0 ? (
        <p>{ctx.t('publicSite.indexEmpty')}</p>
      ) : (
        <ul class="units" data-testid="site-units">
          {units.map((u) => (
            <li key={u.id}>
              <h2>
                <a href={ctx.href(unitPath(u))}>{u.name}</a>
              </h2>
              <p class="meta">
                {ctx.t('publicSite.indexCounts', {
                  news: formatNumber(u.news_count, ctx.lang),
                  products: formatNumber(u.products_count, ctx.lang),
                })}
                {u.last_published && (
                  <>
                    {' · '}
                    {ctx.t('publicSite.lastPublished', {
                      date: formatDateLong(u.last_published, u.timezone, ctx.lang),
                    })}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </SiteLayout>
  );
}

export function UnitPage({
  ctx,
  unit,
  news,
  page,
  pages,
}: {
  ctx: SiteCtx;
  unit: PublicUnit;
  news: NewsSummary[];
  page: number;
  pages: number;
}) {
  const title = ctx.t('publicSite.title', { unit: unit.name });
  const cover = news.find((n) => n.cover_file_id)?.cover_file_id;
  const head: Head = {
    description: ctx.t('publicSite.description', { unit: unit.name }),
    og: { type: 'website', siteName: title, image: cover ? ctx.abs(photoPath(unit, cover, 'web')) : null },
  };
  const pageHref = (p: number) => ctx.href(p === 1 ? unitPath(unit) : `${unitPath(unit)}?page=${p}`);
  return (
    <SiteLayout ctx={ctx} unit={unit} title={title} head={head}>
      <h1>{title}</h1>
      {news.length === 0 ? (
        <p>{ctx.t('publicSite.noNews')}</p>
      ) : (
        <ol class="news-list" data-testid="site-news">
          {news.map((n) => (
            <li key={n.id} lang={n.lang}>
              <article class="news-card">
                {n.cover_file_id && (
                  <img
                    src={photoPath(unit, n.cover_file_id, 'thumb')}
                    alt={n.cover_caption ?? ctx.t('publicSite.photoAlt')}
                    loading="lazy"
                  />
                )}
                <div>
                  <h2>
                    <a href={ctx.href(itemPath(unit, n.slug))} data-testid={`site-news-${n.slug}`}>
                      {n.title}
                    </a>
                  </h2>
                  <p class="meta">
                    <PublishedOn ctx={ctx} unit={unit} at={n.published_at} />
                  </p>
                  <p>
                    <span class="dateline">{dateline(n.dateline)}</span> {n.lead}
                  </p>
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={ctx.t('publicSite.pagerLabel')}>
          {page > 1 && (
            <a href={pageHref(page - 1)} rel="prev">
              {ctx.t('publicSite.newer')}
            </a>
          )}
          <span>{ctx.t('publicSite.pageOf', { page, pages })}</span>
          {page < pages && (
            <a href={pageHref(page + 1)} rel="next">
              {ctx.t('publicSite.older')}
            </a>
          )}
        </nav>
      )}
    </SiteLayout>
  );
}

export function ItemPage({
  ctx,
  unit,
  item,
  photos,
}: {
  ctx: SiteCtx;
  unit: PublicUnit;
  item: NewsItem;
  photos: PublicPhoto[];
}) {
  const cover = photos[0];
  const head: Head = {
    description: item.lead,
    og: {
      type: 'article',
      siteName: ctx.t('publicSite.title', { unit: unit.name }),
      image: cover ? ctx.abs(photoPath(unit, cover.file_id, 'web')) : null,
      imageAlt: cover?.caption ?? ctx.t('publicSite.photoAlt'),
      published: item.published_at,
    },
  };
  return (
    <SiteLayout ctx={ctx} unit={unit} title={item.title} head={head}>
      <article class="news-item" lang={item.lang}>
        <h1 data-testid="site-news-title">{item.title}</h1>
        <p class="meta">
          <PublishedOn ctx={ctx} unit={unit} at={item.published_at} />
        </p>
        <p class="lead">
          <span class="dateline">{dateline(item.dateline)}</span> {item.lead}
        </p>
        {/* The body is HTML from the editor: sanitised again here, on every render. */}
        <div class="body" dangerouslySetInnerHTML={{ __html: sanitizeNewsHtml(item.body_html) }} />
        {item.quote && (
          <figure class="quote">
            <blockquote>
              <p>{item.quote}</p>
            </blockquote>
            {item.quote_by && <figcaption>{item.quote_by}</figcaption>}
          </figure>
        )}
        {photos.length > 0 && (
          <section aria-labelledby="photos">
            <h2 id="photos">{ctx.t('publicSite.photos')}</h2>
            {photos.map((p) => (
              <figure key={p.file_id} class="photo">
                <img
                  src={photoPath(unit, p.file_id, 'web')}
                  alt={p.caption ?? ctx.t('publicSite.photoAlt')}
                  loading="lazy"
                />
                {p.caption && <figcaption>{p.caption}</figcaption>}
              </figure>
            ))}
          </section>
        )}
      </article>
      <p>
        <a href={ctx.href(unitPath(unit))}>{ctx.t('publicSite.backToUnit', { unit: unit.name })}</a>
      </p>
    </SiteLayout>
  );
}

export function GalleryPage({ ctx, unit, cards }: { ctx: SiteCtx; unit: PublicUnit; cards: GalleryCard[] }) {
  const title = ctx.t('publicSite.gallery');
  const head: Head = {
    description: ctx.t('publicSite.madeBy', { unit: unit.name }),
    og: { type: 'website', siteName: ctx.t('publicSite.title', { unit: unit.name }) },
  };
  return (
    <SiteLayout ctx={ctx} unit={unit} title={title} head={head}>
      <h1>{title}</h1>
      <p class="intro">{ctx.t('publicSite.galleryIntro')}</p>
      {cards.length === 0 ? (
        <p>{ctx.t('publicSite.noProducts')}</p>
      ) : (
        <ul class="cards" data-testid="site-gallery">
          {cards.map((c) => (
            <li key={c.product_id} class="card" data-testid={`site-product-${c.product_id}`}>
              {c.photo_file_id && (
                <img
                  src={photoPath(unit, c.photo_file_id, 'thumb')}
                  alt={ctx.t('publicSite.productPhotoAlt', { name: c.name })}
                  loading="lazy"
                />
              )}
              <h2>{c.name}</h2>
              {c.blurb && <p>{c.blurb}</p>}
              <dl>
                <dt>{ctx.t('publicSite.price')}</dt>
                <dd>{c.price === null ? ctx.t('publicSite.noPrice') : formatRupiah(c.price)}</dd>
                <dt>{ctx.t('publicSite.available')}</dt>
                <dd>
                  {c.available > 0
                    ? ctx.t('publicSite.availableQty', { n: formatNumber(c.available, ctx.lang), uom: c.uom })
                    : ctx.t('publicSite.soldOut')}
                </dd>
              </dl>
              <p class="made-by">{ctx.t('publicSite.madeBy', { unit: unit.name })}</p>
              <p>
                <a
                  class="button"
                  href={ctx.href(`${unitPath(unit)}/products/${c.product_id}/order`)}
                  data-testid={`order-${c.product_id}`}
                >
                  {ctx.t('publicSite.order')} <span class="sr-only">{c.name}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </SiteLayout>
  );
}

export function NotFoundPage({ ctx }: { ctx: SiteCtx }) {
  const title = ctx.t('publicSite.notFoundTitle');
  return (
    <SiteLayout ctx={ctx} unit={null} title={title} head={{ description: ctx.t('publicSite.notFound') }}>
      <h1>{title}</h1>
      <p data-testid="error-message" data-status="404">
        {ctx.t('publicSite.notFound')}
      </p>
      <p>
        <a href={ctx.href('/site')}>{ctx.t('publicSite.notFoundHome')}</a>
      </p>
    </SiteLayout>
  );
}
