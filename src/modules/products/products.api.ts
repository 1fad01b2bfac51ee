// /api/v1/products: one product with its materials, rate and movements; add, replace, the bill of
// materials, the photo, and the piece rate on a day. (The list is declared with its page in
// products.routes.ts.)
import { type Static, Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { product } from './products.policy.ts';
import type { ProductRow } from './products.repo.ts';
import {
  BomBody,
  ProductBody,
  ProductDetailOut,
  type ProductOut,
  RateOut,
  RateQuery,
} from './products.schema.ts';
import * as service from './products.service.ts';

const view = { permission: 'products.view' as const };
const manage = { permission: 'products.manage' as const };
const tags = ['products'];
const Created = Type.Object({ id: Type.String() });

export function productOut(r: ProductRow): Static<typeof ProductOut> {
  return {
    id: r.id,
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    programme_id: r.programme_id,
    programme_name: r.programme_name,
    kind_id: r.kind_id,
    kind_name: r.kind_name,
    name: r.name,
    rate_name: r.rate_name,
    uom: r.uom,
    route: r.route,
    price: r.price,
    description: r.description,
    photo_file_id: r.photo_file_id,
    active: r.active,
    awaiting_check: r.awaiting_check,
    in_check: r.in_check,
    on_hand: r.on_hand,
    reserved: r.reserved,
    sold: r.sold,
  };
}

export async function productsApi(app: App) {
  app.post(
    '/api/v1/products',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a product to the catalogue',
        body: ProductBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.createProduct(ctxOf(req), req.body) }),
  );

  app.get(
    '/api/v1/products/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'A product with its bill of materials, piece rate today and latest movements',
        params: IdParams,
        response: { 200: ProductDetailOut },
      },
    },
    async (req, reply) => {
      const d = await service.productDetail(ctxOf(req), req.params.id);
      const r = d.rate;
      const body: Static<typeof ProductDetailOut> = {
        product: productOut(d.product),
        bill_of_materials: d.bom.map((b) => ({
          material_id: b.material_id,
          material_name: b.material_name,
          uom: b.uom,
          qty_per_item: b.qty_per_item,
        })),
        piece_rate_today:
          r.kind === 'own'
            ? null
            : {
                day: d.today,
                rate: r.kind === 'ok' ? r.rate : null,
                agreement: r.kind === 'ok' ? r.agreement : null,
                since: r.kind === 'ok' ? r.since : null,
                warning: r.kind === 'missing' ? req.t(r.error.key, r.error.params) : null,
              },
        movements: d.movements.map((m) => ({ kind: m.kind, day: m.day, qty: m.qty, maker: m.maker })),
      };
      return reply.send(body);
    },
  );

  app.put(
    '/api/v1/products/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a product’s details (what is left out is cleared; active defaults to true)',
        params: IdParams,
        body: ProductBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateProduct(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/products/:id/materials',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace the bill of materials: each material of the unit once, a whole quantity per item',
        params: IdParams,
        body: BomBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.setBillOfMaterials(ctxOf(req), req.params.id, req.body.lines);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/products/:id/photo',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Upload the product photo, JPEG or PNG (multipart: file); replaces the previous one',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // Asked first, so a product out of scope is 404 before the upload is read.
      await product(ctx, req.params.id, { for: 'manage' });
      const upload = await oneUpload(req.body, 'file', 'docs.missing');
      const id = await service.setProductPhoto(ctx, req.params.id, {
        upload,
        maxBytes: app.config.uploadMaxBytes,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/products/:id/rate',
    {
      config: view,
      schema: {
        tags,
        summary:
          'The partner’s piece rate for one item on a day (422 production.rate_missing when the agreement in force has none)',
        params: IdParams,
        querystring: RateQuery,
        response: { 200: RateOut },
      },
    },
    async (req) => {
      const r = await service.rateOn(ctxOf(req), req.params.id, req.query.day);
      return {
        rate: r.rate,
        agreement_id: r.agreementId,
        source_id: r.sourceId,
        effective_from: r.effectiveFrom,
      };
    },
  );
}
