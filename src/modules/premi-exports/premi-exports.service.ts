// The premi run's exports: the workbook (one row per inmate, the groups) and the premi slips, with
// what they print gathered here. Who may have them is the run's view rule (premi.view, the unit's
// staff): the run is read through the principal's scope, so another unit's run is simply not found.
import { notFound } from '../../app/errors.ts';
import { formatMonth } from '../../app/format.ts';
import type { Ctx } from '../../app/principal.ts';
import { premiRun } from '../premi/premi.policy.ts';
import { type RunContents, runContents } from '../premi/premi.service.ts';
import { headOfUnit } from '../users/users.service.ts';
import * as repo from './premi-exports.repo.ts';

/** The run with its unit's letterhead: 404 outside the principal's scope, 403 without premi.view. */
async function viewableRun(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  await premiRun(ctx, id, { for: 'view' });
  const run = await repo.findRun(ctx.db, ctx.who.scope, id);
  if (!run) throw notFound('premi');
  return run;
}

/** "Februari 2026": a month as the documents name it. */
export function monthLabel(month: string, lang: 'id' | 'en' = 'id'): string {
  return formatMonth(month, lang);
}

/** The last day of a month 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

const TOTALLED = [
  'items_passed',
  'items_own',
  'sessions',
  'offtake_premi',
  'sales_premi',
  'minimum',
  'topup',
  'total',
  'saved',
  'spendable',
] as const;
export type LineTotals = Record<(typeof TOTALLED)[number], number>;

type RunLine = RunContents['lines'][number];
type RunItem = RunContents['items'][number];

export function lineTotals(lines: readonly RunLine[]): LineTotals {
  const t = Object.fromEntries(TOTALLED.map((k) => [k, 0])) as LineTotals;
  for (const l of lines) for (const k of TOTALLED) t[k] += l[k];
  return t;
}

/** What the run workbook prints: the run, a row per inmate with the totals, and the groups. */
export async function runWorkbookData(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const run = await viewableRun(ctx, id);
  const { lines, groups } = await runContents(ctx, run.id, { groups: true });
  return { run, lines, groups, totals: lineTotals(lines) };
}
export type RunWorkbookData = Awaited<ReturnType<typeof runWorkbookData>>;

/**
 * What the premi slips print: per inmate of the run (or the one asked for: 404 when they have no
 * line in it) the line, its breakdown, and the balance before and after the run.
 */
export async function slipsData(ctx: Pick<Ctx, 'db' | 'who'>, id: string, inmateId?: string) {
  const run = await viewableRun(ctx, id);
  const [{ lines, items }, head] = await Promise.all([
    runContents(ctx, run.id, { inmateId, items: true }),
    headOfUnit(ctx.db, run.unit_id),
  ]);
  if (inmateId && lines.length === 0) throw notFound('premi');
  const before = await repo.balancesBefore(ctx.db, {
    unitId: run.unit_id,
    upTo: monthEnd(run.month),
    inmateIds: lines.map((l) => l.inmate_id),
    entryId: run.entry_id,
  });
  const itemsOf = new Map<string, RunItem[]>();
  for (const it of items) itemsOf.set(it.inmate_id, [...(itemsOf.get(it.inmate_id) ?? []), it]);
  const slips = lines.map((line) => {
    const b = before.get(line.inmate_id) ?? { saved: 0, spendable: 0 };
    return {
      line,
      items: itemsOf.get(line.inmate_id) ?? [],
      before: b,
      after: { saved: b.saved + line.saved, spendable: b.spendable + line.spendable },
    };
  });
  return { run, head, slips };
}
export type SlipsData = Awaited<ReturnType<typeof slipsData>>;
export type Slip = SlipsData['slips'][number];
