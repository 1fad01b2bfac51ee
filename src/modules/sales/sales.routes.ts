// Pages of direct sales: the sales book (/sales, with its /api/v1 twin), the sale form, one sale's
// page, its kuitansi PDF, and the cancellation request and decision forms.
import { contentDisposition } from '../../app/downloads.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { formToInput, type SaleFormValues, toFormFields } from './sales.form.ts';
import { SaleFormPage } from './sales.form.views.tsx';
import { receiptPdf } from './sales.pdf.ts';
import { salesMay } from './sales.policy.ts';
import { BookQuery, CancelRequestBody, DecisionBody, SaleForm, SaleListOut } from './sales.schema.ts';
import * as service from './sales.service.ts';
import { SalePage, SalesBookPage } from './sales.views.tsx';

const view = { permission: 'sales.view' as const };

/** The book's filter as the service takes it: the month asked for, or this month. */
function bookFilter(ctx: Ctx, q: { month?: string | undefined; channel?: string; status?: string }) {
  const month = q.month ?? today(ctx).slice(0, 7);
  return { month, ...service.monthRange(month), channel: q.channel, status: q.status } as {
    month: string;
    from: string;
    to: string;
    channel?: (typeof service.SALE_CHANNELS)[number];
    status?: (typeof service.SALE_STATUSES)[number];
  };
}

export async function salesRoutes(app: App) {
  listRoute(app, {
    path: '/sales',
    permission: view.permission,
    query: BookQuery,
    load: (ctx, q, page) => service.listSales(ctx, { ...bookFilter(ctx, q), page }),
    view: async (list, ctx) => {
      const f = bookFilter(ctx, list.query);
      return SalesBookPage({
        ...list,
        may: salesMay(ctx.who),
        month: f.month,
        from: f.from,
        to: f.to,
        totals: await service.periodTotals(ctx, f),
      });
    },
    api: {
      tags: ['sales'],
      summary: "The sales book: a month's receipts and reversals (no buyers' phone numbers)",
      item: SaleListOut,
      paging: true,
    },
  });

  const salePage = async (
    req: FastifyRequest,
    id: string,
    forms: { cancel?: FormState; decision?: FormState },
  ) => {
    const ctx = ctxOf(req);
    return renderPage(
      SalePage({
        ctx: viewCtx(req),
        d: await service.getSale(ctx, id),
        may: salesMay(ctx.who),
        cancel: forms.cancel ?? emptyForm(),
        decision: forms.decision ?? emptyForm(),
      }),
    );
  };

  formRoute(app, {
    path: '/sales/new',
    post: '/sales',
    permission: 'sales.record',
    body: SaleForm,
    page: async (req, _params, form) => {
      const ctx = ctxOf(req);
      return renderPage(
        SaleFormPage({
          ctx: viewCtx(req),
          form: form ?? emptyForm({ sold_on: today(ctx), channel: 'bazaar', payment_method: 'tunai' }),
          products: await service.saleableProducts(ctx),
        }),
      );
    },
    action: async (req, _params, body) => {
      const { input, slots } = formToInput(body as SaleFormValues);
      try {
        return await service.createSale(ctxOf(req), input);
      } catch (err) {
        throw toFormFields(err, slots);
      }
    },
    flash: 'sales.created',
    redirect: (_params, r) => `/sales/${r.id}`,
  });

  app.get('/sales/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await salePage(req, req.params.id, {})),
  );

  app.get('/sales/:id/receipt.pdf', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const d = await service.receiptDocument(ctxOf(req), req.params.id);
    const name = `kuitansi-${d.sale.number.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', name))
      .header('cache-control', 'private, no-store')
      .send(await receiptPdf(d));
  });

  app.post(
    '/sales/:id/cancellation',
    {
      config: { permission: 'sales.record' },
      schema: { params: IdParams, body: CancelRequestBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => salePage(req, req.params.id, { cancel: form }),
        action: () =>
          service.requestCancellation(ctxOf(req), req.params.id, req.body.reason, {
            approve: req.body.approve === true,
          }),
        flash: req.body?.approve === true ? 'sales.cancelApproved' : 'sales.cancelRequested',
        redirect: () => `/sales/${req.params.id}`,
      }),
  );

  app.post(
    '/sales/:id/decision',
    {
      config: { permission: 'sales.approve' },
      schema: { params: IdParams, body: DecisionBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => salePage(req, req.params.id, { decision: form }),
        action: () =>
          service.decideCancellation(ctxOf(req), req.params.id, {
            approve: req.body.approve,
            note: req.body.note,
          }),
        flash: req.body?.approve ? 'sales.cancelApproved' : 'sales.cancelRejected',
        redirect: () => `/sales/${req.params.id}`,
      }),
  );
}
