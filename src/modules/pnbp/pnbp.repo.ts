// SQL of PNBP deposits, the capital account, the reconciliation's source records, the audit export
// and the offices' totals. Journal figures are sums of lines (debit +, credit −), flipped here
// where the page shows what is owed.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import { rupiah } from '../stock/stock.rules.ts';

const sumOf = (expr: ReturnType<typeof sql>) => sql<string>`coalesce(${expr}, 0)`;

/** Serialises deposits of one unit, so two at once cannot both pass the "not above owed" check. */
export async function lockUnit(db: Conn, unitId: string) {
  return db.selectFrom('units').select('id').where('id', '=', unitId).forUpdate().executeTakeFirst();
}

/** PNBP of units in scope: owed by runs (share), deposited, and still owed (every line). */
export async function pnbpBalances(
  db: Conn,
  scope: Scope,
  o: { unitId?: string | undefined; upTo?: string },
) {
  let q = db
    .selectFrom('units as u')
    .leftJoin('journal_lines as jl', (j) => {
      const on = j.onRef('jl.unit_id', '=', 'u.id').on('jl.account', '=', 'pnbp');
      return o.upTo ? on.on('jl.day', '<=', o.upTo) : on;
    })
    .select([
      'u.id as unit_id',
      'u.name as unit_name',
      sumOf(sql`-sum(jl.amount) filter (where jl.purpose = 'share')`).as('accrued'),
      sumOf(sql`sum(jl.amount) filter (where jl.purpose = 'deposit')`).as('deposited'),
      sumOf(sql`-sum(jl.amount)`).as('owed'),
    ])
    .where(scopeFilter(scope, { unit: 'u.id', partner: null }))
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name');
  if (o.unitId) q = q.where('u.id', '=', o.unitId);
  const rows = await q.execute();
  return rows.map((r) => ({
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    accrued: rupiah(r.accrued),
    deposited: rupiah(r.deposited),
    owed: rupiah(r.owed),
  }));
}

/** PNBP the posted runs owed per month (their 'share' lines, reversals included), by the line's day. */
export async function pnbpAccruedByMonth(db: Conn, unitId: string) {
  const rows = await db
    .selectFrom('journal_lines')
    .select([sql<string>`to_char(day, 'YYYY-MM')`.as('month'), sql<string>`-sum(amount)`.as('amount')])
    .where('unit_id', '=', unitId)
    .where('account', '=', 'pnbp')
    .where('purpose', '=', 'share')
    .groupBy(sql`to_char(day, 'YYYY-MM')`)
    .execute();
  return rows.map((r) => ({ month: r.month, amount: rupiah(r.amount) }));
}

export interface DepositRow {
  id: string;
  unit_id: string;
  deposited_on: string;
  amount: number;
  billing_code: string;
  ntpn: string;
  /** 'YYYY-MM' or null. */
  period: string | null;
  note: string | null;
  created_by_name: string | null;
}

export async function listDeposits(db: Conn, scope: Scope, unitId: string): Promise<DepositRow[]> {
  const rows = await db
    .selectFrom('pnbp_deposits as d')
    .leftJoin('users as cb', 'cb.id', 'd.created_by')
    .select([
      'd.id',
      'd.unit_id',
      'd.deposited_on',
      'd.amount',
      'd.billing_code',
      'd.ntpn',
      sql<string | null>`to_char(d.period, 'YYYY-MM')`.as('period'),
      'd.note',
      'cb.full_name as created_by_name',
    ])
    .where('d.unit_id', '=', unitId)
    .where(scopeFilter(scope, { unit: 'd.unit_id', partner: null }))
    .orderBy('d.deposited_on', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, amount: rupiah(r.amount) }));
}

export async function ntpnTaken(db: Conn, ntpn: string): Promise<boolean> {
  return (
    (await db.selectFrom('pnbp_deposits').select('id').where('ntpn', '=', ntpn).executeTakeFirst()) !==
    undefined
  );
}

export async function insertDeposit(
  db: Conn,
  v: {
    unit_id: string;
    deposited_on: string;
    amount: number;
    billing_code: string;
    ntpn: string;
    period: string | null;
    note: string | null;
    created_by: string | null;
  },
) {
  return db.insertInto('pnbp_deposits').values(v).returningAll().executeTakeFirstOrThrow();
}

/** The capital account's movements per month and purpose: in (credits) and out (debits). */
export async function capitalMovements(db: Conn, unitId: string) {
  const rows = await db
    .selectFrom('journal_lines')
    .select([
      sql<string>`to_char(day, 'YYYY-MM')`.as('month'),
      'purpose',
      sumOf(sql`-sum(amount) filter (where amount < 0)`).as('in'),
      sumOf(sql`sum(amount) filter (where amount > 0)`).as('out'),
    ])
    .where('unit_id', '=', unitId)
    .where('account', '=', 'capital')
    .groupBy([sql`to_char(day, 'YYYY-MM')`, 'purpose'])
    .orderBy(sql`to_char(day, 'YYYY-MM')`, 'desc')
    .orderBy('purpose')
    .execute();
  return rows.map((r) => ({ month: r.month, purpose: r.purpose, in: rupiah(r.in), out: rupiah(r.out) }));
}

/**
 * The month's source records in one unit: offtake checked by the partner (passed × each line's
 * rate, by the check's day) and direct sales (every sale and reversal with its sign, by its day).
 */
export async function sourceRecords(db: Conn, unitId: string, from: string, to: string) {
  const offtake = await db
    .selectFrom('qc_batch_lines as l')
    .innerJoin('qc_batches as b', 'b.id', 'l.batch_id')
    .select(sumOf(sql`sum(l.passed::bigint * coalesce(l.rate, 0))`).as('value'))
    .where('b.unit_id', '=', unitId)
    .where('b.checked_on', '>=', from)
    .where('b.checked_on', '<=', to)
    .where('l.passed', 'is not', null)
    .executeTakeFirstOrThrow();
  const sales = await db
    .selectFrom('sales')
    .select(sumOf(sql`sum(total)`).as('value'))
    .where('unit_id', '=', unitId)
    .where('sold_on', '>=', from)
    .where('sold_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { offtake: rupiah(offtake.value), sales: rupiah(sales.value) };
}

/** Premi runs of a unit by status (regular and reversal alike); `month` narrows to one month's. */
export async function runCounts(db: Conn, unitId: string, month?: string) {
  let q = db
    .selectFrom('premi_runs')
    .select(['status', sql<string>`count(*)`.as('n')])
    .where('unit_id', '=', unitId)
    .groupBy('status');
  if (month) q = q.where('month', '=', month);
  const rows = await q.execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { draft: n('draft'), reviewed: n('reviewed'), posted: n('posted') };
}

export interface LedgerExportRow {
  unit_name: string;
  day: string;
  kind: string;
  memo: string;
  account: string;
  purpose: string;
  reg_number: string | null;
  pocket: string | null;
  amount: number;
}

/** Every journal line of the period in scope, in posting order. */
export async function ledgerLines(
  db: Conn,
  scope: Scope,
  o: { unitId?: string | undefined; from: string; to: string },
): Promise<LedgerExportRow[]> {
  let q = db
    .selectFrom('journal_lines as jl')
    .innerJoin('journal_entries as je', 'je.id', 'jl.entry_id')
    .innerJoin('units as u', 'u.id', 'jl.unit_id')
    .leftJoin('inmates as i', 'i.id', 'jl.inmate_id')
    .select([
      'u.name as unit_name',
      'jl.day',
      'je.kind',
      'je.memo',
      'jl.account',
      'jl.purpose',
      'i.reg_number',
      'jl.pocket',
      'jl.amount',
    ])
    .where(scopeFilter(scope, { unit: 'jl.unit_id', partner: null }))
    .where('jl.day', '>=', o.from)
    .where('jl.day', '<=', o.to)
    .orderBy('u.name')
    .orderBy('jl.day')
    .orderBy('je.created_at')
    .orderBy('jl.id');
  if (o.unitId) q = q.where('jl.unit_id', '=', o.unitId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, amount: rupiah(r.amount) }));
}

/**
 * Per unit in scope, for one month: premi credited by runs, its recipients (a count), runs posted,
 * PNBP accrued and deposited in the month, and PNBP still owed and the capital balance at its end.
 */
export async function unitTotals(
  db: Conn,
  scope: Scope,
  o: { from: string; to: string; unitId?: string | undefined },
) {
  const inMonth = sql`jl.day between ${o.from} and ${o.to}`;
  let q = db
    .selectFrom('units as u')
    .leftJoin('journal_lines as jl', (j) => j.onRef('jl.unit_id', '=', 'u.id').on('jl.day', '<=', o.to))
    .select([
      'u.id as unit_id',
      'u.name as unit_name',
      sumOf(
        sql`-sum(jl.amount) filter (where ${inMonth} and jl.account = 'premi' and jl.purpose in ('share', 'pool', 'topup'))`,
      ).as('premi'),
      sql<string>`count(distinct jl.inmate_id) filter (where ${inMonth} and jl.account = 'premi' and jl.purpose in ('share', 'pool', 'topup'))`.as(
        'inmates',
      ),
      sumOf(
        sql`-sum(jl.amount) filter (where ${inMonth} and jl.account = 'pnbp' and jl.purpose = 'share')`,
      ).as('pnbp_month'),
      sumOf(
        sql`sum(jl.amount) filter (where ${inMonth} and jl.account = 'pnbp' and jl.purpose = 'deposit')`,
      ).as('deposited_month'),
      sumOf(sql`-sum(jl.amount) filter (where jl.account = 'pnbp')`).as('pnbp_outstanding'),
      sumOf(sql`-sum(jl.amount) filter (where jl.account = 'capital')`).as('capital'),
      sql<string>`(select count(*) from premi_runs r where r.unit_id = u.id and r.month = ${o.from}::date and r.status = 'posted')`.as(
        'runs',
      ),
    ])
    .where(scopeFilter(scope, { unit: 'u.id', partner: null }))
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name');
  if (o.unitId) q = q.where('u.id', '=', o.unitId);
  const rows = await q.execute();
  return rows.map((r) => ({
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    premi: rupiah(r.premi),
    inmates: Number(r.inmates),
    runs: Number(r.runs),
    pnbp_month: rupiah(r.pnbp_month),
    deposited_month: rupiah(r.deposited_month),
    pnbp_outstanding: rupiah(r.pnbp_outstanding),
    capital: rupiah(r.capital),
  }));
}
