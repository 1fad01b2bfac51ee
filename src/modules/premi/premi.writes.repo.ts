// SQL that writes the premi runs: drafts and their breakdown, the claim before a step, review and
// posting, and a reversal's negated copy. Reads are in premi.repo.ts.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import type { GroupOut, LineOut, RunTotals } from './premi.compute.ts';

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
