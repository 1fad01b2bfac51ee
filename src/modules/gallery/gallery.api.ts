// /api/v1/gallery: the gallery's management for programs (Humas): the unit's products with their
// entries, adding one, its blurb, its photo and the photo's confirmation, publishing.
import type { Static } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { AddBody, BlurbBody, ConfirmBody, Created, EntryOut, ListOut } from './gallery.schema.ts';
import * as service from './gallery.service.ts';

const manage = { permission: 'gallery.manage' as const };
const tags = ['gallery'];

type Card = Awaited<ReturnType<typeof service.galleryOf>>[number];

function entryOut(r: Card): Static<typeof EntryOut> {
  return {
    product_id: r.product_id,
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    name: r.name,
    price: r.price,
    available: r.available,
    active: r.active,
    entry_id: r.entry_id,
    blurb: r.blurb,
    photo: r.photo && { source: r.photo.source, file_id: r.photo.fileId, confirmed: r.photo.confirmed },
    photo_confirmation: r.photo_confirmation,
    published: r.published ?? false,
    problems: r.problems.map((p) => p.key),
  };
}

export async function galleryApi(app: App) {
  const one = async (req: Parameters<typeof ctxOf>[0], id: string) =>
    entryOut(await service.galleryEntry(ctxOf(req), id));

  app.get(
    '/api/v1/gallery',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "The unit's active products, each with its gallery entry (blurb, photo, published) if it has one",
        response: { 200: ListOut },
      },
    },
    async (req) => ({ items: (await service.galleryOf(ctxOf(req))).map(entryOut) }),
  );

  app.post(
    '/api/v1/gallery',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Put a product in the gallery (unpublished); 409 gallery.already_added when it is there',
        body: AddBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const r = await service.addToGallery(ctxOf(req), {
        productId: req.body.product_id,
        blurb: req.body.blurb,
      });
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/api/v1/gallery/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'One gallery entry with its product',
        params: IdParams,
        response: { 200: EntryOut },
      },
    },
    async (req) => one(req, req.params.id),
  );

  app.patch(
    '/api/v1/gallery/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace the entry's blurb (plain text; empty removes it)",
        params: IdParams,
        body: BlurbBody,
        response: { 200: EntryOut },
      },
    },
    async (req) => {
      await service.updateGalleryBlurb(ctxOf(req), req.params.id, { blurb: req.body.blurb });
      return one(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/gallery/:id/photo',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Upload Humas's own photo of the product, JPEG or PNG (multipart: file): stored web-size without metadata, unconfirmed; a published entry is unpublished",
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await service.galleryEntry(ctx, req.params.id);
      const upload = await oneUpload(req.body, 'file', 'docs.missing');
      const id = await service.uploadGalleryPhoto(ctx, req.params.id, upload, {
        maxBytes: app.config.uploadMaxBytes,
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/gallery/:id/photo/confirm',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Confirm the photo the entry shows may be published: nobody identifiable, or consent recorded (with a note)',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: EntryOut },
      },
    },
    async (req) => {
      await service.confirmGalleryPhoto(ctxOf(req), req.params.id, {
        confirmation: req.body.confirmation,
        consentNote: req.body.consent_note,
      });
      return one(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/gallery/:id/publish',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Show the entry on the public gallery; 409 gallery.not_publishable without a price or with an unconfirmed photo',
        params: IdParams,
        response: { 200: EntryOut },
      },
    },
    async (req) => {
      await service.publishGalleryEntry(ctxOf(req), req.params.id);
      return one(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/gallery/:id/unpublish',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Take the entry off the public gallery',
        params: IdParams,
        response: { 200: EntryOut },
      },
    },
    async (req) => {
      await service.unpublishGalleryEntry(ctxOf(req), req.params.id);
      return one(req, req.params.id);
    },
  );
}
