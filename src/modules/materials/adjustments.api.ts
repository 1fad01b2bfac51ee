// /api/v1/stock-adjustments: the list (declared with its page), one adjustment with its lines,
// submit a stock-take or write-off, and the Kepala UPT's decision.
import { type App, ctxOf } from '../../app/http.ts';
import { listApi } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { adjustmentsList } from './adjustments.routes.ts';
import * as service from './adjustments.service.ts';
import { AdjustmentBody, AdjustmentDetailOut, DecisionBody } from './materials.schema.ts';

const tags = ['stock'];

async function detail(ctx: ReturnType<typeof ctxOf>, id: string) {
  const d = await service.adjustmentDetail(ctx, id);
  const a = d.adjustment;
  return {
    adjustment: { ...a, decided_at: a.decided_at ? a.decided_at.toISOString() : null },
    lines: d.lines,
  };
}

export async function adjustmentsApi(app: App) {
  listApi(app, adjustmentsList);

  app.get(
    '/api/v1/stock-adjustments/:id',
    {
      config: { permission: 'stock.view' },
      schema: {
        tags,
        summary: 'One stock-take or write-off with its lines',
        params: IdParams,
        response: { 200: AdjustmentDetailOut },
      },
    },
    async (req) => detail(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/stock-adjustments',
    {
      config: { permission: 'stock.manage' },
      schema: {
        tags,
        summary:
          'Submit a stock-take (counted per item; a reason for every difference) or a write-off, for the Kepala UPT to approve',
        body: AdjustmentBody,
        response: { 201: AdjustmentDetailOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const b = req.body;
      const id = await service.createAdjustment(ctx, {
        unitId: b.unit_id,
        kind: b.kind,
        day: b.day,
        note: b.note,
        lines: b.lines,
      });
      return reply.code(201).send(await detail(ctx, id));
    },
  );

  app.post(
    '/api/v1/stock-adjustments/:id/decision',
    {
      config: { permission: 'stock.approve' },
      schema: {
        tags,
        summary: 'Approve (posts the movements) or reject (a note is required) a submitted adjustment',
        params: IdParams,
        body: DecisionBody,
        response: { 200: AdjustmentDetailOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.decideAdjustment(ctx, req.params.id, req.body);
      return detail(ctx, req.params.id);
    },
  );
}
