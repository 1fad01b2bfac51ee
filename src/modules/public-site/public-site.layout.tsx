// The public site's own small page shell (not the staff shell): the unit's name as the site's
// header, a language switch made of links (the language is part of the address, so a cached page
// is the same for everyone), and a footer with the unit's address, telephone, gallery and feeds.
import type { ComponentChildren } from 'preact';
import { asset } from '../../app/assets.ts';
import type { Lang, Translate } from '../../app/i18n.ts';
import type { PublicUnit } from './public-site.repo.ts';

export interface SiteCtx {
  lang: Lang;
  t: Translate;
  /** The page's path without its language (for the switch, the canonical link and hreflang). */
  path: string;
  /** The absolute address of a path on this site (PUBLIC_BASE_URL). */
  abs(path: string): string;
  /** A path on the public site in the page's language. */
  href(path: string): string;
}

/** `path` in `lang`: Indonesian is the plain address, English adds lang=en. */
export function inLang(path: string, lang: Lang): string {
  if (lang === 'id') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

export interface Head {
  description: string;
  /** Open Graph and Twitter card tags (item pages carry an image). */
  og?: {
    type: 'website' | 'article';
    image?: string | null;
    imageAlt?: string;
    siteName: string;
    title?: string;
    /** An article's publication time (article:published_time). */
    published?: Date;
  };
}

const unitBase = (unit: PublicUnit) => `/site/${unit.slug}`;

export function SiteLayout({
  ctx,
  unit,
  title,
  head,
  children,
}: {
  ctx: SiteCtx;
  unit: PublicUnit | null;
  title: string;
  head: Head;
  children: ComponentChildren;
}) {
  const other: Lang = ctx.lang === 'id' ? 'en' : 'id';
  const canonical = ctx.abs(inLang(ctx.path, ctx.lang));
  const og = head.og;
  const ogTitle = og?.title ?? title;
  const siteName = unit ? ctx.t('publicSite.title', { unit: unit.name }) : ctx.t('publicSite.indexTitle');
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteName ? title : `${title} · ${siteName}`}</title>
        <meta name="description" content={head.description} />
        <link rel="canonical" href={canonical} />
        <link rel="alternate" hreflang="id" href={ctx.abs(inLang(ctx.path, 'id'))} />
        <link rel="alternate" hreflang="en" href={ctx.abs(inLang(ctx.path, 'en'))} />
        {unit && (
          <link
            rel="alternate"
            type="application/atom+xml"
            title={siteName}
            href={ctx.abs(`${unitBase(unit)}/feed.xml`)}
          />
        )}
        {unit && (
          <link
            rel="alternate"
            type="application/rss+xml"
            title={siteName}
            href={ctx.abs(`${unitBase(unit)}/rss.xml`)}
          />
        )}
        {og && <meta property="og:type" content={og.type} />}
        {og && <meta property="og:title" content={ogTitle} />}
        {og && <meta property="og:description" content={head.description} />}
        {og && <meta property="og:url" content={canonical} />}
        {og && <meta property="og:site_name" content={og.siteName} />}
        {og && <meta property="og:locale" content={ctx.lang === 'id' ? 'id_ID' : 'en_GB'} />}
        {og?.image && <meta property="og:image" content={og.image} />}
        {og?.image && og.imageAlt && <meta property="og:image:alt" content={og.imageAlt} />}
        {og?.published && <meta property="article:published_time" content={og.published.toISOString()} />}
        {og && <meta name="twitter:card" content={og.image ? 'summary_large_image' : 'summary'} />}
        {og && <meta name="twitter:title" content={ogTitle} />}
        {og && <meta name="twitter:description" content={head.description} />}
        {og?.image && <meta name="twitter:image" content={og.image} />}
        <link rel="stylesheet" href={asset('site.css')} />
      </head>
      <body class="site">
        <a class="skip" href="#main">
          {ctx.t('nav.skip')}
        </a>
        <header class="site-top">
          <p class="site-name">
            <a href={ctx.href(unit ? unitBase(unit) : '/site')}>{unit ? unit.name : siteName}</a>
          </p>
          <nav aria-label={ctx.t('publicSite.siteNav')}>
            <ul>
              {unit && (
                <li>
                  <a href={ctx.href(unitBase(unit))}>{ctx.t('publicSite.news')}</a>
                </li>
              )}
              {unit && (
                <li>
                  <a href={ctx.href(`${unitBase(unit)}/products`)} data-testid="site-gallery-link">
                    {ctx.t('publicSite.gallery')}
                  </a>
                </li>
              )}
              <li>
                <a href={inLang(ctx.path, other)} lang={other} hreflang={other} data-testid="site-lang">
                  {ctx.t('lang.switch')}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-foot">
          {unit && <UnitFooter ctx={ctx} unit={unit} />}
          <p>
            <a href={ctx.href('/site')}>{ctx.t('publicSite.allUnits')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

function UnitFooter({ ctx, unit }: { ctx: SiteCtx; unit: PublicUnit }) {
  const place = [unit.address, unit.city].filter((x): x is string => !!x?.trim()).join(', ');
  return (
    <div class="foot-cols">
      <section aria-labelledby="foot-contact">
        <h2 id="foot-contact">{ctx.t('publicSite.contact')}</h2>
        <address>
          <strong>{unit.name}</strong>
          {place && <span class="line">{place}</span>}
          {unit.phone && (
            <span class="line">
              {ctx.t('publicSite.phone')}:{' '}
              <a href={`tel:${unit.phone.replace(/[^+\d]/g, '')}`}>{unit.phone}</a>
            </span>
          )}
          {unit.email && (
            <span class="line">
              {ctx.t('publicSite.email')}: <a href={`mailto:${unit.email}`}>{unit.email}</a>
            </span>
          )}
        </address>
      </section>
      <section aria-labelledby="foot-follow">
        <h2 id="foot-follow">{ctx.t('publicSite.follow')}</h2>
        <ul>
          <li>
            <a href={ctx.href(`${unitBase(unit)}/products`)}>{ctx.t('publicSite.gallery')}</a>
          </li>
          <li>
            <a href={`${unitBase(unit)}/feed.xml`} type="application/atom+xml">
              {ctx.t('publicSite.feedAtom')}
            </a>
          </li>
          <li>
            <a href={`${unitBase(unit)}/rss.xml`} type="application/rss+xml">
              {ctx.t('publicSite.feedRss')}
            </a>
          </li>
        </ul>
        <p class="note">{ctx.t('publicSite.footerNote', { unit: unit.name })}</p>
      </section>
    </div>
  );
}
