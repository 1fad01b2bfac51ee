// What the run exports print, read in a few set-based queries: the run with its unit's letterhead,
// its lines with the inmates' register numbers and names, the breakdown per product, the revenue
// groups, and each inmate's balance around the run. A reporting repo (docs/architecture.md): it
// reads the premi tables and the journal read-only, scoped like every repo.
import { sql } from 'kysely';
import type { Scope } from '../../app/scope.ts';
import { scopeFilter } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import { rupiah } from '../stock/stock.rules.ts';

/** The run and its unit (the letterhead), or undefined outside the scope. */
export async function findRun(db: Db, scope: Scope, id: string) {
  const r = await db
    .selectFrom('premi_runs as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .leftJoin('users as ap', 'ap.id', 'r.approved_by')
    .leftJoin('users as pr', 'pr.id', 'r.prepared_by')
    .select([
      'r.id',
      'r.unit_id',
      'r.kind',
      'r.status',
      'r.reason',
      'r.revenue_offtake',
      'r.revenue_sales',
      'r.material_cost',
      'r.premi',
      'r.pnbp',
      'r.capital',
      'r.topup',
      'r.pooled',
      'r.from_pool',
      'r.min_session',
      'r.spendable_pct',
      'r.entry_id',
      'u.name',
      'u.type',
      'u.address',
      'u.city',
      'u.phone',
      'u.email',
      'u.timezone',
      'k.name as kanwil_name',
      'ap.full_name as approved_by_name',
      'ap.nip as approved_by_nip',
      'pr.full_name as prepared_by_name',
      'pr.nip as prepared_by_nip',
    ])
    .select(sql<string>`to_char(r.month, 'YYYY-MM')`.as('month'))
    .where('r.id', '=', id)
    .where(scopeFilter(scope, { unit: 'r.unit_id', partner: null }))
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    revenue_offtake: rupiah(r.revenue_offtake),
    revenue_sales: rupiah(r.revenue_sales),
    material_cost: rupiah(r.material_cost),
    premi: rupiah(r.premi),
    pnbp: rupiah(r.pnbp),
    capital: rupiah(r.capital),
    topup: rupiah(r.topup),
    pooled: rupiah(r.pooled),
    from_pool: rupiah(r.from_pool),
    min_session: rupiah(r.min_session),
  };
}

/** One row per inmate of the run, by register number (the order of the unit's books). */
export async function runLines(db: Db, runId: string, inmateId?: string) {
  let q = db
    .selectFrom('premi_run_lines as l')
    .innerJoin('inmates as i', 'i.id', 'l.inmate_id')
    .select([
      'l.inmate_id',
      'i.reg_number',
      'i.name',
      'l.items_passed',
      'l.items_own',
      'l.sessions',
      'l.offtake_value',
      'l.offtake_premi',
      'l.sales_value',
      'l.sales_premi',
      'l.minimum',
      'l.topup',
      'l.total',
      'l.saved',
      'l.spendable',
    ])
    .where('l.run_id', '=', runId);
  if (inmateId) q = q.where('l.inmate_id', '=', inmateId);
  const rows = await q.orderBy('i.reg_number').orderBy('i.id').execute();
  return rows.map((l) => ({
    ...l,
    offtake_value: rupiah(l.offtake_value),
    offtake_premi: rupiah(l.offtake_premi),
    sales_value: rupiah(l.sales_value),
    sales_premi: rupiah(l.sales_premi),
    minimum: rupiah(l.minimum),
    topup: rupiah(l.topup),
    total: rupiah(l.total),
    saved: rupiah(l.saved),
    spendable: rupiah(l.spendable),
  }));
}
export type RunLine = Awaited<ReturnType<typeof runLines>>[number];

/** The breakdown behind the lines: per inmate and product, items × rate (or price), value, premi. */
export async function runItems(db: Db, runId: string, inmateId?: string) {
  let q = db
    .selectFrom('premi_run_items as it')
    .innerJoin('premi_run_groups as g', 'g.id', 'it.group_id')
    .innerJoin('products as p', 'p.id', 'it.product_id')
    .select([
      'it.inmate_id',
      'g.source',
      'p.name as product_name',
      'p.uom',
      'it.qty',
      'it.rate',
      'it.value',
      'it.premi',
    ])
    .where('it.run_id', '=', runId);
  if (inmateId) q = q.where('it.inmate_id', '=', inmateId);
  const rows = await q.orderBy('g.source').orderBy('p.name').orderBy('it.rate').execute();
  return rows.map((r) => ({ ...r, rate: rupiah(r.rate), value: rupiah(r.value), premi: rupiah(r.premi) }));
}
export type RunItem = Awaited<ReturnType<typeof runItems>>[number];

/** The revenue groups: offtake per agreement, own sales per split. */
export async function runGroups(db: Db, runId: string) {
  const rows = await db
    .selectFrom('premi_run_groups as g')
    .leftJoin('agreements as a', 'a.id', 'g.agreement_id')
    .select([
      'g.source',
      'a.title as agreement_title',
      'g.premi_pct',
      'g.pnbp_pct',
      'g.capital_pct',
      'g.from_agreement',
      'g.revenue',
      'g.material_cost',
      'g.premi',
      'g.pnbp',
      'g.capital',
    ])
    .where('g.run_id', '=', runId)
    .orderBy('g.source')
    .orderBy('a.title')
    .execute();
  return rows.map((g) => ({
    ...g,
    revenue: rupiah(g.revenue),
    material_cost: rupiah(g.material_cost),
    premi: rupiah(g.premi),
    pnbp: rupiah(g.pnbp),
    capital: rupiah(g.capital),
  }));
}
export type RunGroup = Awaited<ReturnType<typeof runGroups>>[number];

/**
 * Each inmate's balance (saved, spendable; positive = owed to them) up to the run's month end, not
 * counting the run's own entry: the slip adds the run to it. One grouped query for the whole run.
 */
export async function balancesBefore(
  db: Db,
  o: { unitId: string; upTo: string; inmateIds: readonly string[]; entryId: string | null },
) {
  const out = new Map<string, { saved: number; spendable: number }>();
  if (o.inmateIds.length === 0) return out;
  const rows = await db
    .selectFrom('journal_lines as l')
    .select(['l.inmate_id', 'l.pocket'])
    .select(sql<string>`-sum(l.amount)`.as('balance'))
    .where('l.account', '=', 'premi')
    .where('l.inmate_id', '=', sql<string>`any(${[...o.inmateIds]}::uuid[])`)
    .where('l.day', '<=', o.upTo)
    .$if(o.entryId !== null, (q) => q.where('l.entry_id', '<>', o.entryId as string))
    .groupBy(['l.inmate_id', 'l.pocket'])
    .execute();
  for (const r of rows) {
    if (!r.inmate_id) continue;
    const b = out.get(r.inmate_id) ?? { saved: 0, spendable: 0 };
    if (r.pocket === 'saved') b.saved = rupiah(r.balance);
    else if (r.pocket === 'spendable') b.spendable = rupiah(r.balance);
    out.set(r.inmate_id, b);
  }
  return out;
}
