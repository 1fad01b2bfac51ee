// What each role's dashboard reads: the sessions of the day and those still missing their roll
// call or journal (petugas, instruktur mitra), the unit's figures for the month with a short
// history for small charts (kepala UPT, and offices looking at one unit), every unit's figures in
// the region or the nation (kanwil, pusat: counts and sums, never a person), and the photos and
// events worth a news item (humas).
import { can } from '../../app/policy.ts';
import { type Ctx, reportDb, today } from '../../app/principal.ts';
import type { RateSummary } from '../attendance/attendance.rules.ts';
import { countPastExpiryByUnit } from '../inmates/inmates.service.ts';
import { gallery } from '../journal/journal.service.ts';
import { eventsOfUnit } from '../news/news.service.ts';
import { premiTotals } from '../pnbp/pnbp.service.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import { type SessionStatus, sessionsWithStatus } from '../programmes/sessions.status.ts';
import type { Freshness, UnitMonth } from '../rollups/rollups.figures.ts';
import {
  attendanceRateOf,
  emptyFigures,
  freshness,
  passRateOf,
  sumFigures,
  unitMonths,
} from '../rollups/rollups.service.ts';
import { listUnits } from '../units/units.service.ts';
import * as repo from './dashboard.repo.ts';

/** The aggregates (and the office pages' counts) are read from the read replica when there is one. */
type ReadCtx = Pick<Ctx, 'db' | 'who' | 'now' | 'replica'>;

/** 'YYYY-MM' moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export interface MonthFigures {
  month: string;
  held: number;
  cancelled: number;
  attendance: RateSummary;
  certificates: number;
  value: number;
  passRate: number | null;
}

/** The dashboard's figures of a month, read from the maintained aggregates (issue 14). */
function figuresOf(month: string, r: Parameters<typeof attendanceRateOf>[0] | undefined): MonthFigures {
  const f = r ?? emptyFigures(month);
  return {
    month,
    held: f.sessionsHeld,
    cancelled: f.sessionsCancelled,
    attendance: attendanceRateOf(f),
    certificates: f.certificates,
    value: f.offtakeValue,
    passRate: passRateOf(f),
  };
}

export interface UnitFigures extends MonthFigures {
  participants: number;
  /** Premi of the month's runs, for readers of premi totals; null for others. */
  premi: number | null;
  /** The last months, oldest first, ending with this one: the small charts. */
  history: MonthFigures[];
}

/** One unit's figures for its current month, with the five months before it. */
export async function unitFigures(
  ctx: ReadCtx,
  input: { unitId: string; zone: Parameters<typeof today>[1]; months?: number },
): Promise<UnitFigures> {
  const month = today(ctx, input.zone).slice(0, 7);
  const first = shiftMonth(month, -((input.months ?? 6) - 1));
  const [rows, active, premi] = await Promise.all([
    unitMonths(ctx, { from: first, to: month, unitIds: [input.unitId] }),
    repo.activeParticipants(ctx.db, ctx.who.scope, input.unitId),
    can(ctx.who, 'premi.totals') ? premiTotals(ctx, { month, unitId: input.unitId }) : null,
  ]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const history: MonthFigures[] = [];
  for (let m = first; m <= month; m = shiftMonth(m, 1)) history.push(figuresOf(m, byMonth.get(m)));
  return {
    ...figuresOf(month, byMonth.get(month)),
    participants: active.get(input.unitId) ?? 0,
    premi: premi ? premi.total.premi : null,
    history,
  };
}

export interface OfficeUnit extends MonthFigures {
  id: string;
  name: string;
  kanwil_name: string;
  participants: number;
  premi: number | null;
  pastExpiry: number;
}

/**
 * Every unit in the viewer's scope this month (the viewer's calendar month): counts and sums per
 * unit and their total. Never a name or a registration number.
 */
export async function officeFigures(ctx: ReadCtx) {
  const month = today(ctx).slice(0, 7);
  const [units, rows, active, pastExpiry, premi, fresh] = await Promise.all([
    listUnits(ctx),
    unitMonths(ctx, { from: month, to: month }),
    repo.activeParticipants(reportDb(ctx), ctx.who.scope),
    countPastExpiryByUnit(ctx),
    can(ctx.who, 'premi.totals') ? premiTotals(ctx, { month }) : null,
    freshness(ctx),
  ]);
  const byUnit = new Map<string, UnitMonth>(rows.map((r) => [r.unitId, r]));
  const premiOf = new Map((premi?.units ?? []).map((u) => [u.unit_id, u.premi]));
  const list: OfficeUnit[] = units.map((u) => ({
    id: u.id,
    name: u.name,
    kanwil_name: u.kanwil_name,
    ...figuresOf(month, byUnit.get(u.id)),
    participants: active.get(u.id) ?? 0,
    premi: premi ? (premiOf.get(u.id) ?? 0) : null,
    pastExpiry: pastExpiry.get(u.id) ?? 0,
  }));
  return {
    month,
    units: list,
    /** How fresh the aggregates behind the page are (shown in words). */
    freshness: fresh satisfies Freshness,
    total: {
      ...figuresOf(month, sumFigures(month, rows)),
      units: list.length,
      participants: list.reduce((s, u) => s + u.participants, 0),
      premi: premi ? premi.total.premi : null,
      pastExpiry: list.reduce((s, u) => s + u.pastExpiry, 0),
    },
  };
}
export type OfficeFigures = Awaited<ReturnType<typeof officeFigures>>;

/**
 * The sessions of a day's work: today's and the next ones (not cancelled), and the held ones of the
 * last 30 days still missing their roll call or journal. Scoped like every read: an instruktur
 * mitra gets her partner's programmes only.
 */
export async function workSessions(
  ctx: ReadCtx,
  input: { unitId?: string | undefined; day: string; lockDays: number; next?: number },
): Promise<{ next: SessionStatus[]; missing: SessionStatus[] }> {
  const [ahead, back] = await Promise.all([
    sessionsWithStatus(ctx, {
      unitId: input.unitId,
      from: input.day,
      to: addDays(input.day, 13),
      order: 'asc',
      limit: 40,
      lockDays: input.lockDays,
    }),
    sessionsWithStatus(ctx, {
      unitId: input.unitId,
      from: addDays(input.day, -30),
      to: input.day,
      order: 'desc',
      limit: 200,
      lockDays: input.lockDays,
    }),
  ]);
  const next = ahead.filter((s) => !s.cancelled).slice(0, input.next ?? 4);
  const shown = new Set(next.map((s) => s.id));
  const missing = back
    .filter((s) => !s.cancelled && !shown.has(s.id))
    .filter((s) => s.attendance === 'missing' || s.attendance === 'locked' || s.journal === 'missing')
    .slice(0, 8);
  return { next, missing };
}

/** The unit's register imports still under way. */
export const importsInProgress = (ctx: ReadCtx, unitId: string) =>
  repo.importsInProgress(ctx.db, ctx.who.scope, unitId);

/** Humas: the latest documentation photos and, over the last year, the events worth a news item. */
export async function newsroom(ctx: ReadCtx, input: { unitId: string; day: string }) {
  const [photos, events] = await Promise.all([
    gallery(ctx, 1),
    // The newsroom's own query (one for the panel and /newsroom), each event with its draft if any.
    eventsOfUnit(ctx, { unitId: input.unitId, day: input.day, limit: 8 }),
  ]);
  return { photos: photos.rows.slice(0, 6), photoTotal: photos.total, events };
}
export type Newsroom = Awaited<ReturnType<typeof newsroom>>;
