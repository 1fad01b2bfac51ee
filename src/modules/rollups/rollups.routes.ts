// Roll-up pages and their downloads (rollups.view): /rollups is the viewer's level (the nation's
// Kanwil for national users, the region's units for a Kanwil; a unit's staff go to their unit),
// /rollups/kanwil/:id one region, /rollups/units/:id one unit; each with .xlsx and .csv beside it.
import { contentDisposition } from '../../app/downloads.ts';
import { AppError } from '../../app/errors.ts';
import { type App, ctxOf, type FastifyReply, type FastifyRequest, userOf } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { isNational } from '../../app/scope.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { query } from '../production-reports/production-reports.parts.tsx';
import { csvOf, type ExportTable, levelTables, unitTables, workbookOf } from './rollups.export.ts';
import { LevelCsvQuery, LevelQuery, MonthQuery, UnitCsvQuery } from './rollups.schema.ts';
import {
  type ColKey,
  kanwilRollup,
  type LevelRollup,
  monthOf,
  ownRollup,
  type RollupDeps,
  unitRollup,
} from './rollups.tables.ts';
import { UnitPage } from './rollups.unit.views.tsx';
import { LevelPage, levelNames, MonthRefused } from './rollups.views.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEFAULT_INDICATOR: ColKey = 'attendanceRate';

const wordsOf = (req: FastifyRequest) => ({ t: req.t, lang: req.lang, zone: userOf(req).zone });
const thisMonth = (req: FastifyRequest) => today(ctxOf(req)).slice(0, 7);

function send(reply: FastifyReply, type: string, name: string, body: Buffer | string) {
  return reply
    .type(type)
    .header('content-disposition', contentDisposition('attachment', name))
    .header('cache-control', 'no-store')
    .send(body);
}

/** A month the roll-ups refuse (still to come) is answered on the page itself: why, and the form. */
async function page(req: FastifyRequest, reply: FastifyReply, action: string, render: () => Promise<string>) {
  try {
    return reply.html(await render());
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 400) throw err;
    const message = err.fields.map((f) => req.t(f.key, f.params)).join(' ') || req.t(err.key, err.params);
    const max = thisMonth(req);
    return reply.html(renderPage(MonthRefused({ ctx: viewCtx(req), action, maxMonth: max, message })), 400);
  }
}

/** The file name of a download: rekap-<place>-<month>[-<table>].<ext>, in plain ASCII. */
const fileName = (place: string, month: string, ext: string, table?: string) =>
  `rekap-${place
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${month}${table ? `-${table}` : ''}.${ext}`;

export function rollupsRoutes(deps: RollupDeps) {
  return async (app: App) => {
    const config = { permission: 'rollups.view' as const };

    const level = (req: FastifyRequest, month: string | undefined, kanwilId?: string) => {
      const ctx = ctxOf(req);
      const m = monthOf(ctx, month, req.lang);
      return kanwilId ? kanwilRollup(ctx, deps, { kanwilId, month: m }) : ownRollup(ctx, deps, { month: m });
    };

    const levelPage = (req: FastifyRequest, d: LevelRollup, base: string, indicator: ColKey | undefined) =>
      renderPage(
        LevelPage({
          ctx: viewCtx(req),
          d,
          base,
          indicator:
            indicator && (d.money || (indicator !== 'premi' && indicator !== 'pnbp'))
              ? indicator
              : DEFAULT_INDICATOR,
          maxMonth: thisMonth(req),
          back: d.level === 'kanwil' && isNational(userOf(req).scope),
        }),
      );

    const levelDownload = async (
      req: FastifyRequest,
      reply: FastifyReply,
      d: LevelRollup,
      ext: 'xlsx' | 'csv',
      q: { indicator?: ColKey | undefined; table?: ExportTable['key'] | undefined },
    ) => {
      const w = wordsOf(req);
      const names = levelNames(w, d);
      const tables = levelTables(w, d, q.indicator ?? DEFAULT_INDICATOR);
      const place = d.kanwil?.name ?? req.t('rollups.nation');
      if (ext === 'csv') {
        const table = tables.find((x) => x.key === (q.table ?? 'main')) ?? tables[0];
        if (!table) throw new Error('a roll-up always has its main table');
        return send(
          reply,
          'text/csv; charset=utf-8',
          fileName(place, d.month, 'csv', table.key),
          csvOf(table),
        );
      }
      const body = await workbookOf(
        w,
        { title: names.title, place, month: d.month, freshness: d.freshness },
        tables,
      );
      return send(reply, XLSX, fileName(place, d.month, 'xlsx'), body);
    };

    app.get('/rollups', { config, schema: { querystring: LevelQuery } }, async (req, reply) => {
      const user = userOf(req);
      // A unit's staff have one unit to look at: theirs.
      if (user.unitId)
        return reply.redirect(`/rollups/units/${user.unitId}${query({ month: req.query.month })}`, 303);
      return page(req, reply, '/rollups', async () =>
        levelPage(req, await level(req, req.query.month), '/rollups', req.query.indicator),
      );
    });
    app.get('/rollups.xlsx', { config, schema: { querystring: LevelQuery } }, async (req, reply) =>
      levelDownload(req, reply, await level(req, req.query.month), 'xlsx', req.query),
    );
    app.get('/rollups.csv', { config, schema: { querystring: LevelCsvQuery } }, async (req, reply) =>
      levelDownload(req, reply, await level(req, req.query.month), 'csv', req.query),
    );

    app.get(
      '/rollups/kanwil/:id',
      { config, schema: { params: IdParams, querystring: LevelQuery } },
      async (req, reply) => {
        const base = `/rollups/kanwil/${req.params.id}`;
        return page(req, reply, base, async () =>
          levelPage(req, await level(req, req.query.month, req.params.id), base, req.query.indicator),
        );
      },
    );
    app.get(
      '/rollups/kanwil/:id.xlsx',
      { config, schema: { params: IdParams, querystring: LevelQuery } },
      async (req, reply) =>
        levelDownload(req, reply, await level(req, req.query.month, req.params.id), 'xlsx', req.query),
    );
    app.get(
      '/rollups/kanwil/:id.csv',
      { config, schema: { params: IdParams, querystring: LevelCsvQuery } },
      async (req, reply) =>
        levelDownload(req, reply, await level(req, req.query.month, req.params.id), 'csv', req.query),
    );

    const unit = (req: FastifyRequest, id: string, month: string | undefined) => {
      const ctx = ctxOf(req);
      return unitRollup(ctx, deps, { unitId: id, month: monthOf(ctx, month, req.lang) });
    };

    app.get(
      '/rollups/units/:id',
      { config, schema: { params: IdParams, querystring: MonthQuery } },
      async (req, reply) =>
        page(req, reply, `/rollups/units/${req.params.id}`, async () => {
          const d = await unit(req, req.params.id, req.query.month);
          const user = userOf(req);
          // The region's page, for those who may open it: the nation, and the unit's own Kanwil.
          const back =
            !user.unitId && (isNational(user.scope) || user.kanwilId === d.unit.kanwil_id)
              ? isNational(user.scope)
                ? `/rollups/kanwil/${d.unit.kanwil_id}`
                : '/rollups'
              : null;
          return renderPage(UnitPage({ ctx: viewCtx(req), d, maxMonth: thisMonth(req), back }));
        }),
    );

    const unitDownload = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      q: { month?: string | undefined; table?: 'programmes' | 'trend' | undefined },
      ext: 'xlsx' | 'csv',
    ) => {
      const d = await unit(req, id, q.month);
      const w = wordsOf(req);
      const tables = unitTables(w, d);
      if (ext === 'csv') {
        const table = tables.find((x) => x.key === (q.table ?? 'programmes')) ?? tables[0];
        if (!table) throw new Error('a unit roll-up always has its programmes table');
        return send(
          reply,
          'text/csv; charset=utf-8',
          fileName(d.unit.name, d.month, 'csv', table.key),
          csvOf(table),
        );
      }
      const title = req.t('rollups.unitTitle', { name: d.unit.name });
      const body = await workbookOf(
        w,
        { title, place: d.unit.name, month: d.month, freshness: d.freshness },
        tables,
      );
      return send(reply, XLSX, fileName(d.unit.name, d.month, 'xlsx'), body);
    };

    app.get(
      '/rollups/units/:id.xlsx',
      { config, schema: { params: IdParams, querystring: MonthQuery } },
      async (req, reply) => unitDownload(req, reply, req.params.id, req.query, 'xlsx'),
    );
    app.get(
      '/rollups/units/:id.csv',
      { config, schema: { params: IdParams, querystring: UnitCsvQuery } },
      async (req, reply) => unitDownload(req, reply, req.params.id, req.query, 'csv'),
    );
  };
}
