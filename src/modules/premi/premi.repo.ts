// SQL that reads the premi runs and their breakdown (this module's own tables), and the unit's premi
// settings. Run writes are in premi.writes.repo.ts; the month's source records in premi.sources.repo.ts.
import { sql } from 'kysely';
import type { Scope } from '../../app/scope.ts';
import { scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

export async function unitSettings(db: Conn, unitId: string) {
  return db
    .selectFrom('units')
    .select([
      'id',
      'name',
      'timezone',
      'premi_pct',
      'pnbp_pct',
      'capital_pct',
      'premi_min_session',
      'premi_spendable_pct',
    ])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

/** Locks the unit's row: two prepares of one unit's month run one after the other. */
export async function lockUnit(db: Conn, unitId: string) {
  await db.selectFrom('units').select('id').where('id', '=', unitId).forUpdate().execute();
}

export async function updateUnitSettings(
  db: Conn,
  unitId: string,
  s: {
    premi_pct: number;
    pnbp_pct: number;
    capital_pct: number;
    premi_min_session: number;
    premi_spendable_pct: number;
  },
) {
  await db
    .updateTable('units')
    .set({ ...s, updated_at: sql`now()` })
    .where('id', '=', unitId)
    .execute();
}

// ---- runs ---------------------------------------------------------------------------------------

const RUN_COLUMNS = [
  'r.id',
  'r.unit_id',
  'r.month',
  'r.kind',
  'r.reverses_id',
  'r.status',
  'r.revenue_offtake',
  'r.revenue_sales',
  'r.material_cost',
  'r.premi',
  'r.pnbp',
  'r.capital',
  'r.topup',
  'r.pooled',
  'r.from_pool',
  'r.payments',
  'r.purchases',
  'r.min_session',
  'r.spendable_pct',
  'r.reason',
  'r.computed_at',
  'r.reviewed_at',
  'r.posted_at',
  'r.entry_id',
] as const;

function runOut<
  T extends {
    month: string;
    revenue_offtake: string;
    revenue_sales: string;
    material_cost: string;
    premi: string;
    pnbp: string;
    capital: string;
    topup: string;
    pooled: string;
    from_pool: string;
    payments: string;
    purchases: string;
    min_session: string;
  },
>(r: T) {
  return {
    ...r,
    month: String(r.month).slice(0, 7),
    revenue_offtake: rupiah(r.revenue_offtake),
    revenue_sales: rupiah(r.revenue_sales),
    material_cost: rupiah(r.material_cost),
    premi: rupiah(r.premi),
    pnbp: rupiah(r.pnbp),
    capital: rupiah(r.capital),
    topup: rupiah(r.topup),
    pooled: rupiah(r.pooled),
    from_pool: rupiah(r.from_pool),
    payments: rupiah(r.payments),
    purchases: rupiah(r.purchases),
    min_session: rupiah(r.min_session),
  };
}

function runsQuery(db: Conn, scope: Scope) {
  return db
    .selectFrom('premi_runs as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('premi_runs as rv', 'rv.reverses_id', 'r.id')
    .leftJoin('premi_runs as orig', 'orig.id', 'r.reverses_id')
    .leftJoin('users as pb', 'pb.id', 'r.prepared_by')
    .leftJoin('users as rb', 'rb.id', 'r.reviewed_by')
    .leftJoin('users as ab', 'ab.id', 'r.approved_by')
    .select(RUN_COLUMNS)
    .select([
      'u.name as unit_name',
      'u.timezone',
      'rv.id as reversal_id',
      'rv.status as reversal_status',
      sql<string | null>`to_char(orig.month, 'YYYY-MM')`.as('reverses_month'),
      'pb.full_name as prepared_by_name',
      'rb.full_name as reviewed_by_name',
      'ab.full_name as approved_by_name',
      sql<string>`(select count(*) from premi_run_lines l where l.run_id = r.id)`.as('inmates'),
    ])
    .where(scopeFilter(scope, { unit: 'r.unit_id', partner: null }));
}

export async function findRun(db: Conn, scope: Scope, id: string) {
  const r = await runsQuery(db, scope).where('r.id', '=', id).executeTakeFirst();
  return r ? { ...runOut(r), inmates: Number(r.inmates) } : undefined;
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export interface RunFilter {
  unitId?: string | undefined;
  status?: PremiRunStatus | undefined;
  page: number;
}

export async function listRuns(db: Conn, scope: Scope, f: RunFilter, pageSize: number) {
  let q = runsQuery(db, scope);
  if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
  if (f.status) q = q.where('r.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .orderBy('r.month', 'desc')
      .orderBy('r.created_at', 'desc')
      .limit(pageSize)
      .offset((f.page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('premi_runs as r')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(scopeFilter(scope, { unit: 'r.unit_id', partner: null }))
      .$if(!!f.unitId, (qq) => qq.where('r.unit_id', '=', f.unitId ?? ''))
      .$if(!!f.status, (qq) => qq.where('r.status', '=', f.status ?? 'draft'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...runOut(r), inmates: Number(r.inmates) })), total: Number(count.n) };
}

/** The unit's regular runs of a month, with whether a posted reversal undid them. */
export async function regularRunsOfMonth(db: Conn, unitId: string, month: string) {
  return db
    .selectFrom('premi_runs as r')
    .leftJoin('premi_runs as rv', 'rv.reverses_id', 'r.id')
    .select(['r.id', 'r.status', 'rv.status as reversal_status'])
    .where('r.unit_id', '=', unitId)
    .where('r.month', '=', month)
    .where('r.kind', '=', 'regular')
    .execute();
}

export async function runGroups(db: Conn, runId: string) {
  const rows = await db
    .selectFrom('premi_run_groups as g')
    .leftJoin('agreements as a', 'a.id', 'g.agreement_id')
    .select([
      'g.id',
      'g.source',
      'g.agreement_id',
      'a.title as agreement_title',
      'a.number_first as agreement_number',
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
    .orderBy('g.revenue', 'desc')
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

const LINE_MONEY = [
  'offtake_value',
  'offtake_premi',
  'sales_value',
  'sales_premi',
  'minimum',
  'topup',
  'total',
  'saved',
  'spendable',
] as const;

/** One row per inmate of the run, by name (the page) or by register number (the unit's books). */
export async function runLines(
  db: Conn,
  runId: string,
  inmateId?: string,
  order: 'name' | 'register' = 'name',
) {
  const rows = await db
    .selectFrom('premi_run_lines as l')
    .innerJoin('inmates as i', 'i.id', 'l.inmate_id')
    .select([
      'l.inmate_id',
      'i.name',
      'i.reg_number',
      'l.items_passed',
      'l.items_own',
      'l.sessions',
      ...LINE_MONEY.map((c) => `l.${c}` as const),
    ])
    .where('l.run_id', '=', runId)
    .$if(!!inmateId, (q) => q.where('l.inmate_id', '=', inmateId ?? ''))
    .orderBy(order === 'name' ? 'i.name' : 'i.reg_number')
    .orderBy(order === 'name' ? 'i.reg_number' : 'i.id')
    .execute();
  return rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const c of LINE_MONEY) out[c] = rupiah(r[c]);
    return out as Omit<typeof r, (typeof LINE_MONEY)[number]> & Record<(typeof LINE_MONEY)[number], number>;
  });
}

/** The breakdown behind the lines (one inmate's, or every inmate's): product, items, rate or price, premi. */
export async function runItems(db: Conn, runId: string, inmateId?: string) {
  const rows = await db
    .selectFrom('premi_run_items as it')
    .innerJoin('premi_run_groups as g', 'g.id', 'it.group_id')
    .innerJoin('products as p', 'p.id', 'it.product_id')
    .select([
      'it.inmate_id',
      'it.product_id',
      'p.name as product_name',
      'p.uom',
      'g.source',
      'g.premi_pct',
      'it.qty',
      'it.rate',
      'it.value',
      'it.premi',
    ])
    .where('it.run_id', '=', runId)
    .$if(!!inmateId, (q) => q.where('it.inmate_id', '=', inmateId ?? ''))
    .orderBy('g.source')
    .orderBy('p.name')
    .orderBy('it.rate')
    .execute();
  return rows.map((r) => ({ ...r, rate: rupiah(r.rate), value: rupiah(r.value), premi: rupiah(r.premi) }));
}

/**
 * What a run's journal entry needs per inmate. What the pool gave an inmate is not stored on its
 * own: it is the line's own-sales premi less the premi of their own-sales items.
 */
export async function postableLines(db: Conn, runId: string) {
  const r = await sql<{
    inmate_id: string;
    offtake_premi: string;
    sales_premi: string;
    topup: string;
    spendable: string;
    from_groups: string;
  }>`select l.inmate_id, l.offtake_premi, l.sales_premi, l.topup, l.spendable,
      coalesce((select sum(it.premi) from premi_run_items it join premi_run_groups g on g.id = it.group_id
        where it.run_id = l.run_id and it.inmate_id = l.inmate_id and g.source = 'sales'), 0) as from_groups
    from premi_run_lines l where l.run_id = ${runId}`.execute(db);
  return r.rows.map((x) => ({
    inmateId: x.inmate_id,
    offtakePremi: rupiah(x.offtake_premi),
    salesPremi: rupiah(x.sales_premi),
    fromPool: rupiah(x.sales_premi) - rupiah(x.from_groups),
    topup: rupiah(x.topup),
    spendable: rupiah(x.spendable),
  }));
}
