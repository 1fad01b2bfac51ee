// /api/v1 of PNBP deposits, PNBP owed, the offices' premi totals and the monthly reconciliation:
// the same services as the pages.

import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import {
  DepositBody,
  DepositCreatedOut,
  DepositOut,
  MonthQuery,
  OwedOut,
  ReconciliationOut,
  TotalsOut,
  UnitQuery,
} from './pnbp.schema.ts';
import * as service from './pnbp.service.ts';

const tags = ['pnbp'];

export async function pnbpApi(app: App) {
  app.get(
    '/api/v1/pnbp/deposits',
    {
      config: { permission: 'premi.view' },
      schema: {
        tags,
        summary: "A unit's PNBP deposits, newest first",
        querystring: UnitQuery,
        response: { 200: Type.Object({ items: Type.Array(DepositOut), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const d = await service.pnbpOfUnit(ctxOf(req), req.query.unit_id);
      return { items: d.deposits, total: d.deposits.length };
    },
  );

  app.post(
    '/api/v1/pnbp/deposits',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary:
          'Record a PNBP deposit and post it (400 per field for a malformed billing code or NTPN; 409 pnbp.above_owed, pnbp.ntpn_taken)',
        body: DepositBody,
        response: { 201: DepositCreatedOut },
      },
    },
    async (req, reply) => {
      const r = await service.recordDeposit(ctxOf(req), req.body);
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/api/v1/pnbp/owed',
    {
      config: { permission: 'premi.totals' },
      schema: {
        tags,
        summary: 'PNBP owed by posted premi runs, deposited and still owed, per unit in scope',
        querystring: UnitQuery,
        response: { 200: OwedOut },
      },
    },
    async (req) => service.pnbpOwed(ctxOf(req), { unitId: req.query.unit_id }),
  );

  app.get(
    '/api/v1/premi-totals',
    {
      config: { permission: 'premi.totals' },
      schema: {
        tags,
        summary: 'Premi, PNBP and capital per unit in scope for a month: counts and sums, no names',
        querystring: MonthQuery,
        response: { 200: TotalsOut },
      },
    },
    async (req) => service.premiTotals(ctxOf(req), { month: req.query.month, unitId: req.query.unit_id }),
  );

  app.get(
    '/api/v1/reconciliation',
    {
      config: { permission: 'premi.view' },
      schema: {
        tags,
        summary:
          "A unit's monthly reconciliation: revenue against its distribution, and the journal against the source records",
        querystring: MonthQuery,
        response: { 200: ReconciliationOut },
      },
    },
    async (req) => {
      const r = await service.reconciliation(ctxOf(req), req.query.unit_id, req.query.month);
      return {
        unit_id: r.unit.id,
        month: r.month,
        revenue_offtake: r.revenueOfftake,
        revenue_sales: r.revenueSales,
        revenue: r.revenue,
        premi: r.premi,
        pnbp: r.pnbp,
        capital: r.capital,
        material_cost: r.materialCost,
        distributed: r.distributed,
        difference: r.difference,
        balanced: r.balanced,
        posted_runs: r.postedRuns,
        offtake: r.offtake,
        sales: r.sales,
      };
    },
  );
}
