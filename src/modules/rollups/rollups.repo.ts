// SQL of the monthly aggregates: reading them (scoped), the recount of one unit-month from the
// records (set-based, one statement per table of aggregates), and the log of unit-months to recount
// that the 0027 triggers fill. Counted as the dashboard, premi and production reports count.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { RollupProgrammeMonthsTable, RollupUnitMonthsTable } from '../../db/schema.ts';

type Row<T> = { [K in keyof T]: T[K] extends { __select__: infer S } ? S : T[K] };
export type UnitMonthRow = Row<RollupUnitMonthsTable> & { computed_at: Date };
export type ProgrammeMonthRow = Row<RollupProgrammeMonthsTable> & { computed_at: Date };

/** The figures' columns, in the order the recount yields them. */
export const FIGURE_COLUMNS = [
  'participants_narapidana',
  'participants_tahanan',
  'participants_intern',
  'participants_staff',
  'participants_total',
  'enrolled',
  'completed',
  'sessions_held',
  'sessions_cancelled',
  'marks_hadir',
  'marks_terlambat',
  'marks_izin',
  'marks_sakit',
  'marks_alpa',
  'marks_dispensasi',
  'competencies',
  'certificates',
  'certificates_revoked',
  'items_finished',
  'items_checked',
  'items_passed',
  'offtake_value',
  'sales_count',
  'sales_value',
] as const;

export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

export const UNIT_COLUMNS = [
  'programmes_running',
  'program_aksi_served',
  'premi',
  'pnbp',
  'capital',
  'pnbp_deposited',
  'agreements_new',
  'agreements_ending',
  'agreements_active',
  'partners_active',
] as const;

const inUnits = (scope: Scope, unit: string): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit, partner: null });
const cols = (names: readonly string[], prefix = '') => sql.raw(names.map((c) => prefix + c).join(', '));
/** The first day of a 'YYYY-MM' month. */
const firstDay = (month: string) => `${month}-01`;

export async function unitMonths(
  conn: Conn,
  scope: Scope,
  p: { from: string; to: string; unitIds?: readonly string[] | undefined },
): Promise<UnitMonthRow[]> {
  let q = conn
    .selectFrom('rollup_unit_months as r')
    .selectAll('r')
    .select(sql<string>`to_char(r.month, 'YYYY-MM')`.as('month'))
    .where('r.month', '>=', firstDay(p.from))
    .where('r.month', '<=', firstDay(p.to))
    .where(inUnits(scope, 'r.unit_id'));
  if (p.unitIds) q = q.where('r.unit_id', 'in', p.unitIds.length ? p.unitIds : [NO_ID]);
  return (await q.orderBy('r.month').orderBy('r.unit_id').execute()) as UnitMonthRow[];
}

export async function programmeMonths(
  conn: Conn,
  scope: Scope,
  p: { from: string; to: string; unitId?: string | undefined; programmeIds?: readonly string[] | undefined },
): Promise<ProgrammeMonthRow[]> {
  let q = conn
    .selectFrom('rollup_programme_months as r')
    .selectAll('r')
    .select(sql<string>`to_char(r.month, 'YYYY-MM')`.as('month'))
    .where('r.month', '>=', firstDay(p.from))
    .where('r.month', '<=', firstDay(p.to))
    .where(inUnits(scope, 'r.unit_id'));
  if (p.unitId !== undefined) q = q.where('r.unit_id', '=', p.unitId);
  if (p.programmeIds) q = q.where('r.programme_id', 'in', p.programmeIds.length ? p.programmeIds : [NO_ID]);
  return (await q.orderBy('r.month').orderBy('r.programme_id').execute()) as ProgrammeMonthRow[];
}

/**
 * The units' rows summed by month (the roll-ups' trends): at most one row a month, summed in
 * PostgreSQL rather than every unit's row read (530 units x 12 months for the nation). A person in
 * two units counts in both, as sumFigures adds them. Sums as float8: exact far beyond any total.
 */
export async function monthTotals(
  conn: Conn,
  scope: Scope,
  p: { from: string; to: string; unitIds?: readonly string[] | undefined },
): Promise<Array<{ month: string } & Record<FigureColumn | 'premi' | 'pnbp', number>>> {
  const sums = sql.raw(
    [...FIGURE_COLUMNS, 'premi', 'pnbp'].map((c) => `coalesce(sum(r.${c}), 0)::float8 as ${c}`).join(', '),
  );
  const only = p.unitIds
    ? sql`and r.unit_id in (${sql.join(p.unitIds.length ? p.unitIds : [NO_ID])})`
    : sql``;
  const r = await sql<{ month: string } & Record<FigureColumn | 'premi' | 'pnbp', number>>`
    select to_char(r.month, 'YYYY-MM') as month, ${sums}
      from rollup_unit_months r
     where r.month >= ${firstDay(p.from)} and r.month <= ${firstDay(p.to)}
       and ${inUnits(scope, 'r.unit_id')} ${only}
     group by r.month
     order by r.month`.execute(conn);
  return r.rows;
}

/** A uuid no row has: `in ()` is not valid SQL. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The last recount of the units' rows, and how many of their unit-months wait for one, with the
 * time the oldest of those was marked (everything before it is counted).
 */
export async function freshness(conn: Conn, scope: Scope, unitIds?: readonly string[]) {
  const only = (col: string) =>
    unitIds ? sql`and ${sql.ref(col)} in (${sql.join(unitIds.length ? unitIds : [NO_ID])})` : sql``;
  const r = await sql<{ computed_at: Date | null; pending: string; oldest_mark: Date | null }>`
    select (select max(r.computed_at) from rollup_unit_months r
             where ${inUnits(scope, 'r.unit_id')} ${only('r.unit_id')}) as computed_at,
           count(distinct (d.unit_id, d.month)) as pending, min(d.marked_at) as oldest_mark
      from rollup_dirty d
     where ${inUnits(scope, 'd.unit_id')} ${only('d.unit_id')}`.execute(conn);
  const row = r.rows[0];
  return {
    computedAt: row?.computed_at ?? null,
    pending: Number(row?.pending ?? 0),
    oldestMark: row?.oldest_mark ?? null,
  };
}

/**
 * The programme figures of one unit-month from the records: one row per programme of the unit.
 * Held = not cancelled and started (as the dashboard counts); marks are those of held sessions;
 * participants are the people enrolled at any time in the month; sales are net of reversals
 * (a reversal is a negative row in its own month, as the premi and sales modules count them).
 */
export function programmeFigures(unitId: string, month: string) {
  const from = firstDay(month);
  const to = sql`(${from}::date + interval '1 month' - interval '1 day')::date`;
  return sql`
    with prg as (select id from programmes where unit_id = ${unitId}),
    ses as (
      select s.programme_id,
             count(*) filter (where s.status <> 'cancelled' and s.starts_at <= now()) as held,
             count(*) filter (where s.status = 'cancelled') as cancelled
        from prg join programme_sessions s on s.programme_id = prg.id
       where s.day between ${from} and ${to}
       group by 1),
    mk as (
      select s.programme_id,
             count(*) filter (where m.status = 'hadir') as hadir,
             count(*) filter (where m.status = 'terlambat') as terlambat,
             count(*) filter (where m.status = 'izin') as izin,
             count(*) filter (where m.status = 'sakit') as sakit,
             count(*) filter (where m.status = 'alpa') as alpa,
             count(*) filter (where m.status = 'dispensasi') as dispensasi
        from prg join programme_sessions s on s.programme_id = prg.id
        join attendance_marks m on m.session_id = s.id
       where s.day between ${from} and ${to} and s.status <> 'cancelled' and s.starts_at <= now()
       group by 1),
    ppl as (
      select e.programme_id,
             count(distinct coalesce(e.inmate_id, e.id)) filter (where e.kind = 'inmate' and i.register_class::text like 'B%') as narapidana,
             count(distinct coalesce(e.inmate_id, e.id)) filter (where e.kind = 'inmate' and coalesce(i.register_class::text, '') not like 'B%') as tahanan,
             count(distinct e.id) filter (where e.kind = 'intern') as intern,
             count(distinct e.id) filter (where e.kind = 'staff') as staff,
             count(distinct coalesce(e.inmate_id, e.id)) as total,
             count(*) filter (where e.started_on >= ${from}) as enrolled,
             count(*) filter (where e.status = 'completed' and e.ended_on between ${from} and ${to}) as completed
        from prg join enrolments e on e.programme_id = prg.id
        left join inmates i on i.id = e.inmate_id
       where e.started_on <= ${to} and (e.ended_on is null or e.ended_on >= ${from})
       group by 1),
    comp as (
      select e.programme_id, count(*) as n
        from prg join enrolments e on e.programme_id = prg.id
        join competency_assessments ca on ca.enrolment_id = e.id
       where ca.status = 'competent' and ca.assessed_on between ${from} and ${to}
       group by 1),
    cert as (
      select c.programme_id,
             count(*) filter (where c.status = 'valid' and c.issued_on between ${from} and ${to}) as issued,
             count(*) filter (where c.status = 'revoked'
               and (c.revoked_at at time zone u.timezone::text)::date between ${from} and ${to}) as revoked
        from certificates c join units u on u.id = c.unit_id
       where c.unit_id = ${unitId} and (c.issued_on between ${from} and ${to} or c.revoked_at is not null)
       group by 1),
    prod as (
      select pe.programme_id, sum(pe.finished) as finished
        from production_entries pe
       where pe.unit_id = ${unitId} and pe.day between ${from} and ${to}
       group by 1),
    qc as (
      select b.programme_id, sum(l.submitted) as checked, sum(l.passed) as passed,
             sum(l.passed::bigint * coalesce(l.rate, 0)) as value
        from qc_batches b join qc_batch_lines l on l.batch_id = b.id
       where b.unit_id = ${unitId} and b.checked_on between ${from} and ${to} and l.passed is not null
       group by 1),
    sal as (
      select p.programme_id,
             count(distinct s.id) filter (where s.status <> 'reversal')
               - count(distinct s.id) filter (where s.status = 'reversal') as n,
             sum(sl.amount) as value
        from sales s join sale_lines sl on sl.sale_id = s.id join products p on p.id = sl.product_id
       where s.unit_id = ${unitId} and s.sold_on between ${from} and ${to} and p.programme_id is not null
       group by 1)
    select ${unitId}::uuid as unit_id, prg.id as programme_id, ${from}::date as month,
           coalesce(ppl.narapidana, 0) as participants_narapidana,
           coalesce(ppl.tahanan, 0) as participants_tahanan,
           coalesce(ppl.intern, 0) as participants_intern,
           coalesce(ppl.staff, 0) as participants_staff,
           coalesce(ppl.total, 0) as participants_total,
           coalesce(ppl.enrolled, 0) as enrolled,
           coalesce(ppl.completed, 0) as completed,
           coalesce(ses.held, 0) as sessions_held,
           coalesce(ses.cancelled, 0) as sessions_cancelled,
           coalesce(mk.hadir, 0) as marks_hadir,
           coalesce(mk.terlambat, 0) as marks_terlambat,
           coalesce(mk.izin, 0) as marks_izin,
           coalesce(mk.sakit, 0) as marks_sakit,
           coalesce(mk.alpa, 0) as marks_alpa,
           coalesce(mk.dispensasi, 0) as marks_dispensasi,
           coalesce(comp.n, 0) as competencies,
           coalesce(cert.issued, 0) as certificates,
           coalesce(cert.revoked, 0) as certificates_revoked,
           coalesce(prod.finished, 0) as items_finished,
           coalesce(qc.checked, 0) as items_checked,
           coalesce(qc.passed, 0) as items_passed,
           coalesce(qc.value, 0) as offtake_value,
           coalesce(sal.n, 0) as sales_count,
           coalesce(sal.value, 0) as sales_value
      from prg
      left join ses on ses.programme_id = prg.id
      left join mk on mk.programme_id = prg.id
      left join ppl on ppl.programme_id = prg.id
      left join comp on comp.programme_id = prg.id
      left join cert on cert.programme_id = prg.id
      left join prod on prod.programme_id = prg.id
      left join qc on qc.programme_id = prg.id
      left join sal on sal.programme_id = prg.id
     where ppl.programme_id is not null or ses.programme_id is not null or comp.programme_id is not null
        or (cert.issued + cert.revoked) > 0 or prod.programme_id is not null or qc.programme_id is not null
        or sal.programme_id is not null`;
}

/** Figures that sum over the programmes; participants and sales are the unit's own (distinct, all sales). */
const SUMMED = FIGURE_COLUMNS.filter((c) => !c.startsWith('participants_') && !c.startsWith('sales_'));

/** The unit's row of a month, from its programme rows (already recounted) and its own records. */
export function unitFigures(unitId: string, month: string) {
  const from = firstDay(month);
  const to = sql`(${from}::date + interval '1 month' - interval '1 day')::date`;
  const sums = sql.raw(SUMMED.map((c) => `coalesce(sum(${c}), 0) as ${c}`).join(', '));
  return sql`
    with pm as (select * from rollup_programme_months where unit_id = ${unitId} and month = ${from}),
    summed as (
      select ${sums},
             count(*) filter (where sessions_held > 0) as programmes_running,
             (select count(distinct ppa.program_aksi_id) from pm join programme_program_aksi ppa
                on ppa.programme_id = pm.programme_id where pm.sessions_held > 0) as program_aksi_served
        from pm),
    ppl as (
      select count(distinct coalesce(e.inmate_id, e.id)) filter (where e.kind = 'inmate' and i.register_class::text like 'B%') as narapidana,
             count(distinct coalesce(e.inmate_id, e.id)) filter (where e.kind = 'inmate' and coalesce(i.register_class::text, '') not like 'B%') as tahanan,
             count(distinct e.id) filter (where e.kind = 'intern') as intern,
             count(distinct e.id) filter (where e.kind = 'staff') as staff,
             count(distinct coalesce(e.inmate_id, e.id)) as total
        from programmes pr join enrolments e on e.programme_id = pr.id
        left join inmates i on i.id = e.inmate_id
       where pr.unit_id = ${unitId} and e.started_on <= ${to} and (e.ended_on is null or e.ended_on >= ${from})),
    sal as (
      select count(*) filter (where status <> 'reversal') - count(*) filter (where status = 'reversal') as n,
             coalesce(sum(total), 0) as value
        from sales where unit_id = ${unitId} and sold_on between ${from} and ${to}),
    premi as (
      select coalesce(sum(premi), 0) as premi, coalesce(sum(pnbp), 0) as pnbp, coalesce(sum(capital), 0) as capital
        from premi_runs where unit_id = ${unitId} and month = ${from} and status = 'posted'),
    dep as (
      select coalesce(sum(amount), 0) as deposited
        from pnbp_deposits where unit_id = ${unitId} and deposited_on between ${from} and ${to}),
    agr as (
      select count(*) filter (where signed_on between ${from} and ${to}) as new,
             count(*) filter (where valid_to between ${from} and ${to} or terminated_on between ${from} and ${to}) as ending,
             count(*) filter (where valid_from <= ${to} and (valid_to is null or valid_to >= ${to})
               and (terminated_on is null or terminated_on > ${to})) as active,
             count(distinct partner_id) filter (where valid_from <= ${to} and (valid_to is null or valid_to >= ${to})
               and (terminated_on is null or terminated_on > ${to})) as partners
        from agreements where unit_id = ${unitId} and status <> 'draft')
    select ${unitId}::uuid as unit_id, ${from}::date as month,
           ppl.narapidana as participants_narapidana, ppl.tahanan as participants_tahanan,
           ppl.intern as participants_intern, ppl.staff as participants_staff, ppl.total as participants_total,
           ${cols(SUMMED, 'summed.')}, sal.n as sales_count, sal.value as sales_value,
           summed.programmes_running, summed.program_aksi_served,
           premi.premi, premi.pnbp, premi.capital, dep.deposited as pnbp_deposited,
           agr.new as agreements_new, agr.ending as agreements_ending,
           agr.active as agreements_active, agr.partners as partners_active
      from summed, ppl, sal, premi, dep, agr`;
}

/** The advisory lock of one unit-month: two recounts of it never overlap. */
const lockKey = (unitId: string, month: string) => sql`hashtextextended(${`rollup:${unitId}:${month}`}, 0)`;

/** Recount one unit-month and its programme rows, waiting for a recount of it under way. */
export async function recount(conn: Conn, unitId: string, month: string, opts: { wait?: boolean } = {}) {
  if (opts.wait === false) {
    const got = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${lockKey(unitId, month)}) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return false;
  } else {
    await sql`select pg_advisory_xact_lock(${lockKey(unitId, month)})`.execute(conn);
  }
  await sql`delete from rollup_programme_months where unit_id = ${unitId} and month = ${firstDay(month)}`.execute(
    conn,
  );
  await sql`insert into rollup_programme_months (unit_id, programme_id, month, ${cols(FIGURE_COLUMNS)})
    ${programmeFigures(unitId, month)}`.execute(conn);
  const unitCols = [...FIGURE_COLUMNS, ...UNIT_COLUMNS];
  await sql`insert into rollup_unit_months (unit_id, month, ${cols(unitCols)})
    ${unitFigures(unitId, month)}
    on conflict (unit_id, month) do update set
      ${sql.raw(unitCols.map((c) => `${c} = excluded.${c}`).join(', '))}, computed_at = now()`.execute(conn);
  await recountOutcomes(conn, unitId, month);
  return true;
}

/** The outcome columns (0031): the people released in the row's month and what became of them. */
export const OUTCOME_COLUMNS = [
  'outcome_released',
  'outcome_followed_up',
  'outcome_m6',
  'outcome_m6_working',
  'outcome_m12',
  'outcome_m12_reoffended',
] as const;

export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];

/**
 * The outcomes of one unit-month, per programme and for the unit (distinct people): participants
 * of the unit's programmes (an enrolment started by their release) released in the month; followed
 * up: at least one follow-up; six months: answered and reached (contact not lost), working:
 * employed or own business; twelve months: answered (reached, or known to have re-offended),
 * re-offended of them. Read by the unit's programmes' enrolments and by person, never a full scan.
 */
export function outcomeFigures(unitId: string, month: string) {
  const from = firstDay(month);
  const to = sql`(${from}::date + interval '1 month' - interval '1 day')::date`;
  return sql`
    with rel as (
      select distinct e.programme_id, c.inmate_id
        from programmes pr join enrolments e on e.programme_id = pr.id
        join reintegration_cases c on c.inmate_id = e.inmate_id
       where pr.unit_id = ${unitId} and c.released_on between ${from} and ${to}
         and e.started_on <= c.released_on),
    fu as (
      select f.inmate_id,
             bool_or(f.month_no = 6 and not f.contact_lost) as m6,
             bool_or(f.month_no = 6 and not f.contact_lost and f.work_status in ('employed', 'own_business')) as m6_working,
             bool_or(f.month_no = 12 and (not f.contact_lost or f.reoffended)) as m12,
             bool_or(f.month_no = 12 and f.reoffended) as m12_reoffended
        from follow_ups f where f.inmate_id in (select inmate_id from rel)
       group by 1),
    per as (
      select rel.programme_id, rel.inmate_id, fu.inmate_id is not null as followed_up,
             coalesce(fu.m6, false) as m6, coalesce(fu.m6_working, false) as m6_working,
             coalesce(fu.m12, false) as m12, coalesce(fu.m12_reoffended, false) as m12_reoffended
        from rel left join fu on fu.inmate_id = rel.inmate_id)
    select programme_id, count(distinct inmate_id)::int as outcome_released,
           count(distinct inmate_id) filter (where followed_up)::int as outcome_followed_up,
           count(distinct inmate_id) filter (where m6)::int as outcome_m6,
           count(distinct inmate_id) filter (where m6_working)::int as outcome_m6_working,
           count(distinct inmate_id) filter (where m12)::int as outcome_m12,
           count(distinct inmate_id) filter (where m12_reoffended)::int as outcome_m12_reoffended
      from per group by grouping sets ((programme_id), ())`;
}

/**
 * Write one unit-month's outcomes into its rows (after the recount of its figures): a programme
 * with released participants but nothing else in the month gets a row of its own (zero figures).
 */
async function recountOutcomes(conn: Conn, unitId: string, month: string) {
  const r = await sql<{ programme_id: string | null } & Record<OutcomeColumn, number>>`${outcomeFigures(
    unitId,
    month,
  )}`.execute(conn);
  const set = sql.raw(OUTCOME_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));
  for (const row of r.rows) {
    const values = sql.join(OUTCOME_COLUMNS.map((c) => sql`${row[c]}`));
    if (row.programme_id === null) {
      await sql`update rollup_unit_months set (${cols(OUTCOME_COLUMNS)}) = row(${values})
        where unit_id = ${unitId} and month = ${firstDay(month)}`.execute(conn);
    } else {
      await sql`insert into rollup_programme_months (unit_id, programme_id, month, ${cols(OUTCOME_COLUMNS)})
        values (${unitId}, ${row.programme_id}, ${firstDay(month)}, ${values})
        on conflict (programme_id, month) do update set ${set}`.execute(conn);
    }
  }
}

/**
 * The outcome counts of the releases from `from` to `to` ('YYYY-MM'), summed over the months in
 * PostgreSQL: one row per unit (distinct people), or per programme, within the scope; only rows
 * with someone released. Reads the aggregates only.
 */
export async function outcomeTotals(
  conn: Conn,
  scope: Scope,
  p: { from: string; to: string; by: 'unit' | 'programme'; unitIds?: readonly string[] | undefined },
): Promise<Array<{ unit_id: string; programme_id: string | null } & Record<OutcomeColumn, number>>> {
  const table = sql.raw(p.by === 'unit' ? 'rollup_unit_months' : 'rollup_programme_months');
  const programme = sql.raw(p.by === 'unit' ? 'null::uuid' : 'r.programme_id');
  const sums = sql.raw(OUTCOME_COLUMNS.map((c) => `sum(r.${c})::int as ${c}`).join(', '));
  const only = p.unitIds
    ? sql`and r.unit_id in (${sql.join(p.unitIds.length ? p.unitIds : [NO_ID])})`
    : sql``;
  const r = await sql<{ unit_id: string; programme_id: string | null } & Record<OutcomeColumn, number>>`
    select r.unit_id, ${programme} as programme_id, ${sums}
      from ${table} r
     where r.month >= ${firstDay(p.from)} and r.month <= ${firstDay(p.to)}
       and r.outcome_released > 0
       and ${inUnits(scope, 'r.unit_id')} ${only}
     group by 1, 2
     order by 1, 2`.execute(conn);
  return r.rows;
}

/** A unit's months from `from` to `to` ('YYYY-MM') with changes waiting for a recount. */
export async function dirtyMonthsOf(conn: Conn, unitId: string, from: string, to: string): Promise<string[]> {
  const r = await sql<{ month: string }>`
    select distinct to_char(month, 'YYYY-MM') as month from rollup_dirty
     where unit_id = ${unitId} and month >= ${firstDay(from)} and month <= ${firstDay(to)}
     order by 1`.execute(conn);
  return r.rows.map((x) => x.month);
}

export interface DirtyBatch {
  ids: string[];
  unitMonths: Array<{ unitId: string; month: string }>;
}

/**
 * Claim up to `limit` unit-months to recount: logged rows committed and not taken by another
 * node (SKIP LOCKED), then every other free row of the same unit-months, oldest first.
 */
export async function claimDirty(conn: Conn, limit: number): Promise<DirtyBatch> {
  const first = await sql<{ unit_id: string; month: string }>`
    select distinct unit_id, to_char(month, 'YYYY-MM') as month from (
      select unit_id, month from rollup_dirty order by id limit ${limit * 4} for update skip locked) d
     limit ${limit}`.execute(conn);
  if (first.rows.length === 0) return { ids: [], unitMonths: [] };
  const pairs = first.rows.map((r) => sql`(${r.unit_id}::uuid, ${firstDay(r.month)}::date)`);
  const rows = await sql<{ id: string }>`
    select id from rollup_dirty where (unit_id, month) in (${sql.join(pairs)})
       for update skip locked`.execute(conn);
  return {
    ids: rows.rows.map((r) => r.id),
    unitMonths: first.rows.map((r) => ({ unitId: r.unit_id, month: r.month })),
  };
}

/** Forget the logged rows of the unit-months recounted (ids claimed in this transaction). */
export async function forgetDirty(
  conn: Conn,
  ids: readonly string[],
  keep: ReadonlyArray<{ unitId: string; month: string }>,
) {
  if (ids.length === 0) return;
  const kept = keep.map((k) => sql`(${k.unitId}::uuid, ${firstDay(k.month)}::date)`);
  await sql`delete from rollup_dirty where id in (${sql.join(ids)})
    ${kept.length ? sql`and (unit_id, month) not in (${sql.join(kept)})` : sql``}`.execute(conn);
}

/**
 * The clock: figures that change with time alone (a session becomes held when it starts, an
 * enrolment runs into a new month). Each unit's current month is marked when its row is more than
 * an hour old or missing, and the previous month once more if its row predates the month's end.
 */
export async function markClock(conn: Conn): Promise<number> {
  const r = await sql`
    insert into rollup_dirty (unit_id, month)
    select u.id, m.month
      from units u
     cross join lateral (select date_trunc('month', now() at time zone u.timezone::text)::date as cur) c
     cross join lateral (values (c.cur), ((c.cur - interval '1 month')::date)) as m(month)
      left join rollup_unit_months r on r.unit_id = u.id and r.month = m.month
     where u.active
       and (r.unit_id is null
         or (m.month = c.cur and r.computed_at < now() - interval '1 hour')
         or (m.month < c.cur and r.computed_at < (c.cur::timestamp at time zone u.timezone::text)))
       and not exists (select 1 from rollup_dirty d where d.unit_id = u.id and d.month = m.month)`.execute(
    conn,
  );
  return Number(r.numAffectedRows ?? 0);
}
