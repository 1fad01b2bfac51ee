// What the roll-up pages, their exports and their API show: a month's rows (the nation's Kanwil, a
// region's units, a unit's programmes) with one set of columns, their total and a 12-month trend,
// read from the monthly aggregates only (rollups.service.ts), never from a raw record or a person.
import { fieldError, notFound } from '../../app/errors.ts';
import { compareNames } from '../../app/format.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { isNational } from '../../app/scope.ts';
import { monthLabel } from '../production-reports/production-reports.parts.tsx';
import { addMonths, monthsEnding } from '../production-reports/production-reports.rules.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { unit as unitOf } from '../units/units.policy.ts';
import { listKanwil, listUnits } from '../units/units.service.ts';
import type { Freshness, MonthFigures, ReportStatus } from './rollups.figures.ts';
import {
  attendanceRateOf,
  freshness,
  monthTotals,
  passRateOf,
  programmeMonths,
  sumFigures,
  unitMonths,
} from './rollups.service.ts';

/** The columns every roll-up table shares, in their order on the page and in the exports. */
export const COLUMNS = [
  'participants',
  'sessionsHeld',
  'sessionsCancelled',
  'attendanceRate',
  'certificates',
  'itemsPassed',
  'passRate',
  'productionValue',
  'sales',
  'premi',
  'pnbp',
] as const;
export type ColKey = (typeof COLUMNS)[number];
export type ColKind = 'count' | 'rate' | 'money';
export const COL_KIND: Record<ColKey, ColKind> = {
  participants: 'count',
  sessionsHeld: 'count',
  sessionsCancelled: 'count',
  attendanceRate: 'rate',
  certificates: 'count',
  itemsPassed: 'count',
  passRate: 'rate',
  productionValue: 'money',
  sales: 'money',
  premi: 'money',
  pnbp: 'money',
};
/** Premi and PNBP are shown to readers of premi totals only, as on the dashboards. */
const PREMI_COLUMNS: readonly ColKey[] = ['premi', 'pnbp'];

export function isColKey(v: unknown): v is ColKey {
  return typeof v === 'string' && (COLUMNS as readonly string[]).includes(v);
}

/** A row's figures: the month's counts and sums, with premi and PNBP (null where not shown). */
export interface Figures extends MonthFigures {
  premi: number | null;
  pnbp: number | null;
}

/** One table line: what each column shows (null: nothing to count yet, or not shown). */
export type Line = Record<ColKey, number | null>;

export function lineOf(f: Figures): Line {
  return {
    participants: f.participants.total,
    sessionsHeld: f.sessionsHeld,
    sessionsCancelled: f.sessionsCancelled,
    attendanceRate: attendanceRateOf(f).rate,
    certificates: f.certificates,
    itemsPassed: f.itemsPassed,
    passRate: passRateOf(f),
    productionValue: f.offtakeValue,
    sales: f.salesValue,
    premi: f.premi,
    pnbp: f.pnbp,
  };
}

/** The columns this viewer sees: without premi and PNBP unless they read premi totals. */
export function columnsFor(money: boolean): ColKey[] {
  return COLUMNS.filter((c) => money || !PREMI_COLUMNS.includes(c));
}

export type { ReportStatus };
export type ReportStatuses = (
  ctx: Ctx,
  input: { month: string; unitIds: readonly string[] },
) => Promise<Map<string, ReportStatus>>;

/** A rate as the outcomes module gives it: count of n, the percent null under five people. */
export interface OutcomeRate {
  count: number;
  n: number;
  pct: number | null;
}

/** A row's reintegration outcomes (#16): released, and the three rates with their n. */
export interface OutcomeLine {
  released: number;
  followedUp: OutcomeRate;
  working6: OutcomeRate;
  reoffended12: OutcomeRate;
}

/**
 * The outcomes of groups of units (a Kanwil's units, one unit, all of them) over release months,
 * with the outcomes module's suppression applied to each group's sums.
 */
export type OutcomeLines = (
  ctx: Ctx,
  input: { from: string; to: string; groups: ReadonlyArray<{ id: string; unitIds: readonly string[] }> },
) => Promise<Map<string, OutcomeLine>>;

/**
 * What the roll-ups need from the monthly reports and the reintegration outcomes, passed in by
 * src/modules.ts (both modules read this folder's aggregates: importing them would be a cycle).
 */
export interface RollupDeps {
  reportStatuses: ReportStatuses;
  outcomeLines?: OutcomeLines;
}

/** A level's outcome table: release months, one line per row (absent: nobody released), the total. */
export interface LevelOutcomes {
  from: string;
  to: string;
  lines: Map<string, OutcomeLine>;
  total: OutcomeLine | null;
}

/** The level's outcomes over the 12 release months ending with its month; null without the deps. */
async function outcomesOf(
  ctx: Ctx,
  deps: RollupDeps,
  month: string,
  groups: ReadonlyArray<{ id: string; unitIds: readonly string[] }>,
): Promise<LevelOutcomes | null> {
  if (!deps.outcomeLines) return null;
  const months = monthsEnding(month, 12);
  const from = months[0] ?? month;
  const all = groups.flatMap((g) => g.unitIds);
  const lines = await deps.outcomeLines(ctx, {
    from,
    to: month,
    groups: [...groups, { id: TOTAL, unitIds: all }],
  });
  const total = lines.get(TOTAL) ?? null;
  lines.delete(TOTAL);
  return { from, to: month, lines, total };
}
const TOTAL = 'total';

/** Submitted (and not sent back): what the Kanwil has in hand. */
export const isSent = (s: ReportStatus) => s.status === 'submitted' || s.status === 'acknowledged';

/** A Kanwil's row: how many of its units reported, and how many are late. */
export interface ReportCount {
  units: number;
  sent: number;
  late: number;
}

export interface Row {
  id: string;
  name: string;
  /** A Kanwil's province: what the national ranking names. */
  province?: string;
  figures: Figures;
  /** A unit's report status, or a Kanwil's count; null when the viewer does not read reports. */
  report: ReportStatus | ReportCount | null;
}

export interface Trend {
  months: Figures[];
}

/** The month a roll-up shows: the asked one, else the last full month in the viewer's zone. */
export function monthOf(ctx: Pick<Ctx, 'now' | 'who'>, month: string | undefined, lang: 'id' | 'en' = 'id') {
  const current = today(ctx).slice(0, 7);
  const m = month ?? addMonths(current, -1);
  if (m > current) throw fieldError('month', 'rollups.futureMonth', { month: monthLabel(m, lang) });
  return m;
}

/** The sum of figures: counts and sums added, premi and PNBP kept null when not shown. */
export function sumOf(month: string, rows: readonly Figures[], money: boolean): Figures {
  const base = sumFigures(month, rows);
  const add = (k: 'premi' | 'pnbp') => (money ? rows.reduce((s, r) => s + (r[k] ?? 0), 0) : null);
  return { ...base, month, premi: add('premi'), pnbp: add('pnbp') };
}

/** Each unit's figures of one month, from the unit-month aggregates of the units asked (all in scope when none). */
async function unitFigures(ctx: Ctx, month: string, unitIds: readonly string[] | undefined) {
  const rows = await unitMonths(ctx, { from: month, to: month, ...(unitIds ? { unitIds } : {}) });
  const money = can(ctx.who, 'premi.totals');
  const by = new Map<string, Figures>();
  for (const r of rows)
    by.set(r.unitId, {
      ...sumFigures(r.month, [r]),
      premi: money ? r.premi : null,
      pnbp: money ? r.pnbp : null,
    });
  const at = (unitId: string) => by.get(unitId) ?? sumOf(month, [], money);
  return { at, money };
}

/**
 * Every month of the trend as the sum over the given units (all in scope when none), summed by
 * month in PostgreSQL: twelve rows, not twelve times every unit's.
 */
async function trendOf(ctx: Ctx, months: readonly string[], unitIds: readonly string[] | undefined) {
  const from = months[0] ?? '';
  const to = months[months.length - 1] ?? from;
  const money = can(ctx.who, 'premi.totals');
  const totals = await monthTotals(ctx, { from, to, ...(unitIds ? { unitIds } : {}) });
  const by = new Map(totals.map((t) => [t.month, t]));
  return months.map((m): Figures => {
    const t = by.get(m);
    if (!t) return sumOf(m, [], money);
    return { ...sumFigures(m, [t]), premi: money ? t.premi : null, pnbp: money ? t.pnbp : null };
  });
}

export interface LevelRollup {
  /** nation: one row per Kanwil; kanwil: its units; units: the units in a unit user's scope. */
  level: 'nation' | 'kanwil' | 'units';
  month: string;
  kanwil: { id: string; name: string } | null;
  rows: Row[];
  total: Figures;
  trend: Figures[];
  freshness: Freshness;
  money: boolean;
  reports: boolean;
  /** Reintegration outcomes per row (#16), or null when the module is not given them. */
  outcomes: LevelOutcomes | null;
}

async function statusesOf(ctx: Ctx, deps: RollupDeps, month: string, unitIds: readonly string[]) {
  if (!can(ctx.who, 'reports.view') || unitIds.length === 0) return null;
  return deps.reportStatuses(ctx, { month, unitIds });
}

/** The nation (national scope only): one row per Kanwil, the sum of its units. */
export async function nationRollup(
  ctx: Ctx,
  deps: RollupDeps,
  input: { month: string },
): Promise<LevelRollup> {
  const months = monthsEnding(input.month, 12);
  const [kanwil, units, f, trend, fresh] = await Promise.all([
    listKanwil(ctx.db),
    listUnits(ctx),
    unitFigures(ctx, input.month, undefined),
    trendOf(ctx, months, undefined),
    freshness(ctx, {}),
  ]);
  const ids = units.map((u) => u.id);
  const [statuses, outcomes] = await Promise.all([
    statusesOf(ctx, deps, input.month, ids),
    outcomesOf(
      ctx,
      deps,
      input.month,
      kanwil.map((k) => ({ id: k.id, unitIds: units.filter((u) => u.kanwil_id === k.id).map((u) => u.id) })),
    ),
  ]);
  const rows: Row[] = kanwil.map((k) => {
    const mine = units.filter((u) => u.kanwil_id === k.id);
    const s = mine.flatMap((u) => statuses?.get(u.id) ?? []);
    return {
      id: k.id,
      name: k.name,
      province: k.province,
      figures: sumOf(
        input.month,
        mine.map((u) => f.at(u.id)),
        f.money,
      ),
      report: statuses
        ? { units: mine.length, sent: s.filter(isSent).length, late: s.filter((x) => x.late).length }
        : null,
    };
  });
  return {
    level: 'nation',
    month: input.month,
    kanwil: null,
    rows,
    total: sumOf(
      input.month,
      rows.map((r) => r.figures),
      f.money,
    ),
    trend,
    freshness: fresh,
    money: f.money,
    reports: statuses !== null,
    outcomes,
  };
}

/**
 * A region's units side by side. A Kanwil user sees their own region only, a national user any;
 * anyone else (a unit's staff, another region's office) gets 404: not theirs to know of.
 */
export async function kanwilRollup(
  ctx: Ctx,
  deps: RollupDeps,
  input: { kanwilId: string; month: string },
): Promise<LevelRollup> {
  const mayOpen = !ctx.who.unitId && (isNational(ctx.who.scope) || ctx.who.kanwilId === input.kanwilId);
  const k = mayOpen ? (await listKanwil(ctx.db)).find((x) => x.id === input.kanwilId) : undefined;
  if (!k) throw notFound('kanwil');
  const units = (await listUnits(ctx)).filter((u) => u.kanwil_id === k.id);
  return unitsRollup(ctx, deps, { month: input.month, units, kanwil: { id: k.id, name: k.name } });
}

/** The units given (a region's, or a unit user's own), one row each. */
export async function unitsRollup(
  ctx: Ctx,
  deps: RollupDeps,
  input: {
    month: string;
    units: ReadonlyArray<{ id: string; name: string }>;
    kanwil: { id: string; name: string } | null;
  },
): Promise<LevelRollup> {
  const months = monthsEnding(input.month, 12);
  const ids = input.units.map((u) => u.id);
  const [f, trend, fresh, statuses, outcomes] = await Promise.all([
    unitFigures(ctx, input.month, ids),
    trendOf(ctx, months, ids),
    freshness(ctx, { unitIds: ids }),
    statusesOf(ctx, deps, input.month, ids),
    outcomesOf(
      ctx,
      deps,
      input.month,
      ids.map((id) => ({ id, unitIds: [id] })),
    ),
  ]);
  const rows: Row[] = input.units.map((u) => ({
    id: u.id,
    name: u.name,
    figures: f.at(u.id),
    report: statuses ? (statuses.get(u.id) ?? null) : null,
  }));
  return {
    level: input.kanwil ? 'kanwil' : 'units',
    month: input.month,
    kanwil: input.kanwil,
    rows,
    total: sumOf(
      input.month,
      rows.map((r) => r.figures),
      f.money,
    ),
    trend,
    freshness: fresh,
    money: f.money,
    reports: statuses !== null,
    outcomes,
  };
}

/** /rollups: the viewer's own level: the nation, their region, or the units of their scope. */
export async function ownRollup(ctx: Ctx, deps: RollupDeps, input: { month: string }): Promise<LevelRollup> {
  if (isNational(ctx.who.scope)) return nationRollup(ctx, deps, input);
  if (!ctx.who.unitId && ctx.who.kanwilId)
    return kanwilRollup(ctx, deps, { kanwilId: ctx.who.kanwilId, month: input.month });
  const units = await listUnits(ctx);
  return unitsRollup(ctx, deps, { month: input.month, units, kanwil: null });
}

export interface UnitRollup {
  unit: { id: string; name: string; kanwil_id: string; kanwil_name: string };
  month: string;
  figures: Figures;
  programmes: Array<{ id: string; name: string; figures: Figures }>;
  trend: Figures[];
  freshness: Freshness;
  report: ReportStatus | null;
  money: boolean;
  reports: boolean;
}

/** One unit (404 outside the viewer's scope): its programmes in the month and its 12 months. */
export async function unitRollup(
  ctx: Ctx,
  deps: RollupDeps,
  input: { unitId: string; month: string },
): Promise<UnitRollup> {
  const u = await unitOf(ctx, input.unitId);
  const months = monthsEnding(input.month, 12);
  const [f, trend, progs, fresh, statuses] = await Promise.all([
    unitFigures(ctx, input.month, [u.id]),
    trendOf(ctx, months, [u.id]),
    programmeMonths(ctx, { from: input.month, to: input.month, unitId: u.id }),
    freshness(ctx, { unitIds: [u.id] }),
    statusesOf(ctx, deps, input.month, [u.id]),
  ]);
  const names = await Promise.all(progs.map((p) => programme(ctx, p.programmeId).then((x) => x.name)));
  const programmes = progs
    .map((p, i) => ({
      id: p.programmeId,
      name: names[i] ?? '',
      figures: { ...sumFigures(input.month, [p]), premi: null, pnbp: null },
    }))
    .sort((a, b) => compareNames(a.name, b.name));
  return {
    unit: { id: u.id, name: u.name, kanwil_id: u.kanwil_id, kanwil_name: u.kanwil_name },
    month: input.month,
    figures: f.at(u.id),
    programmes,
    trend,
    freshness: fresh,
    report: statuses?.get(u.id) ?? null,
    money: f.money,
    reports: statuses !== null,
  };
}

/** The rows ranked by one column, highest first; rows with nothing to rank come last. */
export function ranked(
  rows: readonly Row[],
  by: ColKey,
): Array<{ rank: number | null; row: Row; value: number | null }> {
  const withValue = rows.map((row) => ({ row, value: lineOf(row.figures)[by] }));
  withValue.sort((a, b) =>
    a.value === null
      ? b.value === null
        ? compareNames(a.row.name, b.row.name)
        : 1
      : b.value === null
        ? -1
        : b.value - a.value,
  );
  return withValue.map((x, i) => ({ ...x, rank: x.value === null ? null : i + 1 }));
}
