// /api/v1/premi/runs: the same operations as the pages (GET /api/v1/premi/runs, the list, is
// declared with the page in premi.routes.ts).

import { invalid } from '../../app/errors.ts';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { CreatedOut, PrepareBody, ReverseBody, RunDetailOut, runOut, StatusOut } from './premi.schema.ts';
import * as service from './premi.service.ts';

const tags = ['premi'];

export async function premiApi(app: App) {
  app.get(
    '/api/v1/premi/runs/:id',
    {
      config: { permission: 'premi.view' },
      schema: {
        tags,
        summary: 'One premi run with its revenue groups and one line per inmate',
        params: IdParams,
        response: { 200: RunDetailOut },
      },
    },
    async (req) => {
      const d = await service.runDetail(ctxOf(req), req.params.id);
      return { ...runOut(d.run), groups: d.groups, lines: d.lines };
    },
  );

  app.post(
    '/api/v1/premi/runs',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary:
          "Prepare (or recompute) a month's draft run (422 premi.month_open before the month ends; 409 premi.already_posted)",
        body: PrepareBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const unitId = req.body.unit_id ?? ctx.who.unitId;
      if (!unitId) throw invalid([{ field: 'unit_id', key: 'err.required' }]);
      const id = await service.prepareRun(ctx, { unitId, month: req.body.month });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/premi/runs/:id/review',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary: 'Mark a draft run as reviewed',
        params: IdParams,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      await service.reviewRun(ctxOf(req), req.params.id);
      return { id: req.params.id, status: 'reviewed' as const, entry_id: null };
    },
  );

  app.post(
    '/api/v1/premi/runs/:id/approve',
    {
      config: { permission: 'premi.approve' },
      schema: {
        tags,
        summary:
          'Approve a reviewed run and post its journal entry (409 premi.already_posted; 422 premi.empty_run)',
        params: IdParams,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      const r = await service.approveRun(ctxOf(req), req.params.id);
      return { id: req.params.id, status: 'posted' as const, entry_id: r.entryId };
    },
  );

  app.post(
    '/api/v1/premi/runs/:id/reverse',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary: 'Create a draft reversal of a posted run, in a later month that has begun',
        params: IdParams,
        body: ReverseBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const id = await service.reverseRun(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );
}
