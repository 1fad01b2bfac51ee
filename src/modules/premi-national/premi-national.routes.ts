// The national month's pages, its JSON status for the progress bar, and its /api/v1 twins. Only a
// national administrator (premi.national, national-only in app/policy.ts) starts or follows one.
import { Type } from 'typebox';
import { formRoute } from '../../app/form-route.ts';
import { emptyForm } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { isMessageKey } from '../../app/i18n.ts';
import { today } from '../../app/principal.ts';
import { IdParams, nullable } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { enqueueNational } from './premi-national.jobs.ts';
import * as service from './premi-national.service.ts';
import { NationalJobPage, NationalPage, progressText } from './premi-national.views.tsx';

const config = { permission: 'premi.national' as const };
const tags = ['premi'];
const MonthBody = Type.Object({
  month: Type.String({ maxLength: 7, description: "The month, 'YYYY-MM'; it must have ended in every unit" }),
});
const JobOut = Type.Object({
  id: Type.String(),
  month: Type.String(),
  status: Type.String({ description: 'queued, running, done or failed' }),
  total: Type.Integer(),
  done: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  started_at: nullable(Type.String({ format: 'date-time' })),
  finished_at: nullable(Type.String({ format: 'date-time' })),
  units: Type.Array(
    Type.Object({
      unit_id: Type.String(),
      unit_name: Type.String(),
      outcome: Type.String({ description: 'skipped or failed' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

/** The previous month: what a national administrator usually computes. */
const lastMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

export async function premiNationalRoutes(app: App) {
  formRoute(app, {
    path: '/premi/national',
    permission: config.permission,
    body: MonthBody,
    page: async (req, _params, form) => {
      const ctx = ctxOf(req);
      const jobs = await service.recentNationalJobs(ctx);
      const f = form ?? emptyForm({ month: lastMonth(today(ctx)) });
      return renderPage(NationalPage({ ctx: viewCtx(req), form: f, jobs }));
    },
    action: async (req, _params, body) => {
      const job = await service.requestNationalMonth(ctxOf(req), { month: body.month.trim() });
      await enqueueNational(app.db, job, req.log);
      return job.id;
    },
    flash: 'premiNational.started',
    redirect: (_params, id) => `/premi/national/${id}`,
  });

  app.get('/premi/national/:id', { config, schema: { params: IdParams } }, async (req, reply) => {
    const job = await service.nationalJob(ctxOf(req), req.params.id);
    return reply.html(renderPage(NationalJobPage({ ctx: viewCtx(req), job })));
  });

  // Polled by public/app.js to move the progress bar; the page itself works without it.
  app.get('/premi/national/:id/status', { config, schema: { params: IdParams } }, async (req) => {
    const j = await service.nationalJob(ctxOf(req), req.params.id);
    return {
      status: j.status,
      running: service.isRunning(j.status),
      done: j.done,
      total: j.total,
      text: progressText(req, j),
    };
  });

  // ---- JSON API ----
  const jobOut = (req: FastifyRequest, j: service.NationalJobRow) => ({
    id: j.id,
    month: j.month,
    status: j.status,
    total: j.total,
    done: j.done,
    skipped: j.skipped,
    failed: j.failed,
    started_at: j.started_at?.toISOString() ?? null,
    finished_at: j.finished_at?.toISOString() ?? null,
    units: j.errors.map((e) => ({
      unit_id: e.unit_id,
      unit_name: e.unit_name,
      outcome: e.outcome,
      code: e.code,
      message: isMessageKey(e.key) ? req.t(e.key, e.params) : e.code,
    })),
  });

  app.post(
    '/api/v1/premi/national-jobs',
    {
      config,
      schema: {
        tags,
        summary: "Start computing every active unit's draft premi run of a month (a background job)",
        body: MonthBody,
        response: { 202: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const job = await service.requestNationalMonth(ctxOf(req), { month: req.body.month.trim() });
      await enqueueNational(app.db, job, req.log);
      return reply.code(202).send({ id: job.id });
    },
  );

  app.get(
    '/api/v1/premi/national-jobs/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A national month job: its progress and the units skipped or failed, with why',
        params: IdParams,
        response: { 200: JobOut },
      },
    },
    async (req) => jobOut(req, await service.nationalJob(ctxOf(req), req.params.id)),
  );
}
