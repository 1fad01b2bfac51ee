// The public order form (/site/:slug/products/:productId/order, its proof-of-work challenge and the
// vendored ALTCHA widget) and the staff's pages (/orders) and API (/api/v1/order-inquiries).
// The public routes are 'public' but not cached: the form carries the visitor's CSRF token.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Type } from 'typebox';
import { AppError } from '../../app/errors.ts';
import { handleForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest, setFlash } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { fieldErrorsFrom } from '../../app/validation.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { parseRupiah } from '../sales/sales.service.ts';
import { spamGuard } from './orders.guard.ts';
import {
  ConfirmBody,
  ConfirmForm,
  ConfirmOut,
  DeclineBody,
  DeclineForm,
  InquiryListOut,
  InquiryOut,
  ListQuery,
  OrderFormBody,
  OrderParams,
} from './orders.schema.ts';
import * as service from './orders.service.ts';
import { OrderFormPage, OrderPage, OrderSentPage, OrdersListPage } from './orders.views.tsx';

const view = { permission: 'orders.view' as const };
const decide = { permission: 'orders.confirm' as const };
const tags = ['order-inquiries'];

// The widget's files, straight from the pinned package: the "external" build (no injected
// <style>, no worker from blob:) works under the strict CSP, with its stylesheet and the SHA-256
// worker as files of their own, and the Indonesian texts. Nothing else under /vendor/ is served.
// The package exports no package.json: its root is two folders above its main file (dist/main/).
const altchaDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('altcha')), '../..');
const VENDOR: Record<string, { file: string; type: string }> = {
  'altcha.js': { file: 'dist/external/altcha.min.js', type: 'text/javascript; charset=utf-8' },
  'altcha.css': { file: 'dist/external/altcha.css', type: 'text/css; charset=utf-8' },
  'altcha-sha.js': { file: 'dist/workers/sha.js', type: 'text/javascript; charset=utf-8' },
  'altcha-id.js': { file: 'dist/i18n/id.js', type: 'text/javascript; charset=utf-8' },
};
const vendorCache = new Map<string, Promise<Buffer>>();

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const out = (r: service.InquiryRow) => ({
  id: r.id,
  unit_id: r.unit_id,
  unit_name: r.unit_name,
  reference: r.reference,
  product_id: r.product_id,
  product_name: r.product_name,
  qty: r.qty,
  buyer_name: r.buyer_name,
  buyer_whatsapp: r.buyer_whatsapp,
  delivery: r.delivery,
  address: r.address,
  note: r.note,
  status: r.status,
  sale_id: r.sale_id,
  sale_number: r.sale_number,
  decline_reason: r.decline_reason,
  decided_at: iso(r.decided_at),
  created_at: r.created_at.toISOString(),
});

/** Pages with the visitor's CSRF token and answers about them: no browser or proxy keeps them. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export async function ordersRoutes(app: App) {
  const guard = spamGuard(app.config.sessionSecret);

  app.get<{ Params: { name: string } }>(
    '/vendor/:name',
    {
      config: { permission: 'public' },
      schema: { params: Type.Object({ name: Type.String({ maxLength: 40 }) }) },
    },
    async (req, reply) => {
      const v = VENDOR[req.params.name];
      if (!v || !Object.hasOwn(VENDOR, req.params.name)) return reply.callNotFound();
      let body = vendorCache.get(v.file);
      if (!body) {
        body = readFile(path.join(altchaDir, v.file));
        vendorCache.set(v.file, body);
      }
      // Linked with ?v=<package version>: a new version is a new address, so a year is safe.
      return reply
        .type(v.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(await body);
    },
  );

  app.get('/site/pow-challenge', { config: { permission: 'public' } }, async (_req, reply) =>
    noStore(reply).send(await guard.challenge()),
  );

  const formPage = async (req: FastifyRequest, slug: string, productId: string, form?: FormState) => {
    const p = await service.orderableProduct(ctxOf(req), slug, productId);
    return renderPage(
      OrderFormPage({ ctx: viewCtx(req), p, form: form ?? emptyForm({ qty: '1', delivery: 'pickup' }) }),
    );
  };

  app.get(
    '/site/:slug/products/:productId/order',
    { config: { permission: 'public' }, schema: { params: OrderParams } },
    async (req, reply) => noStore(reply).html(await formPage(req, req.params.slug, req.params.productId)),
  );

  app.post(
    '/site/:slug/products/:productId/order',
    {
      config: { permission: 'public' },
      schema: { params: OrderParams, body: OrderFormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      noStore(reply);
      const { slug, productId } = req.params;
      const values = { ...(req.body as Record<string, unknown>) };
      delete values.altcha;
      delete values.website;
      if (req.validationError) {
        // A field longer than any form sends: shown on that field, like the service's refusals.
        return reply.html(
          await formPage(req, slug, productId, {
            values,
            errors: fieldErrorsFrom(req.validationError.validation),
          }),
          400,
        );
      }
      try {
        const r = await service.submitInquiry(ctxOf(req), guard, {
          slug,
          productId,
          ip: req.ip,
          input: req.body,
        });
        return reply.html(
          renderPage(OrderSentPage({ ctx: viewCtx(req), p: r.product, reference: r.reference })),
        );
      } catch (err) {
        if (err instanceof AppError && err.fields.length > 0)
          return reply.html(await formPage(req, slug, productId, { values, errors: err.fields }), err.status);
        throw err;
      }
    },
  );

  // ---- Staff pages ----
  app.get('/orders', { config: view, schema: { querystring: ListQuery } }, async (req, reply) => {
    const r = await service.listInquiries(ctxOf(req), {
      status: req.query.status,
      page: req.query.page ?? 1,
    });
    return reply.html(
      renderPage(
        OrdersListPage({ ctx: viewCtx(req), rows: r.rows, counts: r.counts, status: req.query.status }),
      ),
    );
  });

  const detailPage = async (
    req: FastifyRequest,
    id: string,
    forms: { confirm?: FormState; decline?: FormState } = {},
  ) => {
    const ctx = ctxOf(req);
    const o = await service.getInquiry(ctx, id);
    const day = today(ctx, o.timezone);
    return renderPage(
      OrderPage({
        ctx: viewCtx(req),
        o,
        today: day,
        confirmForm:
          forms.confirm ??
          emptyForm({
            sold_on: day,
            payment_method: 'tunai',
            unit_price: o.product_price === null ? '' : String(o.product_price),
          }),
        declineForm: forms.decline ?? emptyForm(),
      }),
    );
  };

  app.get('/orders/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await detailPage(req, req.params.id)),
  );

  app.post(
    '/orders/:id/confirm',
    { config: decide, schema: { params: IdParams, body: ConfirmForm }, attachValidation: true },
    async (req, reply) => {
      const id = req.params.id;
      const sent = await handleForm(
        req,
        reply,
        (form) => detailPage(req, id, { confirm: form }),
        () =>
          service.confirmInquiry(ctxOf(req), id, {
            paymentMethod: req.body.payment_method,
            paymentRef: req.body.payment_ref,
            soldOn: req.body.sold_on,
            unitPrice: parseRupiah(req.body.unit_price),
          }),
      );
      if (sent) return sent;
      setFlash(reply, 'orders.confirmed');
      return reply.redirect(`/orders/${id}`, 303);
    },
  );

  app.post(
    '/orders/:id/decline',
    { config: decide, schema: { params: IdParams, body: DeclineForm }, attachValidation: true },
    async (req, reply) => {
      const id = req.params.id;
      const sent = await handleForm(
        req,
        reply,
        (form) => detailPage(req, id, { decline: form }),
        () => service.declineInquiry(ctxOf(req), id, req.body.reason ?? ''),
      );
      if (sent) return sent;
      setFlash(reply, 'orders.declinedFlash');
      return reply.redirect(`/orders/${id}`, 303);
    },
  );

  // ---- JSON API ----
  app.get(
    '/api/v1/order-inquiries',
    {
      config: view,
      schema: {
        tags,
        summary: 'Order inquiries from the public gallery, pending first, with the count of each status',
        querystring: ListQuery,
        response: { 200: InquiryListOut },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const r = await service.listInquiries(ctxOf(req), { status: req.query.status, page });
      return { items: r.rows.map(out), counts: r.counts, page, page_size: r.pageSize };
    },
  );

  app.get(
    '/api/v1/order-inquiries/:id',
    {
      config: view,
      schema: { tags, summary: 'One order inquiry', params: IdParams, response: { 200: InquiryOut } },
    },
    async (req) => out(await service.getInquiry(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/order-inquiries/:id/confirm',
    {
      config: decide,
      schema: {
        tags,
        summary:
          "Confirm a pending inquiry into a sale (channel 'order', a kuitansi, stock moved) in one transaction; 409 when stock is short or it was decided",
        params: IdParams,
        body: ConfirmBody,
        response: { 201: ConfirmOut },
      },
    },
    async (req, reply) => {
      const r = await service.confirmInquiry(ctxOf(req), req.params.id, {
        paymentMethod: req.body.payment_method,
        paymentRef: req.body.payment_ref,
        soldOn: req.body.sold_on,
        unitPrice: req.body.unit_price,
      });
      return reply.code(201).send({ sale_id: r.saleId, number: r.number });
    },
  );

  app.post(
    '/api/v1/order-inquiries/:id/decline',
    {
      config: decide,
      schema: {
        tags,
        summary: 'Decline a pending inquiry with a reason',
        params: IdParams,
        body: DeclineBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.declineInquiry(ctxOf(req), req.params.id, req.body.reason);
      return reply.code(204).send(null);
    },
  );
}
