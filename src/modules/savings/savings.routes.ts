// Pages of the tabungan premi: an inmate's ledger (/inmates/:id/premi) with its withdrawal, payout
// and transfer forms, the statement, receipt and slip PDFs, the payout tasks (/savings/payouts) and
// the incoming transfers (/savings/transfers) with the page that receives one. The list pages'
// /api/v1 twins are declared here with them; the other API routes are in savings.api.ts.
import { contentDisposition } from '../../app/downloads.ts';
import { fieldError } from '../../app/errors.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import * as payouts from './savings.payouts.service.ts';
import { payoutSlipPdf, statementPdf, withdrawalPdf } from './savings.pdf.ts';
import { savingsMay } from './savings.policy.ts';
import { parseRupiah } from './savings.rules.ts';
import {
  IncomingQuery,
  PayoutBody,
  ReceiveBody,
  SendBody,
  TaskOut,
  TasksQuery,
  TransferOut,
  WithdrawalForm,
} from './savings.schema.ts';
import * as service from './savings.service.ts';
import { PayoutTasksPage } from './savings.tasks.views.tsx';
import * as transfers from './savings.transfers.service.ts';
import { IncomingPage, ReceivePage } from './savings.transfers.views.tsx';
import { type LedgerForms, LedgerPage } from './savings.views.tsx';

const view = { permission: 'premi.view' as const };

function pdf(reply: import('fastify').FastifyReply, name: string, body: Buffer) {
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition('attachment', name))
    .header('cache-control', 'private, no-store')
    .send(body);
}
const fileName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase();

export async function savingsRoutes(app: App) {
  const ledgerPage = async (req: FastifyRequest, id: string, forms: Partial<LedgerForms> = {}) => {
    const ctx = ctxOf(req);
    const s = await service.statement(ctx, id);
    const may = savingsMay(ctx.who);
    const day = today(ctx, s.unit.timezone);
    const units =
      may.prepare && s.inmate.status === 'transferred' && !s.transferOut
        ? await transfers.destinationUnits(ctx, s.inmate.unit_id)
        : [];
    return renderPage(
      LedgerPage({
        ctx: viewCtx(req),
        s,
        may,
        units,
        forms: {
          withdraw: forms.withdraw ?? emptyForm({ day, purpose: 'canteen' }),
          payout: forms.payout ?? emptyForm({ paid_on: day, method: 'tunai' }),
          transfer: forms.transfer ?? emptyForm({ sent_on: day }),
        },
      }),
    );
  };

  app.get('/inmates/:id/premi', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await ledgerPage(req, req.params.id)),
  );

  app.get(
    '/inmates/:id/premi/statement.pdf',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const s = await service.statement(ctx, req.params.id);
      const body = await statementPdf(s, today(ctx, s.unit.timezone));
      return pdf(reply, `rekening-tabungan-premi-${fileName(s.inmate.reg_number)}.pdf`, body);
    },
  );

  app.get(
    '/savings/withdrawals/:id/receipt.pdf',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.withdrawalDocument(ctxOf(req), req.params.id);
      return pdf(reply, `bukti-penarikan-${fileName(d.withdrawal.number)}.pdf`, await withdrawalPdf(d));
    },
  );

  app.get(
    '/savings/payouts/:id/slip.pdf',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.payoutDocument(ctxOf(req), req.params.id);
      return pdf(reply, `slip-pembayaran-premi-${fileName(d.payout.number)}.pdf`, await payoutSlipPdf(d));
    },
  );

  app.post(
    '/inmates/:id/premi/withdrawals',
    {
      config: { permission: 'premi.prepare' },
      schema: { params: IdParams, body: WithdrawalForm },
      attachValidation: true,
    },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => ledgerPage(req, req.params.id, { withdraw: form }),
        action: async () => {
          const amount = parseRupiah(req.body.amount);
          if (amount === null || amount <= 0) throw fieldError('amount', 'savings.amountWhole');
          await payouts.withdraw(ctxOf(req), req.params.id, {
            day: req.body.day,
            amount,
            purpose: req.body.purpose,
            reason: req.body.reason,
            recipient: req.body.recipient,
          });
        },
        flash: 'savings.withdrawn',
        redirect: () => `/inmates/${req.params.id}/premi`,
      });
    },
  );

  app.post(
    '/inmates/:id/premi/payout',
    {
      config: { permission: 'premi.payout' },
      schema: { params: IdParams, body: PayoutBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => ledgerPage(req, req.params.id, { payout: form }),
        action: () => payouts.payOut(ctxOf(req), req.params.id, req.body),
        flash: 'savings.paid',
        redirect: () => `/inmates/${req.params.id}/premi`,
      }),
  );

  app.post(
    '/inmates/:id/premi/transfer',
    {
      config: { permission: 'premi.prepare' },
      schema: { params: IdParams, body: SendBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => ledgerPage(req, req.params.id, { transfer: form }),
        action: () => transfers.sendTransfer(ctxOf(req), req.params.id, req.body),
        flash: 'savings.sent',
        redirect: () => `/inmates/${req.params.id}/premi`,
      }),
  );

  listRoute(app, {
    path: '/savings/payouts',
    permission: 'premi.view',
    query: TasksQuery,
    load: async (ctx, q) => {
      const rows = await service.payoutTasks(ctx, { unitId: q.unit_id });
      return { rows, total: rows.length, pageSize: Math.max(rows.length, 1) };
    },
    view: (list) => PayoutTasksPage({ ctx: list.ctx, rows: list.rows }),
    api: {
      path: '/api/v1/savings/payout-tasks',
      tags: ['savings'],
      summary: 'Released inmates of your units still owed premi, with no payout yet (the payout task list)',
      item: TaskOut,
    },
  });

  listRoute(app, {
    path: '/savings/transfers',
    permission: 'premi.prepare',
    query: IncomingQuery,
    load: async (ctx, q) => {
      const rows = await transfers.incomingTransfers(ctx, { pending: q.pending === true });
      return { rows, total: rows.length, pageSize: Math.max(rows.length, 1) };
    },
    view: (list) => IncomingPage({ ctx: list.ctx, rows: list.rows }),
    api: {
      path: '/api/v1/savings/transfers/incoming',
      tags: ['savings'],
      summary:
        "Premi balances transferred to your units: the person's name and old register number, received or not",
      item: TransferOut,
      row: (r) => ({
        id: r.id,
        from_unit_id: r.from_unit_id,
        from_unit_name: r.from_unit_name,
        from_name: r.from_name,
        from_reg_number: r.from_reg_number,
        to_unit_id: r.to_unit_id,
        to_unit_name: r.to_unit_name,
        to_inmate_id: r.to_inmate_id,
        saved: r.saved,
        spendable: r.spendable,
        sent_on: r.sent_on,
        received_on: r.received_on,
      }),
    },
  });

  formRoute(app, {
    path: '/savings/transfers/:id',
    post: '/savings/transfers/:id/receive',
    permission: 'premi.prepare',
    params: IdParams,
    body: ReceiveBody,
    page: async (req, params, form) => {
      const ctx = ctxOf(req);
      const t = await transfers.incomingTransfer(ctx, params.id);
      const receivers = t.to_inmate_id ? [] : await transfers.receiversFor(ctx, params.id);
      const same = receivers.filter((r) => r.name.toLowerCase() === t.from_name.toLowerCase());
      return renderPage(
        ReceivePage({
          ctx: viewCtx(req),
          t,
          receivers,
          form: form ?? emptyForm(same.length === 1 && same[0] ? { inmate_id: same[0].id } : {}),
        }),
      );
    },
    action: (req, params, body) => transfers.receiveTransfer(ctxOf(req), params.id, body),
    flash: 'savings.received',
    redirect: (params) => `/savings/transfers/${params.id}`,
  });
}
