// /api/v1/qc-batches: one batch, sending a batch and recording its check (the list is declared
// with its page in quality.routes.ts).
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { BatchBody, BatchDetailOut, CheckBody } from './quality.schema.ts';
import * as service from './quality.service.ts';

const view = { permission: 'production.view' as const };
const check = { permission: 'quality.check' as const };
const tags = ['quality'];

async function detail(req: FastifyRequest, id: string) {
  const d = await service.batchDetail(ctxOf(req), id);
  const b = d.batch;
  return {
    ...b,
    submitted: d.totals.submitted,
    passed: b.status === 'sent' ? null : d.totals.passed,
    amount: d.totals.amount,
    lines: d.lines.map((l) => ({
      ...l,
      rejects: l.rejects.map((r) => ({
        qty: r.qty,
        reason: r.reason,
        reworkable: r.reworkable,
        disposition: r.disposition,
        note: r.note,
      })),
    })),
  };
}

export async function qualityApi(app: App) {
  app.get(
    '/api/v1/qc-batches/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One quality-check batch with its lines (maker, product, counts, rate) and rejects',
        params: IdParams,
        response: { 200: BatchDetailOut },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/v1/qc-batches',
    {
      config: check,
      schema: {
        tags,
        summary:
          "Send a programme's finished items to its partner's check as one numbered batch (lines default to everything awaiting)",
        body: BatchBody,
        response: { 201: BatchDetailOut },
      },
    },
    async (req, reply) => {
      const id = await service.createBatch(ctxOf(req), {
        programmeId: req.body.programme_id,
        sentOn: req.body.sent_on,
        lines: req.body.lines?.map((l) => ({
          enrolmentId: l.enrolment_id,
          productId: l.product_id,
          qty: l.qty,
        })),
      });
      return reply.code(201).send(await detail(req, id));
    },
  );

  app.post(
    '/api/v1/qc-batches/:id/check',
    {
      config: check,
      schema: {
        tags,
        summary:
          "Record the partner's check of a batch, once: per line passed and rejects (reason, reworkable); passed items at the piece rate in force on the check date",
        params: IdParams,
        body: CheckBody,
        response: { 200: BatchDetailOut },
      },
    },
    async (req) => {
      await service.recordCheck(ctxOf(req), req.params.id, {
        checkedOn: req.body.checked_on,
        lines: req.body.lines.map((l) => ({
          lineId: l.line_id,
          passed: l.passed,
          rejects: l.rejects.map((r) => ({
            qty: r.qty,
            reason: r.reason,
            reworkable: r.reworkable,
            note: r.note ?? null,
          })),
        })),
      });
      return detail(req, req.params.id);
    },
  );
}
