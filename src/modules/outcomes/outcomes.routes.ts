// /reintegration/outcomes (the page), /reintegration/outcomes.xlsx and /api/v1/outcomes: the outcomes of the
// reader's units (outcomes.view: the unit's staff, a Kanwil's region, the nation), counts only.
import { contentDisposition } from '../../app/downloads.ts';
import { AppError, fieldError } from '../../app/errors.ts';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { listUnits } from '../units/units.service.ts';
import { periodOf } from './outcomes.rules.ts';
import { OutcomesOut, OutcomesQuery } from './outcomes.schema.ts';
import { type OutcomeGroup, type Outcomes, outcomesOf } from './outcomes.service.ts';
import { BASE, OutcomesPage, PeriodRefused } from './outcomes.views.tsx';
import { outcomesXlsx } from './outcomes.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const config = { permission: 'outcomes.view' as const };

const thisMonth = (req: FastifyRequest) => today(ctxOf(req)).slice(0, 7);

/** The outcomes the query asks for; a refused period is a 400 on its field. */
async function read(req: FastifyRequest, q: OutcomesQuery): Promise<Outcomes> {
  const p = periodOf(q, thisMonth(req));
  if ('key' in p) throw fieldError(p.field, p.key);
  return outcomesOf(ctxOf(req), { ...p, unitId: q.unit });
}

const unitOptions = async (req: FastifyRequest) =>
  (await listUnits(ctxOf(req))).map((u) => ({ id: u.id, name: u.name }));

const rate = (r: OutcomeGroup['rates']['followedUp']) => ({ count: r.count, n: r.n, pct: r.pct });
const groupOut = (g: OutcomeGroup) => ({
  released: g.counts.released,
  followed_up: g.counts.followedUp,
  m6: g.counts.m6,
  m6_working: g.counts.m6Working,
  m12: g.counts.m12,
  m12_reoffended: g.counts.m12Reoffended,
  rates: {
    followed_up: rate(g.rates.followedUp),
    working_6: rate(g.rates.working6),
    reoffended_12: rate(g.rates.reoffended12),
  },
});

export async function outcomesRoutes(app: App) {
  app.get(
    '/reintegration/outcomes',
    { config, schema: { querystring: OutcomesQuery } },
    async (req, reply) => {
      const units = await unitOptions(req);
      try {
        const d = await read(req, req.query);
        return reply.html(
          renderPage(OutcomesPage({ ctx: viewCtx(req), d, f: req.query, maxMonth: thisMonth(req), units })),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err;
        const message = err.fields.map((f) => req.t(f.key, f.params)).join(' ') || req.t(err.key, err.params);
        return reply.html(
          renderPage(
            PeriodRefused({ ctx: viewCtx(req), f: req.query, maxMonth: thisMonth(req), units, message }),
          ),
          400,
        );
      }
    },
  );

  app.get(`${BASE}.xlsx`, { config, schema: { querystring: OutcomesQuery } }, async (req, reply) => {
    const d = await read(req, req.query);
    return reply
      .type(XLSX)
      .header(
        'content-disposition',
        contentDisposition('attachment', `hasil-reintegrasi-${d.from}-${d.to}.xlsx`),
      )
      .header('cache-control', 'no-store')
      .send(await outcomesXlsx(d, { t: req.t, lang: req.lang }));
  });

  app.get(
    '/api/v1/outcomes',
    {
      config,
      schema: {
        tags: ['outcomes'],
        summary:
          'Reintegration outcomes of the participants released in a period, per unit and per programme: counts, and rates with their n (none under 5 people)',
        querystring: OutcomesQuery,
        response: { 200: OutcomesOut },
      },
    },
    async (req) => {
      const d = await read(req, req.query);
      return {
        from: d.from,
        to: d.to,
        unit_id: d.unitId,
        computed_at: d.freshness.computedAt ? d.freshness.computedAt.toISOString() : null,
        pending: d.freshness.pending,
        total: groupOut(d.total),
        units: d.units.map((u) => ({
          unit_id: u.unitId,
          unit_name: u.unitName,
          kanwil_name: u.kanwilName,
          ...groupOut(u),
        })),
        programmes: d.programmes.map((p) => ({
          unit_id: p.unitId,
          unit_name: p.unitName,
          programme_id: p.programmeId,
          name: p.name,
          ...groupOut(p),
        })),
      };
    },
  );
}
