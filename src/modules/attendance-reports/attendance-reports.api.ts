// /api/v1 attendance summaries: the same figures as the pages, for other systems and scripts.
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { PeriodQuery, ProgrammeSummaryOut, SessionSummaryOut } from './attendance-reports.schema.ts';
import * as service from './attendance-reports.service.ts';

const view = { permission: 'attendance.view' as const };
const tags = ['attendance'];

export async function attendanceReportsApi(app: App) {
  app.get(
    '/api/v1/programmes/:id/attendance-summary',
    {
      config: view,
      schema: {
        tags,
        summary: 'A programme’s attendance by month and by participant (rate, counts, run of absences)',
        description:
          'Over a period of at most 13 months (the last 13 when `from` and `to` are absent); a longer one is refused with 400.',
        params: IdParams,
        querystring: PeriodQuery,
        response: { 200: ProgrammeSummaryOut },
      },
    },
    async (req) => {
      const d = await service.programmeReport(ctxOf(req), req.params.id, req.query);
      return {
        programme_id: d.programme.id,
        from: d.period.from,
        to: d.period.to,
        months: d.months,
        participants: d.participants.map((p) => ({
          enrolment_id: p.enrolment_id,
          name: p.name,
          kind: p.kind,
          enrolment_status: p.enrolment_status,
          counts: p.counts,
          rate: p.rate,
          current_absence_run: p.currentRun,
          longest_absence_run: p.longestRun,
          hours: p.hours,
          last_session_day: p.lastDay,
        })),
      };
    },
  );

  app.get(
    '/api/v1/sessions/:id/summary',
    {
      config: view,
      schema: {
        tags,
        summary: 'A session’s marks by status, its rate, and who was absent',
        params: IdParams,
        response: { 200: SessionSummaryOut },
      },
    },
    async (req) => {
      const d = await service.sessionSummary(ctxOf(req), req.params.id);
      return {
        session_id: d.session.id,
        programme_id: d.session.programme_id,
        day: d.session.day,
        status: d.session.status,
        roster: d.roster.length,
        unmarked: d.unmarked,
        counts: d.counts,
        rate: d.rate,
        absent: d.absent.map((r) => ({
          enrolment_id: r.enrolment_id,
          name: r.name,
          status: r.status ?? '',
          note: r.note,
        })),
      };
    },
  );
}
