// Production report pages and their XLSX exports. Per programme: production.totals (counts and
// sums, no names, so regional and national offices read it); per participant: production.view;
// stock: stock.view; sales book and receivables: sales.view. Everything is scoped by the repo.
import { contentDisposition } from '../../app/downloads.ts';
import { type App, ctxOf, type FastifyReply, type FastifyRequest, userOf } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { unitOptions } from '../units/units.service.ts';
import { ReceivablesPage, SalesBookPage, StockPage } from './production-reports.books.views.tsx';
import { MonthQuery, ParticipantsQuery, UnitQuery } from './production-reports.schema.ts';
import * as service from './production-reports.service.ts';
import { ParticipantsPage, ProgrammesPage } from './production-reports.views.tsx';
import {
  participantsWorkbook,
  programmesWorkbook,
  receivablesWorkbook,
  salesBookWorkbook,
  stockWorkbook,
} from './production-reports.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition('attachment', `${name}.xlsx`))
    .header('cache-control', 'no-store')
    .send(body);
}

/** Viewers of several units (a regional office) choose one or see them all; a unit's staff do not. */
async function unitChoices(req: FastifyRequest) {
  return userOf(req).unitId ? null : unitOptions(ctxOf(req));
}

export async function productionReportsRoutes(app: App) {
  const totals = { permission: 'production.totals' as const };
  const names = { permission: 'production.view' as const };
  const stock = { permission: 'stock.view' as const };
  const sales = { permission: 'sales.view' as const };

  app.get(
    '/production-reports',
    { config: totals, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const d = await service.programmesReport(ctxOf(req), {
        month: req.query.month,
        unitId: req.query.unit_id,
      });
      return reply.html(renderPage(ProgrammesPage({ ctx: viewCtx(req), d, units: await unitChoices(req) })));
    },
  );

  app.get(
    '/production-reports/programmes.xlsx',
    { config: totals, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const d = await service.programmesReport(ctxOf(req), {
        month: req.query.month,
        unitId: req.query.unit_id,
      });
      return sendXlsx(reply, `produksi-per-program-${d.month}`, await programmesWorkbook(req.t, req.lang, d));
    },
  );

  const participants = (
    req: FastifyRequest,
    q: { month?: string; unit_id?: string; programme_id?: string },
  ) =>
    service.participantsReport(ctxOf(req), {
      month: q.month,
      unitId: q.unit_id,
      programmeId: q.programme_id,
    });

  app.get(
    '/production-reports/participants',
    { config: names, schema: { querystring: ParticipantsQuery } },
    async (req, reply) => {
      const d = await participants(req, req.query);
      return reply.html(renderPage(ParticipantsPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/production-reports/participants.xlsx',
    { config: names, schema: { querystring: ParticipantsQuery } },
    async (req, reply) => {
      const d = await participants(req, req.query);
      return sendXlsx(
        reply,
        `produksi-per-peserta-${d.month}`,
        await participantsWorkbook(req.t, req.lang, d),
      );
    },
  );

  app.get(
    '/production-reports/stock',
    { config: stock, schema: { querystring: UnitQuery } },
    async (req, reply) => {
      const d = await service.stockReport(ctxOf(req), { unitId: req.query.unit_id });
      return reply.html(renderPage(StockPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/production-reports/stock.xlsx',
    { config: stock, schema: { querystring: UnitQuery } },
    async (req, reply) => {
      const d = await service.stockReport(ctxOf(req), { unitId: req.query.unit_id });
      return sendXlsx(reply, `stok-${d.day}`, await stockWorkbook(req.t, d));
    },
  );

  app.get(
    '/production-reports/sales-book',
    { config: sales, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const d = await service.salesBook(ctxOf(req), { month: req.query.month, unitId: req.query.unit_id });
      return reply.html(renderPage(SalesBookPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/production-reports/sales-book.xlsx',
    { config: sales, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const d = await service.salesBook(ctxOf(req), { month: req.query.month, unitId: req.query.unit_id });
      return sendXlsx(reply, `buku-penjualan-${d.month}`, await salesBookWorkbook(req.t, req.lang, d));
    },
  );

  app.get(
    '/production-reports/receivables',
    { config: sales, schema: { querystring: UnitQuery } },
    async (req, reply) => {
      const d = await service.receivables(ctxOf(req), { unitId: req.query.unit_id });
      return reply.html(renderPage(ReceivablesPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/production-reports/receivables.xlsx',
    { config: sales, schema: { querystring: UnitQuery } },
    async (req, reply) => {
      const d = await service.receivables(ctxOf(req), { unitId: req.query.unit_id });
      return sendXlsx(reply, `piutang-mitra-${d.day}`, await receivablesWorkbook(req.t, d));
    },
  );
}
