// /api/v1 production reports: the same figures as the pages, for other systems and scripts. The
// per-programme report is totals only (regional and national offices read it); the participants
// report names people and asks production.view.
import { type App, ctxOf } from '../../app/http.ts';
import {
  MonthQuery,
  ParticipantsOut,
  ParticipantsQuery,
  ProgrammesOut,
  ReceivablesOut,
  SalesBookOut,
  StockOut,
  UnitQuery,
} from './production-reports.schema.ts';
import * as service from './production-reports.service.ts';

const tags = ['production'];
const base = '/api/v1/production-reports';

export async function productionReportsApi(app: App) {
  app.get(
    `${base}/programmes`,
    {
      config: { permission: 'production.totals' },
      schema: {
        tags,
        summary: 'Production per programme in a month, with the twelve months ending with it (no names)',
        querystring: MonthQuery,
        response: { 200: ProgrammesOut },
      },
    },
    async (req) => {
      const d = await service.programmesReport(ctxOf(req), {
        month: req.query.month,
        unitId: req.query.unit_id,
      });
      const { pass_rate, ...totals } = d.totals;
      return {
        month: d.month,
        unit_id: d.place.unit?.id ?? null,
        totals: { ...totals, pass_rate },
        programmes: d.programmes.map((p) => ({
          programme_id: p.programme_id,
          programme_name: p.programme_name,
          unit_id: p.unit_id,
          unit_name: p.unit_name,
          ...p.month,
          history: p.history,
        })),
      };
    },
  );

  app.get(
    `${base}/participants`,
    {
      config: { permission: 'production.view' },
      schema: {
        tags,
        summary:
          'Production per participant in a month: items finished, passed, rejected, value at piece rate',
        querystring: ParticipantsQuery,
        response: { 200: ParticipantsOut },
      },
    },
    async (req) => {
      const d = await service.participantsReport(ctxOf(req), {
        month: req.query.month,
        unitId: req.query.unit_id,
        programmeId: req.query.programme_id,
      });
      return { month: d.month, unit_id: d.place.unit?.id ?? null, totals: d.totals, participants: d.rows };
    },
  );

  app.get(
    `${base}/stock`,
    {
      config: { permission: 'stock.view' },
      schema: {
        tags,
        summary: 'Stock of products (awaiting check, at check, on hand, reserved, sold) and of materials',
        querystring: UnitQuery,
        response: { 200: StockOut },
      },
    },
    async (req) => {
      const d = await service.stockReport(ctxOf(req), { unitId: req.query.unit_id });
      return {
        day: d.day,
        products: d.products,
        materials: d.materials,
        materials_value: d.materialsValue,
        low_count: d.lowCount,
      };
    },
  );

  app.get(
    `${base}/sales-book`,
    {
      config: { permission: 'sales.view' },
      schema: {
        tags,
        summary: 'The sales book of a month: every sale and reversal, with totals by channel and method',
        querystring: MonthQuery,
        response: { 200: SalesBookOut },
      },
    },
    async (req) => {
      const d = await service.salesBook(ctxOf(req), { month: req.query.month, unitId: req.query.unit_id });
      return {
        month: d.month,
        sales: d.sales,
        by_channel: d.byChannel.map((c) => ({ channel: c.key, count: c.count, total: c.total })),
        by_method: d.byMethod.map((m) => ({ payment_method: m.key, count: m.count, total: m.total })),
        total: d.total,
      };
    },
  );

  app.get(
    `${base}/receivables`,
    {
      config: { permission: 'sales.view' },
      schema: {
        tags,
        summary: 'Open offtake invoices by partner: total, paid, owed and age in days',
        querystring: UnitQuery,
        response: { 200: ReceivablesOut },
      },
    },
    async (req) => {
      const d = await service.receivables(ctxOf(req), { unitId: req.query.unit_id });
      return {
        day: d.day,
        partners: d.partners.map((p) => ({
          ...p,
          invoices: p.invoices.map(({ partner_id: _p, partner_name: _n, timezone: _z, ...i }) => i),
        })),
        total: d.total,
        paid: d.paid,
        owed: d.owed,
      };
    },
  );
}
