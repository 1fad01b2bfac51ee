// /api/v1/sales: the same operations as the pages (GET /api/v1/sales, the book's page of rows, is
// declared with the page in sales.routes.ts).
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams, nullable } from '../../app/schema.ts';
import {
  BookOut,
  BookPeriodQuery,
  CancelRequestBody,
  CreatedOut,
  DecisionBody,
  SaleBody,
  SaleOut,
} from './sales.schema.ts';
import * as service from './sales.service.ts';

const tags = ['sales'];
const DecisionOut = Type.Object({
  status: Type.String(),
  reversal_id: nullable(Type.String()),
  reversal_number: nullable(Type.String()),
});

function saleOut(d: service.SaleDetail) {
  const s = d.sale;
  return {
    id: s.id,
    unit_id: s.unit_id,
    unit_name: s.unit_name,
    number: s.number,
    sold_on: s.sold_on,
    channel: s.channel,
    buyer_name: s.buyer_name,
    buyer_phone: s.buyer_phone,
    payment_method: s.payment_method,
    payment_ref: s.payment_ref,
    total: s.total,
    status: s.status,
    reverses_id: s.reverses_id,
    reverses_number: s.reverses_number,
    reversal_id: s.reversal_id,
    reversal_number: s.reversal_number,
    note: s.note,
    cancel_reason: s.cancel_reason,
    created_by_name: s.created_by_name,
    approved_by_name: s.approved_by_name,
    lines: d.lines.map((l) => ({
      product_id: l.product_id,
      product_name: l.product_name,
      qty: l.qty,
      unit_price: l.unit_price,
      amount: l.amount,
    })),
  };
}

export async function salesApi(app: App) {
  app.get(
    '/api/v1/sales/book',
    {
      config: { permission: 'sales.view' },
      schema: {
        tags,
        summary: 'The sales book of a period: every receipt and reversal with its lines, and the totals',
        querystring: BookPeriodQuery,
        response: { 200: BookOut },
      },
    },
    async (req) => {
      const b = await service.salesBook(ctxOf(req), { from: req.query.from, to: req.query.to });
      const { byMethod, ...totals } = b.totals;
      return { from: b.from, to: b.to, items: b.rows, totals: { ...totals, by_method: byMethod } };
    },
  );

  app.get(
    '/api/v1/sales/:id',
    {
      config: { permission: 'sales.view' },
      schema: {
        tags,
        summary: "One sale with its lines (the buyer's phone number included)",
        params: IdParams,
        response: { 200: SaleOut },
      },
    },
    async (req) => saleOut(await service.getSale(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/sales',
    {
      config: { permission: 'sales.record' },
      schema: {
        tags,
        summary: 'Record a sale and issue its kuitansi (409 stock.insufficient when stock is short)',
        body: SaleBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await service.createSale(ctxOf(req), {
        soldOn: b.sold_on,
        channel: b.channel,
        buyerName: b.buyer_name,
        buyerPhone: b.buyer_phone,
        paymentMethod: b.payment_method,
        paymentRef: b.payment_ref,
        note: b.note,
        lines: b.lines.map((l) => ({ productId: l.product_id, qty: l.qty, unitPrice: l.unit_price })),
      });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/api/v1/sales/:id/cancellation',
    {
      config: { permission: 'sales.record' },
      schema: {
        tags,
        summary: 'Ask for a sale to be cancelled (the Kepala UPT may approve at once)',
        params: IdParams,
        body: CancelRequestBody,
        response: { 200: DecisionOut },
      },
    },
    async (req) => {
      const r = await service.requestCancellation(ctxOf(req), req.params.id, req.body.reason, {
        approve: req.body.approve === true,
      });
      return {
        status: r.reversalId ? 'cancelled' : 'cancel_requested',
        reversal_id: r.reversalId ?? null,
        reversal_number: r.reversalNumber ?? null,
      };
    },
  );

  app.post(
    '/api/v1/sales/:id/decision',
    {
      config: { permission: 'sales.approve' },
      schema: {
        tags,
        summary:
          "The Kepala UPT's decision on a cancellation request: a reversing sale, or back to completed",
        params: IdParams,
        body: DecisionBody,
        response: { 200: DecisionOut },
      },
    },
    async (req) => {
      const r = await service.decideCancellation(ctxOf(req), req.params.id, req.body);
      return {
        status: r.reversalId ? 'cancelled' : 'completed',
        reversal_id: r.reversalId ?? null,
        reversal_number: r.reversalNumber ?? null,
      };
    },
  );
}
