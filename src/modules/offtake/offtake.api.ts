// /api/v1/offtake-invoices: one invoice, issuing one, and recording a payment (the list is declared
// with its page in offtake.routes.ts).
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { InvoiceBody, InvoiceDetailOut, PaymentBody } from './offtake.schema.ts';
import * as service from './offtake.service.ts';

const view = { permission: 'sales.view' as const };
const record = { permission: 'sales.record' as const };
const tags = ['offtake'];

async function detail(req: FastifyRequest, id: string) {
  const d = await service.invoiceDetail(ctxOf(req), id);
  return { ...d.invoice, lines: d.lines, payments: d.payments };
}

export async function offtakeApi(app: App) {
  app.get(
    '/api/v1/offtake-invoices/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One offtake invoice: lines per batch and product (passed x rate), payments, what is owed',
        params: IdParams,
        response: { 200: InvoiceDetailOut },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/v1/offtake-invoices',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Issue an invoice to a partner for some of its checked batches (each batch is invoiced once)',
        body: InvoiceBody,
        response: { 201: InvoiceDetailOut },
      },
    },
    async (req, reply) => {
      const id = await service.createInvoice(ctxOf(req), {
        partnerId: req.body.partner_id,
        batchIds: req.body.batch_ids,
        issuedOn: req.body.issued_on,
        dueOn: req.body.due_on,
      });
      return reply.code(201).send(await detail(req, id));
    },
  );

  app.post(
    '/api/v1/offtake-invoices/:id/payments',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Record a payment received against an open invoice (no more than is owed; QRIS needs its reference)',
        params: IdParams,
        body: PaymentBody,
        response: { 201: InvoiceDetailOut },
      },
    },
    async (req, reply) => {
      await service.recordPayment(ctxOf(req), req.params.id, {
        paidOn: req.body.paid_on,
        amount: req.body.amount,
        method: req.body.method,
        reference: req.body.reference,
      });
      return reply.code(201).send(await detail(req, req.params.id));
    },
  );
}
