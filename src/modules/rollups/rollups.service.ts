// The monthly aggregates of issue 14: what the reports, roll-up pages, indicators and dashboards
// read (scoped to the viewer), and their upkeep (recount of dirty unit-months, by the job and seed).
import { type Ctx, reportDb } from '../../app/principal.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import { replicaLag } from '../../db/replica.ts';
import type { MarkStatus } from '../../db/schema.ts';
import type { RateSummary } from '../attendance/attendance.rules.ts';
import { emptyCounts, rateFromCounts } from '../attendance-reports/attendance-reports.service.ts';
import { passRate } from '../production-reports/production-reports.rules.ts';
import type {
  Freshness,
  MonthFigures,
  OutcomeCounts,
  OutcomeRow,
  ProgrammeMonth,
  UnitMonth,
} from './rollups.figures.ts';
import * as repo from './rollups.repo.ts';

/** Reads go to the read replica when there is one (reportDb), to the transaction inside one. */
type Reader = Pick<Ctx, 'db' | 'who' | 'replica'>;

const MARKS: readonly MarkStatus[] = ['hadir', 'terlambat', 'izin', 'sakit', 'alpa', 'dispensasi'];

/** A month with nothing in it. */
export function emptyFigures(month: string): MonthFigures {
  return {
    month,
    participants: { narapidana: 0, tahanan: 0, intern: 0, staff: 0, total: 0 },
    enrolled: 0,
    completed: 0,
    sessionsHeld: 0,
    sessionsCancelled: 0,
    marks: emptyCounts(),
    competencies: 0,
    certificates: 0,
    certificatesRevoked: 0,
    itemsFinished: 0,
    itemsChecked: 0,
    itemsPassed: 0,
    offtakeValue: 0,
    salesCount: 0,
    salesValue: 0,
  };
}

/**
 * Several rows' figures added into one month (units into a Kanwil, months into a year). A person
 * in two units counts in both: participants add up, as the offices count them.
 */
export function sumFigures(month: string, rows: readonly MonthFigures[]): MonthFigures {
  const s = emptyFigures(month);
  for (const r of rows) {
    for (const k of ['narapidana', 'tahanan', 'intern', 'staff', 'total'] as const) {
      s.participants[k] += r.participants[k];
    }
    for (const m of MARKS) s.marks[m] += r.marks[m];
    s.enrolled += r.enrolled;
    s.completed += r.completed;
    s.sessionsHeld += r.sessionsHeld;
    s.sessionsCancelled += r.sessionsCancelled;
    s.competencies += r.competencies;
    s.certificates += r.certificates;
    s.certificatesRevoked += r.certificatesRevoked;
    s.itemsFinished += r.itemsFinished;
    s.itemsChecked += r.itemsChecked;
    s.itemsPassed += r.itemsPassed;
    s.offtakeValue += r.offtakeValue;
    s.salesCount += r.salesCount;
    s.salesValue += r.salesValue;
  }
  return s;
}

/** The attendance rate of a month's marks, by the same rule as every attendance report. */
export function attendanceRateOf(f: MonthFigures): RateSummary {
  return rateFromCounts(f.marks);
}

/** Percent of the checked items that passed (one decimal), or null when nothing was checked. */
export function passRateOf(f: MonthFigures): number | null {
  return passRate(f.itemsPassed, f.itemsChecked - f.itemsPassed);
}

/** A row's figure columns: counts as numbers, sums as pg's strings (or numbers, from a float sum). */
type FigureValues = { month: string } & Record<repo.FigureColumn, string | number>;

function figuresOf(r: FigureValues): MonthFigures {
  return {
    month: r.month,
    participants: {
      narapidana: toNumber(r.participants_narapidana),
      tahanan: toNumber(r.participants_tahanan),
      intern: toNumber(r.participants_intern),
      staff: toNumber(r.participants_staff),
      total: toNumber(r.participants_total),
    },
    enrolled: toNumber(r.enrolled),
    completed: toNumber(r.completed),
    sessionsHeld: toNumber(r.sessions_held),
    sessionsCancelled: toNumber(r.sessions_cancelled),
    marks: {
      hadir: toNumber(r.marks_hadir),
      terlambat: toNumber(r.marks_terlambat),
      izin: toNumber(r.marks_izin),
      sakit: toNumber(r.marks_sakit),
      alpa: toNumber(r.marks_alpa),
      dispensasi: toNumber(r.marks_dispensasi),
    },
    competencies: toNumber(r.competencies),
    certificates: toNumber(r.certificates),
    certificatesRevoked: toNumber(r.certificates_revoked),
    itemsFinished: toNumber(r.items_finished),
    itemsChecked: toNumber(r.items_checked),
    itemsPassed: toNumber(r.items_passed),
    offtakeValue: toNumber(r.offtake_value),
    salesCount: toNumber(r.sales_count),
    salesValue: toNumber(r.sales_value),
  };
}

export function unitMonthOf(r: repo.UnitMonthRow): UnitMonth {
  return {
    ...figuresOf(r),
    unitId: r.unit_id,
    programmesRunning: r.programmes_running,
    programAksiServed: r.program_aksi_served,
    premi: toNumber(r.premi),
    pnbp: toNumber(r.pnbp),
    capital: toNumber(r.capital),
    pnbpDeposited: toNumber(r.pnbp_deposited),
    agreementsNew: r.agreements_new,
    agreementsEnding: r.agreements_ending,
    agreementsActive: r.agreements_active,
    partnersActive: r.partners_active,
    computedAt: r.computed_at,
  };
}

/** The units' months from `from` to `to` ('YYYY-MM'), within the viewer's scope; only months that have a row. */
export async function unitMonths(
  ctx: Reader,
  p: { from: string; to: string; unitIds?: readonly string[] },
): Promise<UnitMonth[]> {
  return (await repo.unitMonths(reportDb(ctx), ctx.who.scope, p)).map(unitMonthOf);
}

/** The programmes' months from `from` to `to`, within the viewer's scope; only programmes with something in the month. */
export async function programmeMonths(
  ctx: Reader,
  p: { from: string; to: string; unitId?: string; programmeIds?: readonly string[] },
): Promise<ProgrammeMonth[]> {
  return (await repo.programmeMonths(reportDb(ctx), ctx.who.scope, p)).map((r) => ({
    ...figuresOf(r),
    unitId: r.unit_id,
    programmeId: r.programme_id,
    computedAt: r.computed_at,
  }));
}

/** The units' figures and premi/PNBP summed by month ('YYYY-MM'), within the viewer's scope: a trend, one row a month with something in it. */
export async function monthTotals(
  ctx: Reader,
  p: { from: string; to: string; unitIds?: readonly string[] },
): Promise<Array<MonthFigures & { premi: number; pnbp: number }>> {
  return (await repo.monthTotals(reportDb(ctx), ctx.who.scope, p)).map((r) => ({
    ...figuresOf(r),
    premi: r.premi,
    pnbp: r.pnbp,
  }));
}

/** No one released. */
export const emptyOutcomes = (): OutcomeCounts => ({
  released: 0,
  followedUp: 0,
  m6: 0,
  m6Working: 0,
  m12: 0,
  m12Reoffended: 0,
});

/** Outcome counts added up (programmes of one unit never: a person in two counts once per unit). */
export function sumOutcomes(rows: readonly OutcomeCounts[]): OutcomeCounts {
  const s = emptyOutcomes();
  for (const r of rows) for (const k of Object.keys(s) as Array<keyof OutcomeCounts>) s[k] += r[k];
  return s;
}

/**
 * The reintegration outcomes of the people released from `from` to `to` ('YYYY-MM'), from the
 * aggregates: per unit (distinct people) or per programme, within the viewer's scope; only units
 * or programmes with someone released.
 */
export async function outcomeTotals(
  ctx: Reader,
  p: { from: string; to: string; by: 'unit' | 'programme'; unitIds?: readonly string[] },
): Promise<OutcomeRow[]> {
  return (await repo.outcomeTotals(reportDb(ctx), ctx.who.scope, p)).map((r) => ({
    unitId: r.unit_id,
    programmeId: r.programme_id,
    released: r.outcome_released,
    followedUp: r.outcome_followed_up,
    m6: r.outcome_m6,
    m6Working: r.outcome_m6_working,
    m12: r.outcome_m12,
    m12Reoffended: r.outcome_m12_reoffended,
  }));
}

/**
 * How fresh the units' figures are: every change made before `computedAt` is counted. With
 * nothing waiting that is the last recount; otherwise the moment the oldest waiting change was made.
 * Read where the figures are read (the replica when there is one), with the replica's lag when it
 * is at least the notice threshold (DATABASE_REPLICA_LAG_NOTICE_SECONDS).
 */
export async function freshness(ctx: Reader, p: { unitIds?: readonly string[] } = {}): Promise<Freshness> {
  const [f, lag] = await Promise.all([repo.freshness(reportDb(ctx), ctx.who.scope, p.unitIds), lagOf(ctx)]);
  const computedAt =
    f.oldestMark && (!f.computedAt || f.oldestMark < f.computedAt) ? f.oldestMark : f.computedAt;
  return { computedAt, pending: f.pending, replicaLagSeconds: lag };
}

/** The replica's lag in seconds when the reads go there and it is at least the notice threshold. */
async function lagOf(ctx: Reader): Promise<number | null> {
  const reads = reportDb(ctx);
  if (!ctx.replica || reads === ctx.db) return null;
  const lag = await replicaLag(ctx.db, reads);
  return lag !== null && lag > 0 && lag >= ctx.replica.lagNoticeSeconds ? lag : null;
}

/** Recount one unit-month ('YYYY-MM') and its programmes from the records, in the caller's transaction. */
export async function refreshUnitMonth(conn: Conn, unitId: string, month: string): Promise<void> {
  await repo.recount(conn, unitId, month);
}

/**
 * Recount those of a unit's months from `from` to `to` that have changes waiting (a report frozen
 * at submit reads its outcome window's months current). Their log rows stay: the job forgets them.
 */
export async function refreshPendingMonths(
  conn: Conn,
  unitId: string,
  from: string,
  to: string,
): Promise<void> {
  for (const month of await repo.dirtyMonthsOf(conn, unitId, from, to))
    await repo.recount(conn, unitId, month);
}

/**
 * Recount the unit-months that writes have touched and forget them; returns how many were
 * recounted. With a limit, one batch of at most that many (0: nothing left, or all taken by
 * another node); without, batches of 50 until nothing is left. Each batch is a transaction of its
 * own unless the caller gives one.
 */
export async function refreshDirty(conn: Conn, opts: { limit?: number } = {}): Promise<number> {
  const batch = async (trx: Conn, limit: number) => {
    const claimed = await repo.claimDirty(trx, limit);
    const busy: Array<{ unitId: string; month: string }> = [];
    for (const um of claimed.unitMonths) {
      // Another node recounting the same unit-month now: leave its rows for the next run.
      if (!(await repo.recount(trx, um.unitId, um.month, { wait: false }))) busy.push(um);
    }
    await repo.forgetDirty(trx, claimed.ids, busy);
    return claimed.unitMonths.length - busy.length;
  };
  const once = (limit: number) =>
    conn.isTransaction ? batch(conn, limit) : conn.transaction().execute((trx) => batch(trx, limit));
  if (opts.limit !== undefined) return once(opts.limit);
  let total = 0;
  for (;;) {
    const n = await once(50);
    if (n === 0) return total;
    total += n;
  }
}
