// Attendance summary pages and their XLSX exports, all under attendance.view and scoped: a
// programme's or session's report outside the viewer's units (or, for an instructor, outside
// their partner's programmes) is a 404. Also serves Chart.js from node_modules for the chart.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { contentDisposition } from '../../app/downloads.ts';
import { type App, ctxOf, type FastifyReply, type FastifyRequest } from '../../app/http.ts';
import type { Letterhead } from '../../app/pdf.ts';
import { systemCtx, today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import { unit as unitInScope } from '../units/units.policy.ts';
import { headOfUnit } from '../users/users.service.ts';
import { InmateMonthPage, ParticipantPage, SessionSummaryPage } from './attendance-reports.detail.views.tsx';
import { groupMonthPdf, inmateMonthPdf } from './attendance-reports.pdf.ts';
import { GroupQuery, MonthQuery, PageQuery, PeriodQuery } from './attendance-reports.schema.ts';
import * as service from './attendance-reports.service.ts';
import * as sppn from './attendance-reports.sppn.ts';
import { monthLabel, OverviewPage, ProgrammeReportPage } from './attendance-reports.views.tsx';
import { inmateMonthWorkbook, monthsWorkbook, participantsWorkbook } from './attendance-reports.xlsx.ts';

const view = { permission: 'attendance.view' as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The chart library as published (UMD build), read once from the installed package. */
const chartJsPath = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.js',
);
let chartJs: Promise<Buffer> | undefined;

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
}

function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition('attachment', `${name}.xlsx`))
    .header('cache-control', 'no-store')
    .send(body);
}

const thisMonth = (req: FastifyRequest) => today(ctxOf(req)).slice(0, 7);

export async function attendanceReportsRoutes(app: App) {
  // Statements are issued by the viewer's own unit (an inmate may have moved since); access to
  // the records was checked before, so the letterhead is read outside the viewer's scope.
  const letterheadFor = async (unitId: string): Promise<Letterhead> => {
    const unit = await unitInScope(systemCtx(app.db), unitId);
    return {
      kanwilName: unit.kanwil_name,
      unitName: unit.name,
      unitType: unit.type,
      address: unit.address,
      city: unit.city,
      phone: unit.phone,
      email: unit.email,
    };
  };

  app.get('/vendor/chart.umd.js', { config: { permission: 'public' } }, async (_req, reply) => {
    chartJs ??= readFile(chartJsPath);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(await chartJs);
  });

  app.get('/attendance-reports', { config: view, schema: { querystring: PageQuery } }, async (req, reply) => {
    const page = req.query.page ?? 1;
    const r = await service.overview(ctxOf(req), page);
    return reply.html(renderPage(OverviewPage({ ctx: viewCtx(req), ...r, page })));
  });

  app.get(
    '/attendance-reports/programmes/:id',
    { config: view, schema: { params: IdParams, querystring: PeriodQuery } },
    async (req, reply) => {
      const d = await service.programmeReport(ctxOf(req), req.params.id, req.query);
      const { blocks } = await sppn.groupOptions(ctxOf(req), d.programme.id);
      const latest = d.months
        .map((m) => m.month)
        .sort()
        .at(-1);
      return reply.html(
        renderPage(
          ProgrammeReportPage({
            ctx: viewCtx(req),
            programme: d.programme,
            participants: d.participants,
            months: d.months,
            period: d.period,
            threshold: app.config.attendanceAbsenceAlert,
            sppn: { month: latest ?? thisMonth(req), blocks },
          }),
        ),
      );
    },
  );

  app.get(
    '/attendance-reports/programmes/:id/participants.xlsx',
    { config: view, schema: { params: IdParams, querystring: PeriodQuery } },
    async (req, reply) => {
      const d = await service.programmeReport(ctxOf(req), req.params.id, req.query);
      const body = await participantsWorkbook(req.t, d.programme, d.participants);
      return sendXlsx(reply, `kehadiran-peserta-${slug(d.programme.name)}-${d.today}`, body);
    },
  );

  app.get(
    '/attendance-reports/programmes/:id/months.xlsx',
    { config: view, schema: { params: IdParams, querystring: PeriodQuery } },
    async (req, reply) => {
      const d = await service.programmeReport(ctxOf(req), req.params.id, req.query);
      const body = await monthsWorkbook(req.t, d.programme, d.months);
      return sendXlsx(reply, `kehadiran-bulanan-${slug(d.programme.name)}-${d.today}`, body);
    },
  );

  app.get('/sessions/:id/summary', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const d = await service.sessionSummary(ctxOf(req), req.params.id);
    return reply.html(renderPage(SessionSummaryPage({ ctx: viewCtx(req), d })));
  });

  app.get(
    '/attendance-reports/enrolments/:id',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.participantRecord(ctxOf(req), req.params.id);
      return reply.html(renderPage(ParticipantPage({ ctx: viewCtx(req), d, month: thisMonth(req) })));
    },
  );

  app.get(
    '/attendance-reports/inmates/:id',
    { config: view, schema: { params: IdParams, querystring: MonthQuery } },
    async (req, reply) => {
      const month = req.query.month ?? thisMonth(req);
      const d = await service.inmateMonth(ctxOf(req), { inmateId: req.params.id, month });
      await inmateViewed(app.db, req, req.params.id);
      return reply.html(renderPage(InmateMonthPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/attendance-reports/inmates/:id/participation.xlsx',
    { config: view, schema: { params: IdParams, querystring: MonthQuery } },
    async (req, reply) => {
      const month = req.query.month ?? thisMonth(req);
      const d = await service.inmateMonth(ctxOf(req), { inmateId: req.params.id, month });
      await inmateViewed(app.db, req, req.params.id, 'export');
      const body = await inmateMonthWorkbook(req.t, d);
      // The file name carries the registration number, never the name or the NIK.
      return sendXlsx(reply, `partisipasi-${slug(d.inmate.reg_number)}-${month}`, body);
    },
  );

  // A group's SPPN evidence in one PDF. A class of 70 took 1.9 s on the 2-core test machine (5 s
  // with the machine at load 9; attendance-reports.sppn.test.ts prints it), about a third queries
  // and two thirds drawing, so it is served in the request, not queued as a job.
  app.get(
    '/attendance-reports/programmes/:id/sppn.pdf',
    { config: view, schema: { params: IdParams, querystring: GroupQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { month } = req.query;
      const block = req.query.block || undefined;
      const g = await sppn.groupMonth(ctx, { programmeId: req.params.id, month, block });
      await Promise.all(g.statements.map((d) => inmateViewed(app.db, req, d.inmate.id, 'export')));
      const unitId = ctx.who.unitId ?? g.programme.unit_id;
      const [letterhead, head] = await Promise.all([letterheadFor(unitId), headOfUnit(app.db, unitId)]);
      const vctx = viewCtx(req);
      const pdf = await groupMonthPdf(g.statements, {
        t: req.t,
        lang: req.lang,
        today: today(ctx),
        letterhead,
        head,
        monthLabel: monthLabel(month, vctx),
        title: req.t('attReports.sppnGroupFileTitle', { programme: g.programme.name, month }),
      });
      const name = `bukti-sppn-${slug(g.programme.name)}${block ? `-blok-${slug(block)}` : ''}-${month}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/attendance-reports/inmates/:id/participation.pdf',
    { config: view, schema: { params: IdParams, querystring: MonthQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const month = req.query.month ?? thisMonth(req);
      const d = await service.inmateMonth(ctx, { inmateId: req.params.id, month });
      await inmateViewed(app.db, req, req.params.id, 'export');
      // The statement is issued by the viewer's own unit (the inmate may have moved since); the
      // inmate's access was checked above, so the letterhead is read outside the viewer's scope.
      const unitId = ctx.who.unitId ?? d.inmate.unit_id;
      const pdf = await inmateMonthPdf(d, {
        t: req.t,
        lang: req.lang,
        today: today(ctx),
        letterhead: await letterheadFor(unitId),
        head: await headOfUnit(app.db, unitId),
        monthLabel: monthLabel(month, viewCtx(req)),
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          contentDisposition('attachment', `partisipasi-${slug(d.inmate.reg_number)}-${month}.pdf`),
        )
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
