// The newsroom pages (/newsroom, /newsroom/:id and their posts), the vendored Trix editor
// (/vendor/trix.js and /vendor/trix.css, straight from the pinned package) and /api/v1/news.
// news.view: Humas and the Kepala UPT; news.draft and news.publish: Humas; news.approve: the Kepala.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Type } from 'typebox';
import { AppError } from '../../app/errors.ts';
import { handleForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest, setFlash } from '../../app/http.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { imageBytes } from '../files/images.ts';
import { sendPhoto } from '../journal/journal.routes.ts';
import {
  DraftFormBody,
  DraftFromEventBody,
  DraftPatchBody,
  EventOut,
  NewsListQuery,
  NewsOut,
  PhotoChooseBody,
  PhotoConfirmBody,
  PhotoParams,
  PhotoSize,
  ReturnBody,
} from './news.schema.ts';
import * as service from './news.service.ts';
import { formValues, NewsItemPage, NewsListPage } from './news.views.tsx';

const view = { permission: 'news.view' as const };
const draft = { permission: 'news.draft' as const };
const approve = { permission: 'news.approve' as const };
const publish = { permission: 'news.publish' as const };
const tags = ['news'];

// Trix from the pinned package. Linked with ?v=<version>: a new version is a new address.
const trixDir = path.dirname(createRequire(import.meta.url).resolve('trix/package.json'));
const TRIX: Record<string, { file: string; type: string }> = {
  '/vendor/trix.js': { file: 'dist/trix.umd.min.js', type: 'text/javascript; charset=utf-8' },
  '/vendor/trix.css': { file: 'dist/trix.css', type: 'text/css; charset=utf-8' },
};
const trixCache = new Map<string, Promise<Buffer>>();

/**
 * This page's CSP with a style nonce added: Trix injects its default styles in a <style> element
 * and takes the nonce from <meta name="trix-csp-nonce"> (public/news-editor.js adds it). Only the
 * item page widens style-src, and only by this response's nonce (never 'unsafe-inline').
 */
function withStyleNonce(reply: FastifyReply): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = String(reply.getHeader('content-security-policy') ?? '');
  if (csp.includes("style-src 'self'"))
    reply.header(
      'content-security-policy',
      csp.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`),
    );
  return nonce;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function itemOut(it: service.NewsItem | service.NewsRow, photos?: service.NewsPhotoRow[]) {
  return {
    id: it.id,
    unit_id: it.unit_id,
    slug: it.slug,
    event_kind: it.event_kind,
    event_id: it.event_id,
    event_day: it.event_day,
    lang: it.lang,
    title: it.title,
    dateline: it.dateline,
    lead: it.lead,
    body_html: it.body_html,
    quote: it.quote,
    quote_by: it.quote_by,
    status: it.status,
    return_note: it.return_note,
    submitted_at: iso(it.submitted_at),
    approved_at: iso(it.approved_at),
    published_at: iso(it.published_at),
    unpublished_at: iso(it.unpublished_at),
    updated_at: it.updated_at.toISOString(),
    ...(photos
      ? {
          photos: photos.map((p) => ({
            id: p.id,
            file_id: p.file_id,
            position: p.position,
            confirmation: p.confirmation,
            consent_note: p.consent_note,
            confirmed_at: iso(p.confirmed_at),
          })),
        }
      : {}),
  };
}

function eventOut(e: service.EventWithItem) {
  const { kind, id, day, newsId, ...rest } = e;
  return { kind, id, day, news_id: newsId, ...rest };
}

/** A value of a multipart field (an object with `value`) or of a urlencoded one (a string). */
function fieldValue(body: unknown, name: string): string | undefined {
  const v = ((body ?? {}) as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string')
    return (v as { value: string }).value;
  return undefined;
}

export async function newsRoutes(app: App) {
  for (const [url, v] of Object.entries(TRIX))
    app.get(url, { config: { permission: 'public' } }, async (_req, reply) => {
      let body = trixCache.get(v.file);
      if (!body) {
        body = readFile(path.join(trixDir, v.file));
        trixCache.set(v.file, body);
      }
      return reply
        .type(v.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(await body);
    });

  app.get('/newsroom', { config: view, schema: { querystring: NewsListQuery } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const page = req.query.page ?? 1;
    const [list, events] = await Promise.all([
      service.listNews(ctx, { status: req.query.status, page }),
      ctx.who.unitId && viewCtx(req).can('news.draft') ? service.newsEvents(ctx) : Promise.resolve(null),
    ]);
    return reply.html(
      renderPage(NewsListPage({ ctx: viewCtx(req), events, list, status: req.query.status, page })),
    );
  });

  app.post(
    '/newsroom/drafts',
    { config: draft, schema: { body: DraftFromEventBody } },
    async (req, reply) => {
      const b = req.body;
      const r = await service.createDraftFromEvent(ctxOf(req), {
        eventKind: b.event_kind,
        eventId: b.event_id || null,
        eventDay: b.event_day || null,
        lang: b.lang,
      });
      setFlash(reply, 'news.created');
      return reply.redirect(`/newsroom/${r.id}`, 303);
    },
  );

  const itemPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: {
      form?: FormState;
      photoForm?: FormState;
      returnForm?: FormState;
      problem?: { key: MessageKey; params: Record<string, string | number> };
    } = {},
  ) => {
    const d = await service.getNews(ctxOf(req), id);
    const publicUrl = `${app.config.publicBaseUrl.replace(/\/$/, '')}/site/${d.item.unit_slug}/news/${d.item.slug}`;
    return renderPage(
      NewsItemPage({
        ctx: viewCtx(req),
        d,
        form: o.form ?? emptyForm(formValues(d)),
        ...(o.photoForm ? { photoForm: o.photoForm } : {}),
        ...(o.returnForm ? { returnForm: o.returnForm } : {}),
        problem: o.problem,
        publicUrl,
        styleNonce: withStyleNonce(reply),
      }),
    );
  };

  app.get('/newsroom/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await itemPage(req, reply, req.params.id)),
  );

  app.get(
    '/newsroom/:id/photos/:photoId',
    { config: view, schema: { params: PhotoParams, querystring: PhotoSize } },
    async (req, reply) => {
      const fileId = await service.newsPhotoFile(ctxOf(req), req.params.id, req.params.photoId);
      const img = await imageBytes(ctxOf(req).db, fileId, req.query.size ?? 'web');
      if (!img) return reply.callNotFound();
      return sendPhoto(reply, img);
    },
  );

  app.post(
    '/newsroom/:id',
    { config: draft, schema: { params: IdParams, body: DraftFormBody }, attachValidation: true },
    async (req, reply) => {
      const id = req.params.id;
      let back = false;
      const sent = await handleForm(
        req,
        reply,
        (form) => itemPage(req, reply, id, { form }),
        async () => {
          const b = req.body;
          back = (
            await service.saveDraft(ctxOf(req), id, {
              title: b.title,
              dateline: b.dateline,
              lead: b.lead,
              bodyHtml: b.body_html,
              quote: b.quote,
              quoteBy: b.quote_by,
            })
          ).backToDraft;
        },
      );
      if (sent) return sent;
      setFlash(reply, back ? 'news.savedBack' : 'news.saved');
      return reply.redirect(`/newsroom/${id}`, 303);
    },
  );

  /** A status move from a button: done → the item with a message; refused (409) → the item with why. */
  const moveRoute = (
    action: string,
    config: { permission: 'news.draft' | 'news.approve' | 'news.publish' },
    run: (req: FastifyRequest, id: string) => Promise<unknown>,
    flash: MessageKey,
  ) =>
    app.post(`/newsroom/:id/${action}`, { config, schema: { params: IdParams } }, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      try {
        await run(req, id);
      } catch (err) {
        if (err instanceof AppError && err.status === 409)
          return reply.html(
            await itemPage(req, reply, id, { problem: { key: err.key, params: err.params } }),
            409,
          );
        throw err;
      }
      setFlash(reply, flash);
      return reply.redirect(`/newsroom/${id}`, 303);
    });

  moveRoute('submit', draft, (req, id) => service.submitNews(ctxOf(req), id), 'news.submitted');
  moveRoute('approve', approve, (req, id) => service.approveNews(ctxOf(req), id), 'news.approved');
  moveRoute('publish', publish, (req, id) => service.publishNews(ctxOf(req), id), 'news.published');
  moveRoute('unpublish', publish, (req, id) => service.unpublishNews(ctxOf(req), id), 'news.unpublished');

  app.post(
    '/newsroom/:id/return',
    { config: approve, schema: { params: IdParams, body: ReturnBody }, attachValidation: true },
    async (req, reply) => {
      const id = req.params.id;
      try {
        const sent = await handleForm(
          req,
          reply,
          (form) => itemPage(req, reply, id, { returnForm: form }),
          () => service.returnNews(ctxOf(req), id, req.body.note),
        );
        if (sent) return sent;
      } catch (err) {
        if (err instanceof AppError && err.status === 409)
          return reply.html(
            await itemPage(req, reply, id, { problem: { key: err.key, params: err.params } }),
            409,
          );
        throw err;
      }
      setFlash(reply, 'news.returned');
      return reply.redirect(`/newsroom/${id}`, 303);
    },
  );

  // Choose a journal photo (file_id) or upload a new one (multipart, field "photo").
  app.post('/newsroom/:id/photos', { config: draft, schema: { params: IdParams } }, async (req, reply) => {
    const id = req.params.id;
    const sent = await handleForm(
      req,
      reply,
      (form) => itemPage(req, reply, id, { photoForm: { values: {}, errors: form.errors } }),
      async () => {
        const fileId = fieldValue(req.body, 'file_id');
        if (fileId) {
          if (!/^[0-9a-f-]{36}$/i.test(fileId))
            throw new AppError('validation.failed', 400, 'err.validation', {}, [
              { field: 'file_id', key: 'news.photoUnknown' },
            ]);
          return service.addNewsPhoto(ctxOf(req), id, { fileId });
        }
        const upload = await oneUpload(req.body, 'photo', 'news.uploadMissing');
        return service.addNewsPhoto(ctxOf(req), id, { upload, maxBytes: app.config.uploadMaxBytes });
      },
    );
    if (sent) return sent;
    setFlash(reply, 'news.photoAdded');
    return reply.redirect(`/newsroom/${id}#h-photos`, 303);
  });

  app.post(
    '/newsroom/:id/photos/:photoId/confirm',
    { config: draft, schema: { params: PhotoParams, body: PhotoConfirmBody }, attachValidation: true },
    async (req, reply) => {
      const { id, photoId } = req.params;
      const sent = await handleForm(
        req,
        reply,
        (form) => itemPage(req, reply, id, { photoForm: { values: {}, errors: form.errors } }),
        () =>
          service.confirmNewsPhoto(ctxOf(req), id, photoId, {
            confirmation: req.body.confirmation,
            consentNote: req.body.consent_note,
          }),
      );
      if (sent) return sent;
      setFlash(reply, 'news.photoConfirmed');
      return reply.redirect(`/newsroom/${id}#h-photos`, 303);
    },
  );

  app.post(
    '/newsroom/:id/photos/:photoId/remove',
    { config: draft, schema: { params: PhotoParams } },
    async (req, reply) => {
      await service.removeNewsPhoto(ctxOf(req), req.params.id, req.params.photoId);
      setFlash(reply, 'news.photoRemoved');
      return reply.redirect(`/newsroom/${req.params.id}#h-photos`, 303);
    },
  );

  // ---- JSON API ----
  app.get(
    '/api/v1/news',
    {
      config: view,
      schema: {
        tags,
        summary: 'News items of the unit(s) in scope, the latest changed first (30 a page)',
        querystring: NewsListQuery,
        response: {
          200: Type.Object({ items: Type.Array(NewsOut), total: Type.Integer(), page: Type.Integer() }),
        },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const r = await service.listNews(ctxOf(req), { status: req.query.status, page });
      return { items: r.rows.map((x) => itemOut(x)), total: r.total, page };
    },
  );

  app.get(
    '/api/v1/news/events',
    {
      config: draft,
      schema: {
        tags,
        summary:
          "Recorded events of the user's unit over the last year worth a news item (counts only), with the item made from each",
        response: { 200: Type.Object({ events: Type.Array(EventOut) }) },
      },
    },
    async (req) => ({ events: (await service.newsEvents(ctxOf(req))).map(eventOut) }),
  );

  app.get(
    '/api/v1/news/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One news item with its photos',
        params: IdParams,
        response: { 200: NewsOut },
      },
    },
    async (req) => {
      const d = await service.getNews(ctxOf(req), req.params.id);
      return itemOut(d.item, d.photos);
    },
  );

  app.post(
    '/api/v1/news',
    {
      config: draft,
      schema: {
        tags,
        summary:
          'Make a draft from a recorded event (event_id: its record; event_day: for certificates, bazaar and placement)',
        body: DraftFromEventBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await service.createDraftFromEvent(ctxOf(req), {
        eventKind: b.event_kind,
        eventId: b.event_id || null,
        eventDay: b.event_day || null,
        lang: b.lang,
      });
      return reply.code(201).send(r);
    },
  );

  app.patch(
    '/api/v1/news/:id',
    {
      config: draft,
      schema: {
        tags,
        summary: 'Edit an item (body sanitised); an item no longer a draft goes back to draft',
        params: IdParams,
        body: DraftPatchBody,
        response: { 200: NewsOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const cur = (await service.getNews(ctx, req.params.id)).item;
      const b = req.body;
      await service.saveDraft(ctx, req.params.id, {
        title: b.title ?? cur.title,
        dateline: b.dateline ?? cur.dateline,
        lead: b.lead ?? cur.lead,
        bodyHtml: b.body_html ?? cur.body_html,
        quote: b.quote ?? cur.quote,
        quoteBy: b.quote_by ?? cur.quote_by,
      });
      const d = await service.getNews(ctx, req.params.id);
      return itemOut(d.item, d.photos);
    },
  );

  const apiMove = (
    action: string,
    config: { permission: 'news.draft' | 'news.approve' | 'news.publish' },
    summary: string,
    run: (req: FastifyRequest, id: string) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/news/:id/${action}`,
      { config, schema: { tags, summary, params: IdParams, response: { 204: Type.Null() } } },
      async (req, reply) => {
        await run(req, (req.params as { id: string }).id);
        return reply.code(204).send(null);
      },
    );
  apiMove('submit', draft, 'Send a draft to the Kepala UPT', (req, id) => service.submitNews(ctxOf(req), id));
  apiMove('approve', approve, 'Approve a submitted item', (req, id) => service.approveNews(ctxOf(req), id));
  apiMove('publish', publish, 'Publish an approved item (refused while a photo is unconfirmed)', (req, id) =>
    service.publishNews(ctxOf(req), id),
  );
  apiMove('unpublish', publish, 'Take a published item off the public page', (req, id) =>
    service.unpublishNews(ctxOf(req), id),
  );

  app.post(
    '/api/v1/news/:id/return',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Return a submitted or approved item to Humas with a note',
        params: IdParams,
        body: ReturnBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.returnNews(ctxOf(req), req.params.id, req.body.note);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/news/:id/photos',
    {
      config: draft,
      schema: {
        tags,
        summary: "Add one of the unit's journal documentation photos to the item (unconfirmed)",
        params: IdParams,
        body: PhotoChooseBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const r = await service.addNewsPhoto(ctxOf(req), req.params.id, { fileId: req.body.file_id });
      return reply.code(201).send({ id: r.photoId });
    },
  );

  app.post(
    '/api/v1/news/:id/photos/:photoId/confirm',
    {
      config: draft,
      schema: {
        tags,
        summary: 'Confirm a photo: nobody identifiable, or consent recorded (with a note)',
        params: PhotoParams,
        body: PhotoConfirmBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.confirmNewsPhoto(ctxOf(req), req.params.id, req.params.photoId, {
        confirmation: req.body.confirmation,
        consentNote: req.body.consent_note,
      });
      return reply.code(204).send(null);
    },
  );
}
