// Session journal pages: the journal of one session (with its photo uploads and thumbnails) and
// the Humas page of documentation photos.
import { contentDisposition } from '../../app/downloads.ts';
import { submitForm } from '../../app/form-route.ts';
import type { FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { uploadsOf } from '../../app/uploads.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { PhotoSizeQuery } from '../files/images.schema.ts';
import { FileParams, GalleryQuery, JournalBody, SessionFileParams } from './journal.schema.ts';
import * as service from './journal.service.ts';
import { GalleryPage, JournalPage, journalForm } from './journal.views.tsx';

const view = { permission: 'attendance.view' as const };
const record = { permission: 'attendance.record' as const };
const photos = { permission: 'journal.photos' as const };

export function sendPhoto(reply: FastifyReply, photo: { mime: string; content: Buffer }) {
  return reply
    .type(photo.mime)
    .header('content-disposition', contentDisposition('inline'))
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(photo.content);
}

export async function journalRoutes(app: App) {
  const page = async (
    req: FastifyRequest,
    id: string,
    forms: { form?: FormState; photo?: FormState } = {},
  ) => {
    const j = await service.journalOf(ctxOf(req), id);
    return renderPage(
      JournalPage({
        ctx: viewCtx(req),
        j,
        form: forms.form ?? journalForm(j),
        photoForm: forms.photo ?? { values: {}, errors: [] },
      }),
    );
  };

  app.get('/sessions/:id/journal', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, req.params.id)),
  );

  app.post(
    '/sessions/:id/journal',
    { config: record, schema: { params: IdParams, body: JournalBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => page(req, req.params.id, { form }),
        action: () => service.saveJournal(ctxOf(req), req.params.id, req.body),
        flash: 'journal.saved',
        redirect: () => `/sessions/${req.params.id}/journal`,
      }),
  );

  app.post(
    '/sessions/:id/journal/photos',
    { config: record, schema: { params: IdParams } },
    async (req, reply) => {
      const id = req.params.id;
      return submitForm(req, reply, {
        // A file input cannot be refilled: the form comes back with its messages only.
        render: (form) => page(req, id, { photo: { values: {}, errors: form.errors } }),
        action: async () =>
          service.addPhotos(ctxOf(req), id, {
            uploads: await uploadsOf(req.body, 'photo'),
            maxBytes: app.config.uploadMaxBytes,
          }),
        flash: 'journal.saved',
        redirect: () => `/sessions/${id}/journal`,
      });
    },
  );

  app.post(
    '/sessions/:id/journal/photos/:fileId/delete',
    { config: record, schema: { params: SessionFileParams } },
    async (req, reply) => {
      const { id, fileId } = req.params;
      return submitForm(req, reply, {
        render: (form) => page(req, id, { photo: { values: {}, errors: form.errors } }),
        action: () => service.removePhoto(ctxOf(req), id, fileId),
        flash: 'journal.photoRemoved',
        redirect: () => `/sessions/${id}/journal`,
      });
    },
  );

  app.get(
    '/sessions/:id/journal/photos/:fileId',
    { config: view, schema: { params: SessionFileParams, querystring: PhotoSizeQuery } },
    async (req, reply) =>
      sendPhoto(
        reply,
        await service.sessionPhoto(ctxOf(req), req.params.id, req.params.fileId, req.query.size ?? 'web'),
      ),
  );

  app.get('/photos', { config: photos, schema: { querystring: GalleryQuery } }, async (req, reply) => {
    const p = req.query.page ?? 1;
    const r = await service.gallery(ctxOf(req), p);
    return reply.html(
      renderPage(
        GalleryPage({ ctx: viewCtx(req), rows: r.rows, total: r.total, page: p, pageSize: r.pageSize }),
      ),
    );
  });

  app.get(
    '/photos/:fileId',
    { config: photos, schema: { params: FileParams, querystring: PhotoSizeQuery } },
    async (req, reply) =>
      sendPhoto(reply, await service.galleryPhoto(ctxOf(req), req.params.fileId, req.query.size ?? 'web')),
  );
}
