// PNBP, the production capital account and the monthly reconciliation of a unit's premi books:
// PNBP deposits (posted to the journal, never above what is owed), what is owed per month, the
// capital account's movements, the reconciliation of a month's journal against its source records,
// the audit export, the offices' totals per unit and the dashboard tiles.

import { daysBetween } from '../../app/days.ts';
import { AppError, forbidden, invalid } from '../../app/errors.ts';
import { formatRupiah } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { periodSums, postEntry } from '../ledger/ledger.service.ts';
import { payoutTasks } from '../savings/savings.service.ts';
import { mayPnbp, pnbpUnit } from './pnbp.policy.ts';
import * as repo from './pnbp.repo.ts';
import { cleanCode, depositErrors, isMonth, monthRange, reconcile, sourceCheck } from './pnbp.rules.ts';

export type { DepositRow, LedgerExportRow } from './pnbp.repo.ts';

type ReadCtx = Pick<Ctx, 'db' | 'who' | 'now'>;

export interface DepositInput {
  /** The user's own unit when absent. */
  unit_id?: string | undefined;
  deposited_on: string;
  amount: number;
  billing_code: string;
  ntpn: string;
  /** The month 'YYYY-MM' whose PNBP is deposited. */
  period?: string | null | undefined;
  note?: string | null | undefined;
}

const clean = (s: string | null | undefined) => s?.trim() || null;

const refused = (
  code: string,
  status: number,
  field: string,
  key: 'pnbp.aboveOwed' | 'pnbp.ntpnTaken',
  params: Record<string, string>,
) => new AppError(code, status, key, params, [{ field, key, params }]);

/**
 * Records a PNBP deposit to the state treasury and posts it (pnbp +a / cash −a, 'deposit'), with
 * its audit record, in one transaction. Malformed codes are 400 with a message per field; a deposit
 * above what is still owed, or an NTPN already recorded, is 409 and nothing is written.
 */
export async function recordDeposit(ctx: Ctx, input: DepositInput): Promise<{ id: string; owed: number }> {
  if (!mayPnbp(ctx.who, 'prepare')) throw forbidden();
  const fields = {
    amount: input.amount,
    billingCode: cleanCode(input.billing_code),
    ntpn: cleanCode(input.ntpn),
    period: clean(input.period),
  };
  const errors = depositErrors(fields);
  const u = await pnbpUnit(ctx, input.unit_id, 'prepare');
  if (input.deposited_on > today(ctx, u.timezone as TimeZone))
    errors.push({ field: 'deposited_on', key: 'pnbp.futureDate' });
  if (errors.length) throw invalid(errors);
  const ntpnTaken = () => refused('pnbp.ntpn_taken', 409, 'ntpn', 'pnbp.ntpnTaken', { ntpn: fields.ntpn });
  if (await repo.ntpnTaken(ctx.db, fields.ntpn)) throw ntpnTaken();

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      await repo.lockUnit(trx, u.id);
      const [bal] = await repo.pnbpBalances(trx, ctx.who.scope, { unitId: u.id });
      const owed = bal?.owed ?? 0;
      if (fields.amount > owed)
        throw refused('pnbp.above_owed', 409, 'amount', 'pnbp.aboveOwed', {
          amount: formatRupiah(fields.amount),
          owed: formatRupiah(owed),
        });
      const d = await repo.insertDeposit(trx, {
        unit_id: u.id,
        deposited_on: input.deposited_on,
        amount: fields.amount,
        billing_code: fields.billingCode,
        ntpn: fields.ntpn,
        period: fields.period ? `${fields.period}-01` : null,
        note: clean(input.note),
        created_by: ctx.who.actor.userId,
      });
      await postEntry(t, {
        unitId: u.id,
        day: input.deposited_on,
        kind: 'pnbp_deposit',
        sourceId: d.id,
        memo: `Setoran PNBP NTPN ${fields.ntpn}, kode billing ${fields.billingCode}`,
        lines: [
          { account: 'pnbp', purpose: 'deposit', amount: fields.amount },
          { account: 'cash', purpose: 'deposit', amount: -fields.amount },
        ],
      });
      await recordAudit(trx, ctx.who.actor, {
        action: 'pnbp.deposit',
        entity: 'pnbp_deposit',
        entityId: d.id,
        unitId: u.id,
        after: { ...d, amount: fields.amount },
      });
      return { id: d.id, owed: owed - fields.amount };
    });
  } catch (err) {
    // Two deposits with one NTPN at once: the unique key decides, with the same message.
    if ((err as { code?: string })?.code === '23505') throw ntpnTaken();
    throw err;
  }
}

/**
 * PNBP per unit in scope (one unit when asked): accrued from posted runs, deposited, still owed.
 * Sums only, so offices with premi.totals read it too.
 */
export async function pnbpOwed(ctx: ReadCtx, o: { unitId?: string | undefined } = {}) {
  if (!mayPnbp(ctx.who, 'totals') && !mayPnbp(ctx.who, 'view')) throw forbidden();
  if (o.unitId) await pnbpUnit(ctx, o.unitId, mayPnbp(ctx.who, 'totals') ? 'totals' : 'view');
  const units = await repo.pnbpBalances(ctx.db, ctx.who.scope, { unitId: o.unitId });
  const sum = (k: 'accrued' | 'deposited' | 'owed') => units.reduce((s, u) => s + u[k], 0);
  return { units, accrued: sum('accrued'), deposited: sum('deposited'), owed: sum('owed') };
}

export interface PnbpMonth {
  /** 'YYYY-MM', or null for deposits recorded without a period. */
  month: string | null;
  owed: number;
  deposited: number;
  outstanding: number;
  deposits: repo.DepositRow[];
}

/** One unit's PNBP: balances, per month what the runs owed and what was deposited, and the deposits. */
export async function pnbpOfUnit(ctx: ReadCtx, unitId: string | undefined) {
  const u = await pnbpUnit(ctx, unitId, 'view');
  const [balance] = await repo.pnbpBalances(ctx.db, ctx.who.scope, { unitId: u.id });
  const deposits = await repo.listDeposits(ctx.db, ctx.who.scope, u.id);
  const months = new Map<string, PnbpMonth>();
  const monthOf = (m: string | null) => {
    const k = m ?? '';
    let row = months.get(k);
    if (!row) {
      row = { month: m, owed: 0, deposited: 0, outstanding: 0, deposits: [] };
      months.set(k, row);
    }
    return row;
  };
  for (const a of await repo.pnbpAccruedByMonth(ctx.db, u.id)) monthOf(a.month).owed += a.amount;
  for (const d of deposits) {
    const m = monthOf(d.period);
    m.deposited += d.amount;
    m.deposits.push(d);
  }
  const rows = [...months.values()]
    .map((m) => ({ ...m, outstanding: m.owed - m.deposited }))
    .sort((a, b) => ((a.month ?? '9999') < (b.month ?? '9999') ? 1 : -1));
  return {
    unit: { id: u.id, name: u.name, timezone: u.timezone as TimeZone },
    balance: balance ?? { unit_id: u.id, unit_name: u.name, accrued: 0, deposited: 0, owed: 0 },
    months: rows,
    deposits,
    today: today(ctx, u.timezone as TimeZone),
  };
}
export type PnbpOfUnit = Awaited<ReturnType<typeof pnbpOfUnit>>;

export const CAPITAL_PURPOSES = ['share', 'material_cost', 'material_purchase', 'topup'] as const;

/**
 * The production capital account of a unit: its balance (credits are capital the unit holds) and
 * its movements per month and purpose.
 */
export async function capitalAccount(ctx: ReadCtx, unitId: string | undefined) {
  const u = await pnbpUnit(ctx, unitId, 'view');
  const moves = await repo.capitalMovements(ctx.db, u.id);
  const months: Array<{ month: string; rows: typeof moves; in: number; out: number }> = [];
  for (const m of moves) {
    let month = months.find((x) => x.month === m.month);
    if (!month) {
      month = { month: m.month, rows: [], in: 0, out: 0 };
      months.push(month);
    }
    month.rows.push(m);
    month.in += m.in;
    month.out += m.out;
  }
  const balance = moves.reduce((s, m) => s + m.in - m.out, 0);
  return { unit: { id: u.id, name: u.name }, balance, months };
}
export type CapitalAccount = Awaited<ReturnType<typeof capitalAccount>>;

/**
 * A month's reconciliation of one unit: revenue recognised in the journal against premi + PNBP +
 * capital + material cost (difference flagged when not zero), and the journal's offtake and sales
 * revenue against the source records (partner checks, the sales book), each difference explained.
 */
export async function reconciliation(ctx: ReadCtx, unitId: string | undefined, month?: string) {
  const u = await pnbpUnit(ctx, unitId, 'view');
  const m = month ?? today(ctx, u.timezone as TimeZone).slice(0, 7);
  if (!isMonth(m)) throw invalid([{ field: 'month', key: 'pnbp.badMonth' }]);
  const { from, to } = monthRange(m);
  const sums = await periodSums(ctx.db, u.id, from, to);
  const r = reconcile(sums);
  const records = await repo.sourceRecords(ctx.db, u.id, from, to);
  const runs = await repo.runCounts(ctx.db, u.id, from);
  return {
    unit: { id: u.id, name: u.name },
    month: m,
    ...r,
    balanced: r.difference === 0,
    postedRuns: runs.posted,
    offtake: sourceCheck(r.revenueOfftake, records.offtake),
    sales: sourceCheck(r.revenueSales, records.sales),
  };
}
export type ReconciliationView = Awaited<ReturnType<typeof reconciliation>>;

/**
 * Every journal line of a period for audit: the unit's staff (premi.view) only, so inmates appear
 * by registration number. Debits and credits in separate columns; their totals are equal.
 */
export async function ledgerExport(
  ctx: ReadCtx,
  o: { unitId?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  const u = await pnbpUnit(ctx, o.unitId, 'view');
  const m = monthRange(today(ctx, u.timezone as TimeZone).slice(0, 7));
  const from = o.from ?? m.from;
  const to = o.to ?? m.to;
  if (to < from || daysBetween(from, to) > 366)
    throw invalid([{ field: 'to', key: 'ledgerExport.badRange' }]);
  const rows = await repo.ledgerLines(ctx.db, ctx.who.scope, { unitId: u.id, from, to });
  const debit = rows.reduce((s, r) => s + Math.max(r.amount, 0), 0);
  const credit = rows.reduce((s, r) => s + Math.max(-r.amount, 0), 0);
  return { unit: { id: u.id, name: u.name }, from, to, rows, debit, credit };
}
export type LedgerExport = Awaited<ReturnType<typeof ledgerExport>>;

/**
 * Premi, PNBP and capital per unit of the viewer's scope for a month: counts and sums, never a
 * person (premi.totals: unit staff for their unit, Kanwil for its units, Ditjenpas for all).
 */
export async function premiTotals(
  ctx: ReadCtx,
  o: { month?: string | undefined; unitId?: string | undefined },
) {
  if (!mayPnbp(ctx.who, 'totals')) throw forbidden();
  if (o.unitId) await pnbpUnit(ctx, o.unitId, 'totals');
  const month = o.month ?? today(ctx).slice(0, 7);
  if (!isMonth(month)) throw invalid([{ field: 'month', key: 'pnbp.badMonth' }]);
  const units = await repo.unitTotals(ctx.db, ctx.who.scope, { ...monthRange(month), unitId: o.unitId });
  const sum = (k: Exclude<keyof (typeof units)[number], 'unit_id' | 'unit_name'>) =>
    units.reduce((s, u) => s + u[k], 0);
  return {
    month,
    units,
    total: {
      premi: sum('premi'),
      inmates: sum('inmates'),
      runs: sum('runs'),
      pnbp_month: sum('pnbp_month'),
      deposited_month: sum('deposited_month'),
      pnbp_outstanding: sum('pnbp_outstanding'),
      capital: sum('capital'),
    },
  };
}
export type PremiTotals = Awaited<ReturnType<typeof premiTotals>>;

/**
 * The dashboard's premi tiles of one unit: PNBP still owed, runs waiting for review or approval, and
 * released people still to be paid their tabungan premi.
 */
export async function premiTiles(ctx: ReadCtx, o: { unitId: string }) {
  const u = await pnbpUnit(ctx, o.unitId, 'view');
  const [bal] = await repo.pnbpBalances(ctx.db, ctx.who.scope, { unitId: u.id });
  const runs = await repo.runCounts(ctx.db, u.id);
  const payouts = await payoutTasks(ctx, { unitId: u.id });
  return {
    pnbpOwed: bal?.owed ?? 0,
    draft: runs.draft,
    reviewed: runs.reviewed,
    payouts: payouts.length,
    payoutsOwed: payouts.reduce((sum, p) => sum + p.saved + p.spendable, 0),
  };
}
export type PremiTiles = Awaited<ReturnType<typeof premiTiles>>;
