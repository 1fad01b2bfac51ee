// The monthly premi run: computed as a draft from the unit's month, reviewed by the petugas, approved
// and posted to the journal by the Kepala UPT; a posted run is corrected only by a reversing run.
import {
  AppError,
  conflict,
  type FieldError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
} from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import { termsOn } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { normaliseLines, reversed, type Split } from '../ledger/ledger.rules.ts';
import { accountBalances, entryLines, postEntry } from '../ledger/ledger.service.ts';
import { computeRun as computeRules, type GroupSplit, type RunTotals } from './premi.compute.ts';
import { runJournal } from './premi.journal.ts';
import { mayRun, premiRun } from './premi.policy.ts';
import * as repo from './premi.repo.ts';
import * as sources from './premi.sources.repo.ts';
import * as writes from './premi.writes.repo.ts';

export const PAGE_SIZE = 25;
export const RUN_STATUSES = ['draft', 'reviewed', 'posted'] as const;

/** The first and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const unitSplit = (u: { premi_pct: number; pnbp_pct: number; capital_pct: number }): Split => ({
  premi: u.premi_pct,
  pnbp: u.pnbp_pct,
  capital: u.capital_pct,
});

/**
 * Reads the unit's month and computes its run without writing anything (the bench calls this).
 * The split of a batch is the agreement's in force on its check date (else the unit's); of a sold
 * product, its programme agreement's in force on the product's last sale day of the month.
 */
export async function computeRun(db: Conn, unitId: string, month: string) {
  const unit = await repo.unitSettings(db, unitId);
  if (!unit) throw notFound('units');
  const p = { unitId, ...monthRange(month) };
  const [offtake, sales, cost, made, attendance, cash, balances] = await Promise.all([
    sources.offtakeRows(db, p),
    sources.salesRows(db, p),
    sources.materialCostRows(db, p),
    sources.madeRows(db, p),
    sources.attendanceRows(db, p),
    sources.cashMoves(db, p),
    accountBalances(db, [unitId], dayBefore(p.from)),
  ]);
  const own: GroupSplit = { agreementId: null, split: unitSplit(unit), fromAgreement: false };
  const memo = new Map<string, Promise<GroupSplit>>();
  const splitOf = (agreementId: string | null, day: string): Promise<GroupSplit> => {
    if (!agreementId) return Promise.resolve(own);
    const k = `${agreementId}|${day}`;
    let v = memo.get(k);
    if (!v) {
      v = termsOn({ db }, agreementId, day).then((t) => {
        if (!t) return own;
        const { premi, pnbp, capital, fromAgreement } = t.split;
        return fromAgreement ? { agreementId, split: { premi, pnbp, capital }, fromAgreement: true } : own;
      });
      memo.set(k, v);
    }
    return v;
  };
  const input = {
    minSession: Number(unit.premi_min_session),
    spendablePct: unit.premi_spendable_pct,
    offtake: await Promise.all(
      offtake.map(async (r) => ({
        ...(await splitOf(r.agreement_id, r.day)),
        inmateId: r.inmate_id,
        regNumber: r.reg_number,
        productId: r.product_id,
        rate: r.rate,
        passed: r.passed,
      })),
    ),
    sales: await Promise.all(
      sales.map(async (r) => ({
        ...(await splitOf(r.agreement_id, r.last_day)),
        productId: r.product_id,
        revenue: r.revenue,
        materialCost: cost.get(r.product_id) ?? 0,
      })),
    ),
    made,
    attendance,
    poolBalance: -(balances.find((b) => b.account === 'premi_pool')?.amount ?? 0),
    payments: cash.payments,
    purchases: cash.purchases,
  };
  return { unit, input, computation: computeRules(input) };
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function unitOf(ctx: Pick<Ctx, 'who'>, unitId: string, use: 'prepare' | 'approve') {
  if (!inScope(ctx.who.scope, unitId)) throw notFound('units');
  if (!mayRun(ctx.who, use)) throw new AppError('auth.forbidden', 403, 'err.forbidden');
}

const monthOpen = (month: string) => new AppError('premi.month_open', 422, 'premi.monthOpen', { month });
const alreadyPosted = () => conflict('premi.already_posted', 'premi.alreadyPosted');

/** Creates the month's draft run, or recomputes the draft (or reviewed) run there is; returns its id. */
export async function prepareRun(ctx: Ctx, input: { unitId: string; month: string }): Promise<string> {
  unitOf(ctx, input.unitId, 'prepare');
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw fieldError('month', 'premi.monthFormat');
  const unit = await repo.unitSettings(ctx.db, input.unitId);
  if (!unit) throw notFound('units');
  const { from, to } = monthRange(input.month);
  // Production of the month may still be recorded until its last day has passed in the unit's zone.
  if (today(ctx, unit.timezone) <= to) throw monthOpen(input.month);
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    await repo.lockUnit(trx, input.unitId);
    const runs = await repo.regularRunsOfMonth(trx, input.unitId, from);
    if (runs.some((r) => r.status === 'posted' && r.reversal_status !== 'posted')) throw alreadyPosted();
    const open = runs.find((r) => r.status !== 'posted');
    const { computation } = await computeRun(trx, input.unitId, input.month);
    const settings = {
      min_session: Number(unit.premi_min_session),
      spendable_pct: unit.premi_spendable_pct,
      prepared_by: ctx.who.actor.userId,
      totals: computation.totals,
    };
    let id: string;
    if (open) {
      id = open.id;
      await writes.resetRun(trx, id, settings);
    } else {
      id = await writes.insertRun(trx, { ...settings, unit_id: input.unitId, month: from, kind: 'regular' });
    }
    await writes.insertBreakdown(trx, id, computation.groups, computation.lines);
    await recordAudit(trx, t.who.actor, {
      action: open ? 'premi.run_recomputed' : 'premi.run_prepared',
      entity: 'premi_run',
      entityId: id,
      unitId: input.unitId,
      after: { month: input.month, inmates: computation.lines.length, ...auditTotals(computation.totals) },
    });
    return id;
  });
}

function auditTotals(t: RunTotals) {
  return {
    revenue_offtake: t.revenueOfftake,
    revenue_sales: t.revenueSales,
    material_cost: t.materialCost,
    premi: t.premi,
    pnbp: t.pnbp,
    capital: t.capital,
    topup: t.topup,
    pooled: t.pooled,
    from_pool: t.fromPool,
  };
}

/** The petugas has checked the draft: draft -> reviewed. */
export async function reviewRun(ctx: Ctx, runId: string): Promise<void> {
  const run = await premiRun(ctx, runId, { for: 'prepare' });
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await writes.claimRun(trx, runId, 'draft');
    if (!claimed) throw conflict('premi.not_draft', 'premi.notDraft');
    await writes.setReviewed(trx, runId, ctx.who.actor.userId);
    await recordAudit(trx, ctx.who.actor, {
      action: 'premi.run_reviewed',
      entity: 'premi_run',
      entityId: runId,
      unitId: run.unit_id,
      before: { status: 'draft' },
      after: { status: 'reviewed' },
    });
  });
}

/**
 * The Kepala UPT approves: reviewed -> posted, with its journal entry, in one transaction. The
 * guarded update claims the run: of two approvals at the same moment the second waits on the row,
 * then finds it no longer reviewed, and gets 409 premi.already_posted.
 */
export async function approveRun(ctx: Ctx, runId: string): Promise<{ entryId: string }> {
  await premiRun(ctx, runId, { for: 'approve' });
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const claimed = await writes.claimRun(trx, runId, 'reviewed');
    const run = await repo.findRun(trx, ctx.who.scope, runId);
    if (!run) throw notFound('premi');
    if (!claimed) {
      if (run.status === 'posted') throw alreadyPosted();
      throw conflict('premi.not_reviewed', 'premi.notReviewed');
    }
    // Empty: nothing earned, nothing received from the partner, nothing bought for production.
    if (
      run.inmates === 0 &&
      run.revenue_offtake + run.revenue_sales === 0 &&
      run.payments === 0 &&
      run.purchases === 0
    )
      throw new AppError('premi.empty_run', 422, 'premi.emptyRun');
    const unit = await repo.unitSettings(trx, run.unit_id);
    const { to } = monthRange(run.month);
    let day = to;
    let lines: Parameters<typeof postEntry>[1]['lines'];
    if (run.kind === 'regular') {
      const others = await repo.regularRunsOfMonth(trx, run.unit_id, `${run.month}-01`);
      if (others.some((r) => r.id !== runId && r.status === 'posted' && r.reversal_status !== 'posted'))
        throw alreadyPosted();
      lines = runJournal({ totals: totalsOf(run), lines: await repo.postableLines(trx, runId) });
    } else {
      const original = run.reverses_id ? await repo.findRun(trx, ctx.who.scope, run.reverses_id) : undefined;
      if (!original?.entry_id) throw conflict('premi.not_posted', 'premi.notPosted');
      lines = reversed(await entryLines(trx, original.entry_id));
      const now = today(ctx, unit?.timezone);
      if (now < day) day = now;
    }
    // Lines that all come to zero (trainees with no minimum set) would post an entry of nothing.
    if (normaliseLines(lines).length === 0) throw new AppError('premi.empty_run', 422, 'premi.emptyRun');
    const entryId = await postEntry(t, {
      unitId: run.unit_id,
      day,
      kind: run.kind === 'regular' ? 'premi_run' : 'premi_reversal',
      sourceId: runId,
      memo:
        run.kind === 'regular'
          ? `Premi ${run.month} ${run.unit_name}`
          : `Pembalikan premi ${run.reverses_month ?? ''} ${run.unit_name}: ${run.reason ?? ''}`,
      lines,
    });
    await writes.setPosted(trx, runId, ctx.who.actor.userId, entryId);
    await recordAudit(trx, ctx.who.actor, {
      action: 'premi.run_posted',
      entity: 'premi_run',
      entityId: runId,
      unitId: run.unit_id,
      before: { status: 'reviewed' },
      after: { status: 'posted', entry_id: entryId, kind: run.kind },
    });
    return { entryId };
  });
}

function totalsOf(r: repo.RunRow): RunTotals {
  return {
    revenueOfftake: r.revenue_offtake,
    revenueSales: r.revenue_sales,
    materialCost: r.material_cost,
    premi: r.premi,
    pnbp: r.pnbp,
    capital: r.capital,
    topup: r.topup,
    pooled: r.pooled,
    fromPool: r.from_pool,
    payments: r.payments,
    purchases: r.purchases,
  };
}

const negate = (t: RunTotals): RunTotals =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, -v || 0])) as unknown as RunTotals;

/**
 * A reversing run for a posted run, in a later month that has begun: its lines are the original's
 * negated, and it is reviewed and approved like any run; posted, it lets the month be run again.
 */
export async function reverseRun(
  ctx: Ctx,
  runId: string,
  input: { month: string; reason: string },
): Promise<string> {
  const run = await premiRun(ctx, runId, { for: 'prepare' });
  if (run.kind !== 'regular' || run.status !== 'posted')
    throw conflict('premi.not_reversible', 'premi.notReversible');
  if (run.reversal_id) throw conflict('premi.already_reversed', 'premi.alreadyReversed');
  const unit = await repo.unitSettings(ctx.db, run.unit_id);
  const errors: FieldError[] = [];
  const reason = input.reason.trim();
  if (!reason) errors.push({ field: 'reason', key: 'premi.reasonRequired' });
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(input.month))
    errors.push({ field: 'month', key: 'premi.monthFormat' });
  else if (input.month <= run.month || input.month > today(ctx, unit?.timezone).slice(0, 7))
    errors.push({ field: 'month', key: 'premi.reverseMonthBad', params: { month: run.month } });
  if (errors.length) throw invalid(errors);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await writes.insertRun(trx, {
        unit_id: run.unit_id,
        month: `${input.month}-01`,
        kind: 'reversal',
        reverses_id: run.id,
        reason,
        min_session: run.min_session,
        spendable_pct: run.spendable_pct,
        prepared_by: ctx.who.actor.userId,
        totals: negate(totalsOf(run)),
      });
      await writes.copyNegated(trx, run.id, id);
      await recordAudit(trx, ctx.who.actor, {
        action: 'premi.reversal_prepared',
        entity: 'premi_run',
        entityId: id,
        unitId: run.unit_id,
        after: { reverses_id: run.id, reverses_month: run.month, month: input.month, reason },
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('premi.already_reversed', 'premi.alreadyReversed');
    throw err;
  }
}

export async function listRuns(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: { unitId?: string | undefined; status?: PremiRunStatus | undefined; page?: number | undefined },
) {
  const q = { ...f, page: f.page ?? 1 };
  return { ...(await repo.listRuns(ctx.db, ctx.who.scope, q, PAGE_SIZE)), pageSize: PAGE_SIZE };
}

/** A run with its groups and one line per inmate (names: premi.view, the unit's staff only). */
export async function runDetail(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const run = await premiRun(ctx, id, { for: 'view' });
  const [groups, lines] = await Promise.all([repo.runGroups(ctx.db, id), repo.runLines(ctx.db, id)]);
  return { run, groups, lines };
}
export type RunDetail = Awaited<ReturnType<typeof runDetail>>;

/** One inmate's line of a run and the items behind it (product, quantity, rate or price, premi). */
export async function inmateBreakdown(ctx: Pick<Ctx, 'db' | 'who'>, id: string, inmateId: string) {
  const run = await premiRun(ctx, id, { for: 'view' });
  const [line] = await repo.runLines(ctx.db, id, inmateId);
  if (!line) throw notFound('premi');
  return { run, line, items: await repo.runItems(ctx.db, id, inmateId) };
}
export type InmateBreakdown = Awaited<ReturnType<typeof inmateBreakdown>>;

/**
 * A run's contents for its documents (the workbook, the premi slips), one inmate's or everyone's,
 * in the order of the unit's books (register number). Checks the run's view rule itself.
 */
export async function runContents(
  ctx: Pick<Ctx, 'db' | 'who'>,
  id: string,
  want: { inmateId?: string | undefined; groups?: boolean; items?: boolean },
) {
  await premiRun(ctx, id, { for: 'view' });
  const [lines, groups, items] = await Promise.all([
    repo.runLines(ctx.db, id, want.inmateId, 'register'),
    want.groups ? repo.runGroups(ctx.db, id) : [],
    want.items ? repo.runItems(ctx.db, id, want.inmateId) : [],
  ]);
  return { lines, groups, items };
}
export type RunContents = Awaited<ReturnType<typeof runContents>>;

export { premiSettings, updatePremiSettings } from './premi.settings.ts';
