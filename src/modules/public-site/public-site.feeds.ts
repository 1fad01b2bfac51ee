// The machine-readable public answers: a unit's Atom and RSS feeds (the `feed` package), the
// sitemap of every public page and robots.txt. Every link is absolute (PUBLIC_BASE_URL).
import { Feed } from 'feed';
import type { Translate } from '../../app/i18n.ts';
import { sanitizeNewsHtml } from '../news/news.rules.ts';
import type { NewsSummary, PublicUnit, SitemapItem, UnitWithNews } from './public-site.repo.ts';
import { itemPath, photoPath } from './public-site.views.tsx';

/** How many of the newest items a feed carries. */
export const FEED_ITEMS = 20;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

export function unitFeed(opts: {
  unit: PublicUnit;
  news: NewsSummary[];
  abs: (path: string) => string;
  t: Translate;
}): Feed {
  const { unit, news, abs, t } = opts;
  const home = abs(`/site/${unit.slug}`);
  const newest = news[0];
  const feed = new Feed({
    id: home,
    link: home,
    title: t('publicSite.title', { unit: unit.name }),
    description: t('publicSite.description', { unit: unit.name }),
    language: 'id',
    ...(newest ? { updated: newest.published_at } : {}),
    generator: 'Simandiri',
    copyright: unit.name,
    feedLinks: { atom: abs(`/site/${unit.slug}/feed.xml`), rss: abs(`/site/${unit.slug}/rss.xml`) },
  });
  for (const n of news) {
    const link = abs(itemPath(unit, n.slug));
    feed.addItem({
      id: link,
      link,
      // The feed marks an item's title and summary as HTML: plain text from the record is escaped.
      title: escapeHtml(n.title),
      date: n.published_at,
      published: n.published_at,
      description: escapeHtml(n.lead),
      content: `<p>${escapeHtml(`${n.dateline.trim()} ${n.lead}`)}</p>${sanitizeNewsHtml(n.body_html)}`,
      ...(n.cover_file_id
        ? { image: { url: abs(photoPath(unit, n.cover_file_id, 'web')), type: 'image/jpeg' } }
        : {}),
    });
  }
  return feed;
}

/** sitemaps.org: the index, each unit's news page and gallery, and every published item. */
export function sitemapXml(opts: {
  units: UnitWithNews[];
  items: SitemapItem[];
  abs: (path: string) => string;
}): string {
  const { units, items, abs } = opts;
  const url = (path: string, lastmod: Date | null) =>
    `  <url><loc>${xml(abs(path))}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
  const newest = units.reduce<Date | null>(
    (a, u) => (u.last_published && (!a || u.last_published > a) ? u.last_published : a),
    null,
  );
  const lines = [url('/site', newest)];
  for (const u of units) {
    lines.push(url(`/site/${u.slug}`, u.last_published));
    if (u.products_count > 0) lines.push(url(`/site/${u.slug}/products`, u.last_published));
  }
  const active = new Set(units.map((u) => u.slug));
  for (const i of items)
    if (active.has(i.unit_slug)) lines.push(url(`/site/${i.unit_slug}/news/${i.slug}`, i.lastmod));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</urlset>\n`;
}

/** Search engines may read the public site (and the sitemap), not the staff pages or the forms. */
export function robotsTxt(abs: (path: string) => string): string {
  return [
    'User-agent: *',
    'Allow: /site',
    'Allow: /sitemap.xml',
    'Allow: /static/',
    'Disallow: /site/*/order',
    'Disallow: /site/pow-challenge',
    'Disallow: /',
    '',
    `Sitemap: ${abs('/sitemap.xml')}`,
    '',
  ].join('\n');
}
