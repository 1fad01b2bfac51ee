// SQL of the premi runs and their breakdown (this module's own tables), and the unit's premi
// settings. The month's records a run is computed from are read by premi.sources.repo.ts.
import { sql } from 'kysely';
import type { Scope } from '../../app/scope.ts';
import { scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';
import type { GroupOut, LineOut, RunTotals } from './premi.compute.ts';

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

/** Claims the run for this transaction (a row lock); a second claimer waits, then finds it changed. */
export async function claimRun(db: Conn, id: string, status: PremiRunStatus) {
  return db
    .updateTable('premi_runs')
    .set({ updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', status)
    .returning(['id', 'unit_id', 'month', 'kind', 'reverses_id'])
    .executeTakeFirst();
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

function totalsRow(t: RunTotals) {
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
    payments: t.payments,
    purchases: t.purchases,
  };
}

export async function insertRun(
  db: Conn,
  r: {
    unit_id: string;
    month: string;
    kind: 'regular' | 'reversal';
    reverses_id?: string | null;
    reason?: string | null;
    min_session: number;
    spendable_pct: number;
    prepared_by: string | null;
    totals: RunTotals;
  },
): Promise<string> {
  const { totals, ...rest } = r;
  const row = await db
    .insertInto('premi_runs')
    .values({ ...rest, ...totalsRow(totals) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function resetRun(
  db: Conn,
  id: string,
  r: { min_session: number; spendable_pct: number; prepared_by: string | null; totals: RunTotals },
) {
  await db.deleteFrom('premi_run_items').where('run_id', '=', id).execute();
  await db.deleteFrom('premi_run_lines').where('run_id', '=', id).execute();
  await db.deleteFrom('premi_run_groups').where('run_id', '=', id).execute();
  await db
    .updateTable('premi_runs')
    .set({
      ...totalsRow(r.totals),
      min_session: r.min_session,
      spendable_pct: r.spendable_pct,
      prepared_by: r.prepared_by,
      status: 'draft',
      reviewed_by: null,
      reviewed_at: null,
      computed_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

const CHUNK = 2000;
async function insertChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Writes a run's breakdown: its groups with their items, and one line per inmate. */
export async function insertBreakdown(
  db: Conn,
  runId: string,
  groups: readonly GroupOut[],
  lines: readonly LineOut[],
) {
  for (const g of groups) {
    const { id: groupId } = await db
      .insertInto('premi_run_groups')
      .values({
        run_id: runId,
        source: g.source,
        agreement_id: g.agreementId,
        premi_pct: g.split.premi,
        pnbp_pct: g.split.pnbp,
        capital_pct: g.split.capital,
        from_agreement: g.fromAgreement,
        revenue: g.revenue,
        material_cost: g.materialCost,
        premi: g.premi,
        pnbp: g.pnbp,
        capital: g.capital,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertChunks(g.items, (chunk) =>
      db
        .insertInto('premi_run_items')
        .values(
          chunk.map((it) => ({
            run_id: runId,
            group_id: groupId,
            inmate_id: it.inmateId,
            product_id: it.productId,
            qty: it.qty,
            rate: it.rate,
            value: it.value,
            premi: it.premi,
          })),
        )
        .execute(),
    );
  }
  await insertChunks(lines, (chunk) =>
    db
      .insertInto('premi_run_lines')
      .values(
        chunk.map((l) => ({
          run_id: runId,
          inmate_id: l.inmateId,
          items_passed: l.itemsPassed,
          items_own: l.itemsOwn,
          sessions: l.sessions,
          offtake_value: l.offtakeValue,
          offtake_premi: l.offtakePremi,
          sales_value: l.salesValue,
          sales_premi: l.salesPremi,
          minimum: l.minimum,
          topup: l.topup,
          total: l.total,
          saved: l.saved,
          spendable: l.spendable,
        })),
      )
      .execute(),
  );
}

/** A reversal's breakdown: the original's groups, lines and items, every amount negated. */
export async function copyNegated(db: Conn, fromRunId: string, toRunId: string) {
  await sql`create temporary table premi_group_map on commit drop as
    select id as old_id, gen_random_uuid() as new_id from premi_run_groups where run_id = ${fromRunId}`.execute(
    db,
  );
  await sql`insert into premi_run_groups (id, run_id, source, agreement_id, premi_pct, pnbp_pct, capital_pct,
      from_agreement, revenue, material_cost, premi, pnbp, capital)
    select m.new_id, ${toRunId}, g.source, g.agreement_id, g.premi_pct, g.pnbp_pct, g.capital_pct, g.from_agreement,
      -g.revenue, -g.material_cost, -g.premi, -g.pnbp, -g.capital
    from premi_run_groups g join premi_group_map m on m.old_id = g.id`.execute(db);
  await sql`insert into premi_run_items (run_id, group_id, inmate_id, product_id, qty, rate, value, premi)
    select ${toRunId}, m.new_id, i.inmate_id, i.product_id, -i.qty, i.rate, -i.value, -i.premi
    from premi_run_items i join premi_group_map m on m.old_id = i.group_id`.execute(db);
  await sql`insert into premi_run_lines (run_id, inmate_id, items_passed, items_own, sessions, offtake_value,
      offtake_premi, sales_value, sales_premi, minimum, topup, total, saved, spendable)
    select ${toRunId}, inmate_id, -items_passed, -items_own, -sessions, -offtake_value, -offtake_premi,
      -sales_value, -sales_premi, -minimum, -topup, -total, -saved, -spendable
    from premi_run_lines where run_id = ${fromRunId}`.execute(db);
  await sql`drop table premi_group_map`.execute(db);
}

export async function setReviewed(db: Conn, id: string, userId: string | null) {
  await db
    .updateTable('premi_runs')
    .set({ status: 'reviewed', reviewed_by: userId, reviewed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function setPosted(db: Conn, id: string, userId: string | null, entryId: string) {
  await db
    .updateTable('premi_runs')
    .set({
      status: 'posted',
      approved_by: userId,
      posted_at: sql`now()`,
      entry_id: entryId,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
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

export async function runLines(db: Conn, runId: string, inmateId?: string) {
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
    .orderBy('i.name')
    .orderBy('i.reg_number')
    .execute();
  return rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const c of LINE_MONEY) out[c] = rupiah(r[c]);
    return out as Omit<typeof r, (typeof LINE_MONEY)[number]> & Record<(typeof LINE_MONEY)[number], number>;
  });
}

export async function runItems(db: Conn, runId: string, inmateId: string) {
  const rows = await db
    .selectFrom('premi_run_items as it')
    .innerJoin('premi_run_groups as g', 'g.id', 'it.group_id')
    .innerJoin('products as p', 'p.id', 'it.product_id')
    .select([
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
    .where('it.inmate_id', '=', inmateId)
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
