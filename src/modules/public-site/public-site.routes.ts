// The units' public pages: /site, /site/:slug (news, 10 a page), /site/:slug/news/:newsSlug, the
// gallery, Atom and RSS feeds, photos, /sitemap.xml and /robots.txt. All public and cacheable
// (publicCache: no cookie, Cache-Control public, an ETag and 304 on a repeat); they read only
// published rows through public-site.repo.ts and show the same to everyone, signed in or not.
import fastifyEtag from '@fastify/etag';
import type { FastifyError } from 'fastify';
import { errorHandler } from '../../app/error-handler.ts';
import { AppError, notFound } from '../../app/errors.ts';
import type { App, FastifyReply, FastifyRequest } from '../../app/http.ts';
import { isLang, type Lang, translator } from '../../app/i18n.ts';
import { renderPage } from '../../app/view.ts';
import { imageBytes } from '../files/images.ts';
import { FEED_ITEMS, robotsTxt, sitemapXml, unitFeed } from './public-site.feeds.ts';
import { inLang, type SiteCtx } from './public-site.layout.tsx';
import * as repo from './public-site.repo.ts';
import { ItemParams, LangQuery, PhotoParams, UnitPageQuery, UnitParams } from './public-site.schema.ts';
import { GalleryPage, IndexPage, ItemPage, NotFoundPage, UnitPage } from './public-site.views.tsx';

const PAGE_SIZE = 10;
/** Pages and feeds: five minutes (an unpublished item is gone from caches within that). */
const PAGE_CACHE = 'public, max-age=300';
/** Photos never change (a new photo is a new file): a day. */
const PHOTO_CACHE = 'public, max-age=86400';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const cacheable = { permission: 'public' as const, publicCache: true };

/** The page's language: the address's ?lang=en, else Indonesian (never the signed-in user's). */
const langOf = (q: { lang?: string | undefined }): Lang => (q.lang === 'en' ? 'en' : 'id');

/** A public "not found": the visitor's language from the address, else the language cookie. */
function visitorLang(req: FastifyRequest): Lang {
  const asked = new URL(req.url, 'http://x').searchParams.get('lang');
  if (isLang(asked)) return asked;
  const cookie = req.cookies.sm_lang;
  return isLang(cookie) ? cookie : 'id';
}

export async function publicSiteRoutes(app: App) {
  const base = app.config.publicBaseUrl;
  const siteCtx = (lang: Lang, path: string): SiteCtx => ({
    lang,
    t: translator(lang),
    path,
    abs: (p) => `${base}${p}`,
    href: (p) => inLang(p, lang),
  });
  /** The public "not found": the site's own page (not the staff shell), kept by no cache. */
  const publicNotFound = (req: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(renderPage(NotFoundPage({ ctx: siteCtx(visitorLang(req), req.url.split('?')[0] ?? '/site') })));

  // Any other address under /site (a mistyped link) gets the same public page.
  await app.register(
    async (site: App) => {
      site.setNotFoundHandler(publicNotFound);
    },
    { prefix: '/site' },
  );

  // Its own scope, so the ETag hook and the public "not found" stay on these routes only.
  await app.register(async (scope: App) => {
    await scope.register(fastifyEtag, { weak: true });
    const html = (reply: FastifyReply, body: string) =>
      reply.header('cache-control', PAGE_CACHE).type('text/html; charset=utf-8').send(body);
    const xml = (reply: FastifyReply, type: string, body: string) =>
      reply.header('cache-control', PAGE_CACHE).type(`${type}; charset=utf-8`).send(body);

    scope.setErrorHandler((err: FastifyError | AppError, req, reply) => {
      reply.removeHeader('etag');
      reply.removeHeader('cache-control');
      if (err instanceof AppError && err.status === 404) return publicNotFound(req, reply);
      return errorHandler(err, req, reply);
    });

    const unitOr404 = async (slug: string) => {
      const unit = await repo.unitBySlug(app.db, slug);
      if (!unit) throw notFound('public_site');
      return unit;
    };

    scope.get('/site', { config: cacheable, schema: { querystring: LangQuery } }, async (req, reply) => {
      const units = await repo.unitsWithPublished(app.db);
      return html(reply, renderPage(IndexPage({ ctx: siteCtx(langOf(req.query), '/site'), units })));
    });

    scope.get(
      '/site/:slug',
      { config: cacheable, schema: { params: UnitParams, querystring: UnitPageQuery } },
      async (req, reply) => {
        const unit = await unitOr404(req.params.slug);
        const page = req.query.page ?? 1;
        const { rows, total } = await repo.publishedNews(app.db, unit.id, {
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        });
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        if (page > pages) throw notFound('public_site');
        const path = page === 1 ? `/site/${unit.slug}` : `/site/${unit.slug}?page=${page}`;
        const ctx = siteCtx(langOf(req.query), path);
        return html(reply, renderPage(UnitPage({ ctx, unit, news: rows, page, pages })));
      },
    );

    scope.get(
      '/site/:slug/news/*',
      { config: cacheable, schema: { params: ItemParams, querystring: LangQuery } },
      async (req, reply) => {
        const unit = await unitOr404(req.params.slug);
        const found = await repo.publishedItem(app.db, unit.id, req.params['*']);
        if (!found) throw notFound('news');
        const ctx = siteCtx(langOf(req.query), `/site/${unit.slug}/news/${found.item.slug}`);
        return html(reply, renderPage(ItemPage({ ctx, unit, ...found })));
      },
    );

    scope.get(
      '/site/:slug/products',
      { config: cacheable, schema: { params: UnitParams, querystring: LangQuery } },
      async (req, reply) => {
        const unit = await unitOr404(req.params.slug);
        const cards = await repo.publishedGallery(app.db, unit.id);
        const ctx = siteCtx(langOf(req.query), `/site/${unit.slug}/products`);
        return html(reply, renderPage(GalleryPage({ ctx, unit, cards })));
      },
    );

    const feedOf = async (slug: string) => {
      const unit = await unitOr404(slug);
      const { rows } = await repo.publishedNews(app.db, unit.id, { limit: FEED_ITEMS, offset: 0 });
      return unitFeed({ unit, news: rows, abs: (p) => `${base}${p}`, t: translator('id') });
    };

    scope.get(
      '/site/:slug/feed.xml',
      { config: cacheable, schema: { params: UnitParams } },
      async (req, reply) => xml(reply, 'application/atom+xml', (await feedOf(req.params.slug)).atom1()),
    );

    scope.get(
      '/site/:slug/rss.xml',
      { config: cacheable, schema: { params: UnitParams } },
      async (req, reply) => xml(reply, 'application/rss+xml', (await feedOf(req.params.slug)).rss2()),
    );

    scope.get(
      '/site/:slug/photos/:fileId/:size',
      { config: cacheable, schema: { params: PhotoParams } },
      async (req, reply) => {
        const { slug, fileId, size } = req.params;
        if (!UUID.test(fileId) || (size !== 'web' && size !== 'thumb')) throw notFound('photo');
        const unit = await unitOr404(slug);
        if (!(await repo.isPublicPhoto(app.db, unit.id, fileId))) throw notFound('photo');
        const image = await imageBytes(app.db, fileId, size);
        if (!image) throw notFound('photo');
        return (
          reply
            .header('cache-control', PHOTO_CACHE)
            .header('etag', image.etag)
            // A published photo may be shown by other sites too (a feed reader, a link preview).
            .header('cross-origin-resource-policy', 'cross-origin')
            .type(image.mime)
            .send(image.content)
        );
      },
    );

    scope.get('/sitemap.xml', { config: cacheable }, async (_req, reply) => {
      const [units, items] = await Promise.all([repo.unitsWithPublished(app.db), repo.sitemapItems(app.db)]);
      return xml(reply, 'application/xml', sitemapXml({ units, items, abs: (p) => `${base}${p}` }));
    });

    scope.get('/robots.txt', { config: cacheable }, async (_req, reply) =>
      xml(
        reply,
        'text/plain',
        robotsTxt((p) => `${base}${p}`),
      ),
    );
  });
}
