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
