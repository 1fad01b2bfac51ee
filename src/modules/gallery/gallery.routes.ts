// The gallery's management pages (/gallery, Humas only): the unit's products, one entry's page with
// its blurb, photo, photo confirmation and publishing, and the photo a card shows.
import { contentDisposition } from '../../app/downloads.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { PhotoSizeQuery } from '../files/images.schema.ts';
import { AddBody, BlurbBody, ConfirmBody } from './gallery.schema.ts';
import * as service from './gallery.service.ts';
import { type EntryForms, EntryPage, GalleryPage } from './gallery.views.tsx';

const manage = { permission: 'gallery.manage' as const };

export async function galleryRoutes(app: App) {
  const mb = Math.round((app.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;

  const listPage = async (req: FastifyRequest, form: FormState = emptyForm()) =>
    renderPage(GalleryPage({ ctx: viewCtx(req), rows: await service.galleryOf(ctxOf(req)), form }));

  const entryPage = async (req: FastifyRequest, id: string, forms: EntryForms = {}) =>
    renderPage(
      EntryPage({ ctx: viewCtx(req), e: await service.galleryEntry(ctxOf(req), id), forms, maxUploadMb: mb }),
    );

  app.get('/gallery', { config: manage }, async (req, reply) => reply.html(await listPage(req)));

  app.post(
    '/gallery',
    { config: manage, schema: { body: AddBody }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => listPage(req, form),
        action: async () => {
          id = (
            await service.addToGallery(ctxOf(req), { productId: req.body.product_id, blurb: req.body.blurb })
          ).id;
        },
        flash: 'gallery.added',
        redirect: () => `/gallery/${id}`,
      });
    },
  );

  app.get('/gallery/:id', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await entryPage(req, req.params.id)),
  );

  app.post(
    '/gallery/:id/blurb',
    { config: manage, schema: { params: IdParams, body: BlurbBody }, attachValidation: true },
    async (req, reply) => {
      const { id } = req.params;
      return submitForm(req, reply, {
        render: (form) => entryPage(req, id, { blurb: form }),
        action: () => service.updateGalleryBlurb(ctxOf(req), id, { blurb: req.body.blurb }),
        flash: 'gallery.blurbSaved',
        redirect: () => `/gallery/${id}`,
      });
    },
  );

  app.post('/gallery/:id/photo', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const { id } = req.params;
    const ctx = ctxOf(req);
    // Asked first, so an entry out of scope is 404 before the upload is read.
    await service.galleryEntry(ctx, id);
    return submitForm(req, reply, {
      render: (form) => entryPage(req, id, { photo: { values: {}, errors: form.errors } }),
      action: async () => {
        const upload = await oneUpload(req.body, 'file', 'docs.missing');
        await service.uploadGalleryPhoto(ctx, id, upload, { maxBytes: app.config.uploadMaxBytes });
      },
      flash: 'gallery.photoSaved',
      redirect: () => `/gallery/${id}`,
    });
  });

  app.post(
    '/gallery/:id/photo/confirm',
    { config: manage, schema: { params: IdParams, body: ConfirmBody }, attachValidation: true },
    async (req, reply) => {
      const { id } = req.params;
      return submitForm(req, reply, {
        render: (form) => entryPage(req, id, { confirm: form }),
        action: () =>
          service.confirmGalleryPhoto(ctxOf(req), id, {
            confirmation: req.body.confirmation,
            consentNote: req.body.consent_note,
          }),
        flash: 'gallery.photoConfirmed',
        redirect: () => `/gallery/${id}`,
      });
    },
  );

  app.post('/gallery/:id/publish', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const { id } = req.params;
    return submitForm(req, reply, {
      render: (form) => entryPage(req, id, { publish: form }),
      action: () => service.publishGalleryEntry(ctxOf(req), id),
      flash: 'gallery.published',
      redirect: () => `/gallery/${id}`,
    });
  });

  app.post('/gallery/:id/unpublish', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const { id } = req.params;
    return submitForm(req, reply, {
      render: (form) => entryPage(req, id, { publish: form }),
      action: () => service.unpublishGalleryEntry(ctxOf(req), id),
      flash: 'gallery.unpublished',
      redirect: () => `/gallery/${id}`,
    });
  });

  app.get(
    '/gallery/:id/photo',
    { config: manage, schema: { params: IdParams, querystring: PhotoSizeQuery } },
    async (req, reply) => {
      const photo = await service.galleryPhoto(ctxOf(req), req.params.id, req.query.size ?? 'web');
      return reply
        .type(photo.mime)
        .header('etag', photo.etag)
        .header('content-disposition', contentDisposition('inline'))
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(photo.content);
    },
  );
}
