// The Program Aksi indicators: the page, its XLSX and /api/v1/program-aksi/indicators, all under
// rollups.view (counts and sums, read by units, Kanwil and the directorate at their own level).
import { contentDisposition } from '../../app/downloads.ts';
import { AppError } from '../../app/errors.ts';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { IndicatorsOut, IndicatorsQuery } from './program-aksi-indicators.schema.ts';
import {
  defaultPeriod,
  type Indicators,
  indicators,
  type Level,
  levelsFor,
} from './program-aksi-indicators.ts';
import { IndicatorsPage, periodText } from './program-aksi-indicators.views.tsx';
import { indicatorsWorkbook } from './program-aksi-indicators.xlsx.ts';

const view = { permission: 'rollups.view' as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Query = { period?: string | undefined; level?: Level | undefined };

/** The indicators with the nation's row named in the reader's language. */
async function read(req: FastifyRequest, q: Query): Promise<Indicators> {
  const d = await indicators(ctxOf(req), q);
  if (d.level !== 'nation') return d;
  const name = req.t('programAksi.ind.nation');
  return {
    ...d,
    items: d.items.map((it) => ({ ...it, rows: it.rows.map((r) => ({ ...r, name })) })),
    pnbp: d.pnbp.map((s) => ({ ...s, name })),
  };
}

export async function programAksiIndicatorsRoutes(app: App) {
  app.get<{ Querystring: Query }>(
    '/program-aksi/indicators',
    { config: view, schema: { querystring: IndicatorsQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const levels = levelsFor(ctx.who);
      try {
        const d = await read(req, req.query);
        return reply.html(
          renderPage(
            IndicatorsPage({ ctx: viewCtx(req), d, form: { period: d.period, level: d.level, levels } }),
          ),
        );
      } catch (err) {
        // A refused period is answered on the page, at its field, with the form to correct it.
        const field = err instanceof AppError ? err.fields.find((f) => f.field === 'period') : undefined;
        if (!field) throw err;
        const form = {
          period: req.query.period ?? defaultPeriod(today(ctx).slice(0, 7)),
          level: req.query.level && levels.includes(req.query.level) ? req.query.level : (levels[0] as Level),
          levels,
          error: req.t(field.key, field.params),
        };
        return reply.html(renderPage(IndicatorsPage({ ctx: viewCtx(req), d: null, form })), 400);
      }
    },
  );

  app.get<{ Querystring: Query }>(
    '/program-aksi/indicators.xlsx',
    { config: view, schema: { querystring: IndicatorsQuery } },
    async (req, reply) => {
      const d = await read(req, req.query);
      const body = await indicatorsWorkbook(req.t, d, periodText({ t: req.t, lang: req.lang }, d));
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          contentDisposition('attachment', `indikator-program-aksi-${d.level}-${d.period}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/api/v1/program-aksi/indicators',
    {
      config: view,
      schema: {
        tags: ['reference'],
        summary:
          'Program Aksi indicators per unit, Kanwil or nation for a month or a year: programmes, distinct participants, certificates, production value, PNBP (400 on a malformed or future period, 403 on a level above the caller)',
        querystring: IndicatorsQuery,
        response: { 200: IndicatorsOut },
      },
    },
    async (req) => {
      const d = await read(req, req.query);
      return {
        period: d.period,
        kind: d.kind,
        from: d.from,
        to: d.to,
        level: d.level,
        levels: d.levels,
        computed_at: d.freshness.computedAt?.toISOString() ?? null,
        pending_changes: d.freshness.pending,
        replica_lag_seconds: d.freshness.replicaLagSeconds,
        items: d.items.map((it) => ({
          id: it.id,
          number: it.number,
          title: it.title,
          active: it.active,
          rows: it.rows.map((r) => ({
            place_id: r.key,
            name: r.name,
            kanwil_name: r.kanwilName,
            programmes: r.programmes,
            participants: r.participants,
            certificates: r.certificates,
            production_value: r.productionValue,
            pnbp: r.pnbp,
          })),
        })),
        pnbp: d.pnbp.map((s) => ({
          place_id: s.key,
          name: s.name,
          total: s.total,
          attributed: s.attributed,
          not_attributed: s.notAttributed,
        })),
      };
    },
  );
}
