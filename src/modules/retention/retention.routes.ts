// The retention page (/privacy/retention) and its "Jalankan sekarang" post, with their /api/v1 twins:
// the runs and the people per unit (counts only) for privacy.retention, a run now for a national
// administrator (202; the run itself happens on the queue).
import { Type } from 'typebox';
import { askFirst } from '../../app/confirm.tsx';
import { type App, ctxOf, setFlash } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { enqueueRetention } from './retention.jobs.ts';
import { mayRunNow } from './retention.policy.ts';
import { retentionOverview } from './retention.service.ts';
import { RetentionPage } from './retention.views.tsx';

const config = { permission: 'privacy.retention' as const };
const run = { permission: 'privacy.retention_run' as const };
const tags = ['privacy'];
const Day = Type.String({ format: 'date' });

const OverviewOut = Type.Object({
  retention_years: Type.Integer({ description: 'RETENTION_YEARS' }),
  cutoff: Type.String({
    format: 'date',
    description: 'People whose last follow-up (or release) is before this day are past the period',
  }),
  units: Type.Array(
    Type.Object({
      unit_id: Type.String(),
      unit_name: Type.String(),
      pseudonymised: Type.Integer({ description: 'Released people pseudonymised so far' }),
      due: Type.Integer({ description: 'Released people past the period, waiting for the next run' }),
    }),
    { description: "The reader's units that have anyone pseudonymised or due" },
  ),
  runs: Type.Array(
    Type.Object({
      id: Type.String(),
      run_on: Day,
      retention_years: Type.Integer(),
      cutoff: Day,
      people: Type.Integer(),
      tables: Type.Record(Type.String(), Type.Integer(), { description: 'Rows changed per table' }),
      triggered_by: Type.Union([Type.String(), Type.Null()], {
        description: 'Who started it by hand; null for the daily schedule',
      }),
      created_at: Type.String({ format: 'date-time' }),
    }),
    { description: 'The last 60 runs, newest first' },
  ),
});

export async function retentionRoutes(app: App) {
  const years = () => app.config.retentionYears;

  app.get('/privacy/retention', { config }, async (req, reply) => {
    const o = await retentionOverview(ctxOf(req), { years: years() });
    return reply.html(renderPage(RetentionPage({ ctx: viewCtx(req), o })));
  });

  app.post('/privacy/retention/run', { config: run }, async (req, reply) => {
    const ctx = ctxOf(req);
    mayRunNow(ctx.who);
    const asking = await askFirst(req, reply, {
      back: '/privacy/retention',
      ask: (v) => ({
        question: v.t('retention.confirm'),
        consequences: [v.t('retention.confirmDetail')],
        yes: v.t('retention.runNow'),
      }),
    });
    if (asking) return reply;
    await enqueueRetention(app.db, years(), { actor: ctx.who.actor }, req.log);
    setFlash(reply, 'retention.queued');
    return reply.redirect('/privacy/retention', 303);
  });

  // ---- JSON API ----
  app.get(
    '/api/v1/retention',
    {
      config,
      schema: {
        tags,
        summary: "The retention job's runs and, per unit of the reader, the people pseudonymised and due",
        response: { 200: OverviewOut },
      },
    },
    async (req) => {
      const o = await retentionOverview(ctxOf(req), { years: years() });
      return {
        retention_years: o.years,
        cutoff: o.cutoff,
        units: o.units,
        runs: o.runs.map((r) => ({
          id: r.id,
          run_on: r.run_on,
          retention_years: r.retention_years,
          cutoff: r.cutoff,
          people: r.people,
          tables: r.details,
          triggered_by: r.triggered_by_name,
          created_at: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/retention/runs',
    {
      config: run,
      schema: {
        tags,
        summary: 'Run the retention job now for every unit (national administrators; it runs on the queue)',
        response: { 202: Type.Object({ queued: Type.Boolean() }) },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      mayRunNow(ctx.who);
      await enqueueRetention(app.db, years(), { actor: ctx.who.actor }, req.log);
      return reply.code(202).send({ queued: true });
    },
  );
}
