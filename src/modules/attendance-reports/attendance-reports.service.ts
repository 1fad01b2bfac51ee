// Attendance summaries (issue #5, item 6): per session, per participant (rate, counts, the current
// run of absences that alerts staff), per programme per month, and an inmate's month as SPPN evidence.
// Read-only: the repo counts in SQL (by the rules of attendance.rules.ts, whose status lists it
// uses); the rate is the rules' own function of those counts.
import { conflict, fieldError, notFound as notFoundOf } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, reportDb, today } from '../../app/principal.ts';
import type { MarkStatus } from '../../db/schema.ts';
import {
  attendanceRate,
  attendanceRateOfCounts,
  isPresent,
  MARK_STATUSES,
  type RateSummary,
  sessionHours,
} from '../attendance/attendance.rules.ts';
import { categoryOf } from '../inmates/inmates.rules.ts';
import { productionOfParticipants } from '../production-reports/production-reports.service.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import * as repo from './attendance-reports.repo.ts';

export type Counts = Record<MarkStatus, number>;

const notFound = () => notFoundOf('attendance_reports');

export function emptyCounts(): Counts {
  return Object.fromEntries(MARK_STATUSES.map((s) => [s, 0])) as Counts;
}

/** The rate of a set of marks known only by their counts, by the same rule as for a list. */
export function rateFromCounts(counts: Counts): RateSummary {
  return attendanceRateOfCounts(counts);
}

export interface ParticipantSummary {
  enrolment_id: string;
  name: string;
  kind: repo.ParticipantRow['kind'];
  inmate_id: string | null;
  reg_number: string | null;
  enrolment_status: repo.ParticipantRow['enrolment_status'];
  started_on: string;
  ended_on: string | null;
  counts: Counts;
  rate: RateSummary;
  currentRun: number;
  longestRun: number;
  hours: number;
  lastDay: string | null;
}

function summaryOf(r: repo.ParticipantRow): ParticipantSummary {
  return {
    enrolment_id: r.enrolment_id,
    name: r.name,
    kind: r.kind,
    inmate_id: r.inmate_id,
    reg_number: r.reg_number,
    enrolment_status: r.enrolment_status,
    started_on: r.started_on,
    ended_on: r.ended_on,
    counts: r.counts,
    rate: rateFromCounts(r.counts),
    currentRun: r.current_run,
    longestRun: r.longest_run,
    hours: r.hours,
    lastDay: r.last_day,
  };
}

export interface MonthSummary extends repo.MonthRow {
  rate: RateSummary;
}

/** The longest period a programme's report covers: a year and the month it started in. */
export const MAX_PERIOD_MONTHS = 13;

const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * The months a programme's report covers ('YYYY-MM', both included): by default the last
 * MAX_PERIOD_MONTHS up to this month. A longer period, or one ending before it starts, is refused
 * (400, a message on the field), so no request reads more than a bounded part of the marks.
 */
export function reportPeriod(
  input: { from?: string | undefined; to?: string | undefined },
  thisMonth: string,
): { fromMonth: string; toMonth: string } {
  const toMonth = input.to ?? thisMonth;
  const fromMonth = input.from ?? monthOfIndex(monthIndex(toMonth) - (MAX_PERIOD_MONTHS - 1));
  const span = monthIndex(toMonth) - monthIndex(fromMonth) + 1;
  if (span < 1) throw fieldError('to', 'attReports.periodOrder');
  if (span > MAX_PERIOD_MONTHS)
    throw fieldError(input.from ? 'from' : 'to', 'attReports.periodTooLong', { n: MAX_PERIOD_MONTHS });
  return { fromMonth, toMonth };
}

/**
 * A programme's report over a period of months (reportPeriod): each participant's summary and
 * the month-by-month figures, up to today (in the unit's zone). Read where reports are read
 * (reportDb: the replica when there is one).
 */
export async function programmeReport(
  ctx: Ctx,
  programmeId: string,
  input: { from?: string | undefined; to?: string | undefined } = {},
) {
  const programme = await programmePolicy(ctx, programmeId);
  const day = today(ctx, programme.timezone);
  const { fromMonth, toMonth } = reportPeriod(input, day.slice(0, 7));
  // Sessions after today are not held yet: the period ends today at the latest.
  const last = monthBounds(toMonth).to;
  // biome-ignore lint/complexity/useMathMinMax: 'YYYY-MM-DD' strings, which compare as dates
  const period = { from: monthBounds(fromMonth).from, to: last < day ? last : day };
  const db = reportDb(ctx);
  const [rows, months] = await Promise.all([
    repo.participantSummaries(db, programmeId, period),
    repo.monthSummary(db, programmeId, period),
  ]);
  return {
    programme,
    today: day,
    period: { from: fromMonth, to: toMonth },
    participants: rows.map(summaryOf),
    months: months.map((m): MonthSummary => ({ ...m, rate: rateFromCounts(m.counts) })),
  };
}

/** Every day of a participant's record: from long before any programme to far after today. */
const WHOLE_RECORD: repo.Period = { from: '1900-01-01', to: '9999-12-31' };

/**
 * One participant's record in one programme: their summary and every marked session. Read from
 * the primary: staff open it right after a roll call.
 */
export async function participantRecord(ctx: Pick<Ctx, 'db' | 'who'>, enrolmentId: string) {
  const programmeId = await repo.programmeOfEnrolment(ctx.db, ctx.who.scope, enrolmentId);
  if (!programmeId) throw notFound();
  const programme = await programmePolicy(ctx, programmeId);
  const [rows, marks] = await Promise.all([
    repo.participantSummaries(ctx.db, programmeId, WHOLE_RECORD, enrolmentId),
    repo.marksOf(ctx.db, programmeId, enrolmentId),
  ]);
  const [row] = rows;
  if (!row) throw notFound();
  return { programme, summary: { ...summaryOf(row), marks } };
}

/** A session: counts by status, the rate, who has no mark yet, and who was absent. */
export async function sessionSummary(ctx: Pick<Ctx, 'db' | 'who'>, sessionId: string) {
  const session = await repo.findSession(ctx.db, ctx.who.scope, sessionId);
  if (!session) throw notFound();
  const roster = session.status === 'cancelled' ? [] : await repo.sessionRoster(ctx.db, session);
  const counts = emptyCounts();
  for (const r of roster) if (r.status) counts[r.status]++;
  return {
    session,
    roster,
    counts,
    unmarked: roster.filter((r) => !r.status).length,
    rate: rateFromCounts(counts),
    absent: roster.filter((r) => r.status && !isPresent(r.status) && r.status !== 'dispensasi'),
  };
}

export interface AbsenceAlert {
  enrolment_id: string;
  name: string;
  kind: repo.AbsenceRunRow['kind'];
  inmate_id: string | null;
  programme_id: string;
  programme_name: string;
  run: number;
  lastDay: string;
}

/** Active participants of the unit whose current run of absences has reached `threshold`. */
export async function absenceAlerts(
  ctx: Ctx,
  input: { unitId: string; threshold: number },
): Promise<AbsenceAlert[]> {
  const rows = await repo.absenceRuns(reportDb(ctx), ctx.who.scope, input.unitId, input.threshold);
  return rows
    .map(({ last_day, ...r }): AbsenceAlert => ({ ...r, lastDay: last_day }))
    .sort((a, b) => b.run - a.run || a.name.localeCompare(b.name));
}

/** 'YYYY-MM' to its first and last day. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export interface ProgrammeMonthTotal {
  programme_id: string;
  programme_name: string;
  partner_name: string | null;
  sessions: number;
  cancelled: number;
  counts: Counts;
  unmarked: number;
  rate: RateSummary;
  hours: number;
}

/** An inmate's participation in one month across programmes: each session and totals per programme. */
export async function inmateMonth(ctx: Ctx, input: { inmateId: string; month: string }) {
  const { inmateId, month } = input;
  const inmate = await repo.findInmate(ctx.db, ctx.who.scope, inmateId);
  if (!inmate) throw notFound();
  const { from, to } = monthBounds(month);
  const rows = await repo.participation(reportDb(ctx), ctx.who.scope, inmateId, from, to);
  const totals = new Map<string, ProgrammeMonthTotal & { marks: MarkStatus[] }>();
  for (const r of rows) {
    let t = totals.get(r.programme_id);
    if (!t) {
      t = {
        programme_id: r.programme_id,
        programme_name: r.programme_name,
        partner_name: r.partner_name,
        sessions: 0,
        cancelled: 0,
        counts: emptyCounts(),
        unmarked: 0,
        rate: attendanceRate([]),
        hours: 0,
        marks: [],
      };
      totals.set(r.programme_id, t);
    }
    if (r.session_status === 'cancelled') {
      t.cancelled++;
      continue;
    }
    t.sessions++;
    if (!r.mark) {
      t.unmarked++;
      continue;
    }
    t.counts[r.mark]++;
    t.marks.push(r.mark);
    if (isPresent(r.mark)) t.hours += sessionHours(r.starts_at, r.ends_at);
  }
  const programmes = [...totals.values()].map(({ marks, ...t }) => ({
    ...t,
    rate: attendanceRate(marks),
    hours: Math.round(t.hours * 100) / 100,
  }));
  // SPPN scores narapidana: a detainee's month is shown, but it is no SPPN evidence.
  const sppn = categoryOf(inmate.register_class) === 'narapidana';
  // The kemandirian aspect weighs production too: items made, passed and rejected per programme,
  // for those who may see a person's production (production.view).
  const production = can(ctx.who, 'production.view') ? await productionOfInmate(ctx, inmateId, month) : null;
  return { inmate, month, from, to, rows, programmes, sppn, production };
}

export interface InmateProduction {
  programme_id: string;
  programme_name: string;
  finished: number;
  passed: number;
  rejected: number;
}

/** An inmate's production in a month per programme (one line even if they were enrolled twice). */
async function productionOfInmate(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string, month: string) {
  const by = new Map<string, InmateProduction>();
  for (const p of await productionOfParticipants(ctx, { month, inmateId })) {
    const t = by.get(p.programme_id) ?? {
      programme_id: p.programme_id,
      programme_name: p.programme_name,
      finished: 0,
      passed: 0,
      rejected: 0,
    };
    t.finished += p.finished;
    t.passed += p.passed;
    t.rejected += p.rejected;
    by.set(p.programme_id, t);
  }
  return [...by.values()];
}

/** The SPPN kemandirian evidence (XLSX, PDF) exists for narapidana only; a detainee's is refused. */
export function assertSppnEvidence(d: { sppn: boolean }): void {
  if (!d.sppn) throw conflict('attendance_reports.sppn_narapidana_only', 'attReports.sppnNarapidanaOnly');
}

export interface OverviewRow extends repo.ProgrammeOverviewRow {
  rate: RateSummary;
}

/** A page of the programmes in scope with their overall rate (held up to today where they work). */
export async function overview(ctx: Ctx, page = 1) {
  const r = await repo.programmesOverview(reportDb(ctx), ctx.who.scope, today(ctx), page);
  return { ...r, rows: r.rows.map((row): OverviewRow => ({ ...row, rate: rateFromCounts(row.counts) })) };
}
