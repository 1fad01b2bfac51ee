// Pages of PNBP (with the deposit form and the PNBP report XLSX), the capital account, the monthly
// reconciliation, the journal export for audit (premi.view: the unit's staff) and the offices'
// totals per unit (premi.totals).
import { contentDisposition } from '../../app/downloads.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { CapitalPage, PremiTotalsPage, ReconciliationPage } from './pnbp.books.views.tsx';
import { pnbpMay } from './pnbp.policy.ts';
import { parseRupiah } from './pnbp.rules.ts';
import { DepositForm, MonthQuery, RangeQuery, UnitQuery } from './pnbp.schema.ts';
import * as service from './pnbp.service.ts';
import { PnbpPage } from './pnbp.views.tsx';
import { ledgerWorkbook, pnbpWorkbook } from './pnbp.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const view = { permission: 'premi.view' as const };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The unit a refused form names, when it is an id at all (the schema refused it otherwise): the page is re-rendered for it. */
const unitOfForm = (body: unknown): string | undefined => {
  const v = (body as { unit_id?: unknown } | undefined)?.unit_id;
  return typeof v === 'string' && UUID.test(v) ? v : undefined;
};

function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition('attachment', `${name}.xlsx`))
    .header('cache-control', 'no-store')
    .send(body);
}

export async function pnbpRoutes(app: App) {
  const pnbpPage = async (req: FastifyRequest, unitId: string | undefined, form?: FormState) => {
    const ctx = ctxOf(req);
    const d = await service.pnbpOfUnit(ctx, unitId);
    return renderPage(
      PnbpPage({
        ctx: viewCtx(req),
        d,
        may: pnbpMay(ctx.who),
        form: form ?? emptyForm({ deposited_on: d.today }),
      }),
    );
  };

  app.get('/pnbp', { config: view, schema: { querystring: UnitQuery } }, async (req, reply) =>
    reply.html(await pnbpPage(req, req.query.unit_id)),
  );

  app.post(
    '/pnbp/deposits',
    { config: { permission: 'premi.prepare' }, schema: { body: DepositForm }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => pnbpPage(req, unitOfForm(req.body), form),
        action: () =>
          service.recordDeposit(ctxOf(req), {
            ...req.body,
            amount: parseRupiah(req.body.amount),
          }),
        flash: 'pnbp.saved',
        redirect: () => (req.body.unit_id ? `/pnbp?unit_id=${req.body.unit_id}` : '/pnbp'),
      }),
  );

  app.get('/pnbp/report.xlsx', { config: view, schema: { querystring: UnitQuery } }, async (req, reply) => {
    const d = await service.pnbpOfUnit(ctxOf(req), req.query.unit_id);
    return sendXlsx(reply, `laporan-pnbp-${d.today}`, await pnbpWorkbook(req.t, req.lang, d));
  });

  app.get('/capital', { config: view, schema: { querystring: UnitQuery } }, async (req, reply) => {
    const d = await service.capitalAccount(ctxOf(req), req.query.unit_id);
    return reply.html(renderPage(CapitalPage({ ctx: viewCtx(req), d })));
  });

  app.get('/reconciliation', { config: view, schema: { querystring: MonthQuery } }, async (req, reply) => {
    const d = await service.reconciliation(ctxOf(req), req.query.unit_id, req.query.month);
    return reply.html(renderPage(ReconciliationPage({ ctx: viewCtx(req), d })));
  });

  app.get('/ledger/export', { config: view, schema: { querystring: RangeQuery } }, async (req, reply) => {
    const d = await service.ledgerExport(ctxOf(req), {
      unitId: req.query.unit_id,
      from: req.query.from,
      to: req.query.to,
    });
    return sendXlsx(reply, `jurnal-${d.from}-${d.to}`, await ledgerWorkbook(req.t, d));
  });

  app.get(
    '/premi-totals',
    { config: { permission: 'premi.totals' }, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const d = await service.premiTotals(ctxOf(req), { month: req.query.month, unitId: req.query.unit_id });
      return reply.html(renderPage(PremiTotalsPage({ ctx: viewCtx(req), d })));
    },
  );
}
