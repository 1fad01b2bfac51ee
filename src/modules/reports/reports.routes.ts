// Pages of the monthly reports: the list (/reports: the unit's months, or the Kanwil's inbox), one
// report (/reports/:id) with its narrative, signature, review and revision forms, and its PDF and
// XLSX. The /api/v1 twins are in reports.api.ts.
import { askFirst } from '../../app/confirm.tsx';
import { contentDisposition } from '../../app/downloads.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { reportPdf } from './reports.pdf.ts';
import { reportsMay, seesDrafts } from './reports.policy.ts';
import { monthOf } from './reports.rules.ts';
import { DraftBody, ListQuery, NarrativeBody, ReviewBody, ReviseBody, SubmitBody } from './reports.schema.ts';
import * as service from './reports.service.ts';
import { InboxPage, type ReportForms, ReportPage, submitAsk, UnitReportsPage } from './reports.views.tsx';
import { reportXlsx } from './reports.xlsx.ts';

const view = { permission: 'reports.view' as const };

/** "laporan-bulanan-rutan-kelas-iib-magetan-2026-11-v2" */
export function fileName(d: { unit_name: string; month: string; version: number }, ext: string): string {
  const unit = d.unit_name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return `laporan-bulanan-${unit}-${monthOf(d.month)}-v${d.version}.${ext}`;
}

export async function reportsRoutes(app: App) {
  const listPage = async (req: FastifyRequest, draft: FormState = emptyForm()) => {
    const ctx = ctxOf(req);
    const v = viewCtx(req);
    if (seesDrafts(ctx.who))
      return renderPage(
        UnitReportsPage({ ctx: v, may: reportsMay(ctx.who), units: await service.unitMonths12(ctx), draft }),
      );
    const q = req.query as { month?: string; status?: service.ReportRow['status'] };
    const { rows, counts } = await service.listReports(ctx, { month: q.month, status: q.status });
    return renderPage(InboxPage({ ctx: v, query: q, counts, rows }));
  };

  app.get('/reports', { config: view, schema: { querystring: ListQuery } }, async (req, reply) =>
    reply.html(await listPage(req)),
  );

  app.post(
    '/reports',
    { config: { permission: 'reports.draft' }, schema: { body: DraftBody }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => listPage(req, form),
        action: async () => {
          id = (
            await service.draftReport(ctxOf(req), {
              unitId: req.body.unit_id,
              month: req.body.month,
              narrative: req.body.narrative,
            })
          ).id;
        },
        flash: 'reports.drafted',
        redirect: () => `/reports/${id}`,
      });
    },
  );

  const reportPage = async (req: FastifyRequest, id: string, forms: Partial<ReportForms>) => {
    const ctx = ctxOf(req);
    const d = await service.getReport(ctx, id);
    return renderPage(
      ReportPage({
        ctx: viewCtx(req),
        d,
        may: reportsMay(ctx.who),
        today: today(ctx, d.report.timezone),
        forms: {
          narrative: forms.narrative ?? emptyForm({ narrative: d.report.narrative }),
          submit: forms.submit ?? emptyForm(),
          review: forms.review ?? emptyForm(),
          revise: forms.revise ?? emptyForm(),
        },
      }),
    );
  };

  app.get('/reports/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await reportPage(req, req.params.id, {})),
  );

  app.post(
    '/reports/:id/narrative',
    {
      config: { permission: 'reports.draft' },
      schema: { params: IdParams, body: NarrativeBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => reportPage(req, req.params.id, { narrative: form }),
        action: () =>
          service.setNarrative(ctxOf(req), { id: req.params.id, narrative: req.body.narrative ?? '' }),
        flash: 'reports.narrativeSaved',
        redirect: () => `/reports/${req.params.id}`,
      }),
  );

  app.post(
    '/reports/:id/submit',
    {
      config: { permission: 'reports.submit' },
      schema: { params: IdParams, body: SubmitBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!req.validationError) {
        const asking = await askFirst(req, reply, {
          back: `/reports/${req.params.id}`,
          ask: async (v) => {
            const d = await service.getReport(ctx, req.params.id);
            return submitAsk(v, d.report.unit_name, monthOf(d.report.month));
          },
        });
        if (asking) return reply;
      }
      return submitForm(req, reply, {
        render: (form) => reportPage(req, req.params.id, { submit: form }),
        action: () =>
          service.submitReport(ctx, { id: req.params.id, signedOn: req.body?.signed_on || undefined }),
        flash: 'reports.submitted',
        redirect: () => `/reports/${req.params.id}`,
      });
    },
  );

  app.post(
    '/reports/:id/acknowledge',
    {
      config: { permission: 'reports.review' },
      schema: { params: IdParams, body: ReviewBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => reportPage(req, req.params.id, { review: form }),
        action: () => service.acknowledgeReport(ctxOf(req), { id: req.params.id, note: req.body.note }),
        flash: 'reports.acknowledged',
        redirect: () => `/reports/${req.params.id}`,
      }),
  );

  app.post(
    '/reports/:id/return',
    {
      config: { permission: 'reports.review' },
      schema: { params: IdParams, body: ReviewBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => reportPage(req, req.params.id, { review: form }),
        action: () => service.returnReport(ctxOf(req), { id: req.params.id, note: req.body.note ?? '' }),
        flash: 'reports.returned',
        redirect: () => `/reports/${req.params.id}`,
      }),
  );

  app.post(
    '/reports/:id/revise',
    {
      config: { permission: 'reports.draft' },
      schema: { params: IdParams, body: ReviseBody },
      attachValidation: true,
    },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => reportPage(req, req.params.id, { revise: form }),
        action: async () => {
          id = (await service.reviseReport(ctxOf(req), { id: req.params.id, reason: req.body.reason })).id;
        },
        flash: 'reports.revised',
        redirect: () => `/reports/${id}`,
      });
    },
  );

  app.get('/reports/:id/report.pdf', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.reportDocument(ctx, req.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', fileName(d.report, 'pdf')))
      .header('cache-control', 'private, no-store')
      .send(await reportPdf(d, { t: req.t, lang: req.lang, premi: reportsMay(ctx.who).premi }));
  });

  app.get('/reports/:id/report.xlsx', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.reportDocument(ctx, req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('attachment', fileName(d.report, 'xlsx')))
      .header('cache-control', 'private, no-store')
      .send(await reportXlsx(d, { t: req.t, lang: req.lang, premi: reportsMay(ctx.who).premi }));
  });
}
