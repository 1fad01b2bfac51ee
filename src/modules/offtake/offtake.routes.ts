// Offtake invoice pages: the list (receivables with ?status=open), a new invoice
// (/offtake-invoices/new?partner=), an invoice with its payments; and their /api/v1 twins.
import { contentDisposition } from '../../app/downloads.ts';
import { notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { offtakeApi } from './offtake.api.ts';
import { invoicePdf } from './offtake.pdf.ts';
import { offtakeMay } from './offtake.policy.ts';
import { InvoiceForm, InvoiceListQuery, InvoiceOut, NewInvoiceQuery, PaymentBody } from './offtake.schema.ts';
import * as service from './offtake.service.ts';
import { ChoosePartnerPage, InvoiceListPage, InvoicePage, NewInvoicePage } from './offtake.views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const view = { permission: 'sales.view' as const };
const record = { permission: 'sales.record' as const };

async function partners(ctx: Ctx) {
  return (await partnerOptions(ctx)).map((p) => ({ id: p.id, name: p.name }));
}

export async function offtakeRoutes(app: App) {
  listRoute(app, {
    path: '/offtake-invoices',
    permission: view.permission,
    query: InvoiceListQuery,
    load: (ctx, q, page) => service.listInvoices(ctx, { partnerId: q.partner, status: q.status, page }),
    view: async (list, ctx) => {
      const r = await service.listInvoices(ctx, {
        partnerId: list.query.partner,
        status: list.query.status,
        page: 1,
      });
      return InvoiceListPage({
        ...list,
        may: offtakeMay(ctx.who),
        owed: r.owed,
        partners: await partners(ctx),
      });
    },
    api: {
      tags: ['offtake'],
      summary: 'Offtake invoices to partners, with what is owed and, for open ones, their age in days',
      item: InvoiceOut,
      paging: true,
    },
  });

  const newPage = async (req: FastifyRequest, partnerId: string, form?: FormState) => {
    const ctx = ctxOf(req);
    if (!UUID.test(partnerId)) throw notFound('partners');
    const { partner, batches } = await service.invoiceableBatches(ctx, partnerId);
    return renderPage(
      NewInvoicePage({
        ctx: viewCtx(req),
        partner,
        batches,
        form: form ?? emptyForm({ issued_on: today(ctx, batches[0]?.timezone) }),
      }),
    );
  };

  app.get(
    '/offtake-invoices/new',
    { config: record, schema: { querystring: NewInvoiceQuery } },
    async (req, reply) => {
      if (req.query.partner) return reply.html(await newPage(req, req.query.partner));
      return reply.html(
        renderPage(ChoosePartnerPage({ ctx: viewCtx(req), partners: await partners(ctxOf(req)) })),
      );
    },
  );

  app.post(
    '/offtake-invoices',
    { config: record, schema: { body: InvoiceForm }, attachValidation: true },
    async (req, reply) => {
      const partnerId = String((req.body as { partner_id?: unknown } | undefined)?.partner_id ?? '');
      let id = '';
      return submitForm(req, reply, {
        render: (form) => newPage(req, partnerId, form),
        action: async () => {
          id = await service.createInvoice(ctxOf(req), {
            partnerId: req.body.partner_id,
            batchIds: req.body.batch_ids ?? [],
            issuedOn: req.body.issued_on,
            dueOn: req.body.due_on,
          });
        },
        flash: 'offtake.created',
        redirect: () => `/offtake-invoices/${id}`,
      });
    },
  );

  const invoicePage = async (req: FastifyRequest, id: string, form?: FormState) => {
    const ctx = ctxOf(req);
    const d = await service.invoiceDetail(ctx, id);
    return renderPage(
      InvoicePage({
        ctx: viewCtx(req),
        d,
        may: offtakeMay(ctx.who),
        form:
          form ??
          emptyForm({
            paid_on: today(ctx, d.invoice.timezone),
            amount: String(d.invoice.owed),
            method: 'transfer',
          }),
      }),
    );
  };

  app.get('/offtake-invoices/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await invoicePage(req, req.params.id)),
  );

  app.get('/offtake-invoices/:id/pdf', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const d = await service.invoiceDocument(ctxOf(req), req.params.id);
    const pdf = await invoicePdf(d, { t: req.t, lang: req.lang, unit: d.unit, head: d.head });
    const name = `tagihan-${d.invoice.number.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', name))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post(
    '/offtake-invoices/:id/payments',
    { config: record, schema: { params: IdParams, body: PaymentBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => invoicePage(req, req.params.id, form),
        action: () =>
          service.recordPayment(ctxOf(req), req.params.id, {
            paidOn: req.body.paid_on,
            amount: req.body.amount,
            method: req.body.method,
            reference: req.body.reference,
          }),
        flash: 'offtake.paymentRecorded',
        redirect: () => `/offtake-invoices/${req.params.id}`,
      }),
  );

  await offtakeApi(app);
}
