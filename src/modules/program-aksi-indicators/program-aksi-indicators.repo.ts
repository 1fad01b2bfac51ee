// SQL of the Program Aksi indicators: per item and unit, read from the monthly programme aggregates
// (rollup_programme_months, kept by the rollups module), the distinct people of the tagged
// programmes (enrolments, bounded by the tagged programmes and the period) and the PNBP of posted
// premi runs shared by product value. Counts and sums only: no person leaves this file.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';

export interface Period {
  /** First day of the first month and of the last month ('YYYY-MM-01'), and the last day. */
  fromMonth: string;
  toMonth: string;
  lastDay: string;
}

export interface ProgrammeFiguresRow {
  item_id: string;
  unit_id: string;
  programmes: number;
  certificates: number;
  offtake_value: number;
  sales_value: number;
}

/** Tagged programmes with a row in the aggregates of the period, their certificates and value. */
export async function programmeFigures(conn: Conn, scope: Scope, p: Period): Promise<ProgrammeFiguresRow[]> {
  const r = await sql<Record<keyof ProgrammeFiguresRow, string>>`
    select ppa.program_aksi_id as item_id, r.unit_id,
           count(distinct r.programme_id) as programmes,
           coalesce(sum(r.certificates), 0) as certificates,
           coalesce(sum(r.offtake_value), 0) as offtake_value,
           coalesce(sum(r.sales_value), 0) as sales_value
      from rollup_programme_months r
      join programme_program_aksi ppa on ppa.programme_id = r.programme_id
     where r.month between ${p.fromMonth}::date and ${p.toMonth}::date
       and ${scopeFilter(scope, { unit: 'r.unit_id', partner: null })}
     group by 1, 2`.execute(conn);
  return r.rows.map((x) => ({
    item_id: x.item_id,
    unit_id: x.unit_id,
    programmes: toNumber(x.programmes),
    certificates: toNumber(x.certificates),
    offtake_value: toNumber(x.offtake_value),
    sales_value: toNumber(x.sales_value),
  }));
}

export type GroupBy = 'unit' | 'kanwil' | 'nation';

/**
 * Distinct people enrolled in the item's programmes at any time in the period (the aggregates'
 * rule for a month, applied to the whole period), per unit, per Kanwil or for the nation: a person
 * in two programmes of the item, or in twelve months of one, counts once. Bounded: only the tagged
 * programmes' enrolments that overlap the period are read (enrolments by programme is indexed).
 */
export async function participants(
  conn: Conn,
  scope: Scope,
  p: Period,
  by: GroupBy,
): Promise<Array<{ item_id: string; key: string; n: number }>> {
  const key =
    by === 'unit' ? sql`pr.unit_id::text` : by === 'kanwil' ? sql`u.kanwil_id::text` : sql`'nation'`;
  const r = await sql<{ item_id: string; key: string; n: string }>`
    select ppa.program_aksi_id as item_id, ${key} as key, count(distinct coalesce(e.inmate_id, e.id)) as n
      from programme_program_aksi ppa
      join programmes pr on pr.id = ppa.programme_id
      join units u on u.id = pr.unit_id
      join enrolments e on e.programme_id = pr.id
     where ${scopeFilter(scope, { unit: 'pr.unit_id', partner: null })}
       and e.started_on <= ${p.lastDay}::date and (e.ended_on is null or e.ended_on >= ${p.fromMonth}::date)
     group by 1, 2`.execute(conn);
  return r.rows.map((x) => ({ item_id: x.item_id, key: x.key, n: toNumber(x.n) }));
}

/**
 * PNBP of the units' posted premi runs of the period (a reversal counts, negated, in its own month,
 * as the aggregates count it), per unit. PNBP is split per run group, not per programme, so each
 * group's PNBP is shared among the programmes of the products it paid for, by their value in the
 * group (premi_run_items: passed items at the rate, or what was made of the products sold), and a
 * programme's share goes to each item it is tagged with. Also each unit's whole PNBP and the part
 * that reached some item, so the page can say how much is not attributable (untagged programmes,
 * products of no programme, groups with no item lines).
 */
export async function pnbp(
  conn: Conn,
  scope: Scope,
  p: Period,
): Promise<{
  byItem: Array<{ item_id: string; unit_id: string; pnbp: number }>;
  byUnit: Array<{ unit_id: string; total: number; attributed: number }>;
}> {
  const shares = sql`
    g as (
      select g.id, g.run_id, g.pnbp, r.unit_id
        from premi_runs r join premi_run_groups g on g.run_id = r.id
       where r.status = 'posted' and r.month between ${p.fromMonth}::date and ${p.toMonth}::date
         and ${scopeFilter(scope, { unit: 'r.unit_id', partner: null })}),
    it as (
      select i.group_id, pd.programme_id, sum(i.value) as v
        from g join premi_run_items i on i.run_id = g.run_id and i.group_id = g.id
        join products pd on pd.id = i.product_id
       group by 1, 2),
    tot as (select group_id, sum(v) as v from it group by 1),
    share as (
      select g.unit_id, g.id as group_id, it.programme_id,
             case when tot.v = 0 then 0 else g.pnbp::numeric * it.v / tot.v end as pnbp
        from g join it on it.group_id = g.id join tot on tot.group_id = g.id)`;
  const [byItem, byUnit] = await Promise.all([
    sql<{ item_id: string; unit_id: string; pnbp: string }>`
      with ${shares}
      select ppa.program_aksi_id as item_id, s.unit_id, round(sum(s.pnbp)) as pnbp
        from share s join programme_program_aksi ppa on ppa.programme_id = s.programme_id
       group by 1, 2`.execute(conn),
    sql<{ unit_id: string; total: string; attributed: string }>`
      with ${shares},
      totals as (select unit_id, sum(pnbp) as total from g group by 1),
      tagged as (
        select s.unit_id, sum(s.pnbp) as attributed
          from share s
         where exists (select 1 from programme_program_aksi ppa where ppa.programme_id = s.programme_id)
         group by 1)
      select t.unit_id, t.total, round(coalesce(a.attributed, 0)) as attributed
        from totals t left join tagged a on a.unit_id = t.unit_id`.execute(conn),
  ]);
  return {
    byItem: byItem.rows.map((x) => ({ item_id: x.item_id, unit_id: x.unit_id, pnbp: toNumber(x.pnbp) })),
    byUnit: byUnit.rows.map((x) => ({
      unit_id: x.unit_id,
      total: toNumber(x.total),
      attributed: toNumber(x.attributed),
    })),
  };
}
