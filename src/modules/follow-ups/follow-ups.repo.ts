// SQL of the follow-ups after release. The due list reads the released cases and their follow-up
// consents (reintegration's tables, read-only, one query per page) and expands each case into its
// four milestones; every read passes `person`, so a Bapas probation officer (PK) sees only the
// people whose case names them and a unit's staff their unit's.
import { type RawBuilder, sql } from 'kysely';
import { type Scope, scopeFilter, withinUnit } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { FollowUpMonth, IncomeBand, TimeZone, WorkStatus } from '../../db/schema.ts';
import { AHEAD_DAYS } from './follow-ups.rules.ts';

const CASE = { unit: 'rc.unit_id', partner: null, person: 'rc.inmate_id' };
const FOLLOW_UP = { unit: 'f.unit_id', partner: null, person: 'f.inmate_id' };

/** The case's unit's own today at the context's clock (`u` is the unit joined). */
const unitToday = (now: Date) =>
  sql<string>`(${now.toISOString()}::timestamptz at time zone u.timezone)::date`;

/** A live follow-up consent given on or before the release day (withdrawal ends it from its day). */
const consentBeforeRelease = (today: RawBuilder<string>) => sql<boolean>`exists (
  select 1 from reintegration_consents c
   where c.inmate_id = rc.inmate_id and c.purpose = 'follow_up' and c.given_on <= rc.released_on
     and (c.withdrawn_on is null or c.withdrawn_on > ${today}))`;

export interface DueRow {
  inmate_id: string;
  name: string;
  reg_number: string;
  unit_name: string;
  timezone: TimeZone;
  released_on: string;
  pk_name: string | null;
  month_no: FollowUpMonth;
  due_on: string;
  today: string;
}

export type DueFilter = 'open' | 'overdue';

/**
 * The follow-ups not yet recorded whose due day has come or comes within AHEAD_DAYS of the unit's
 * today, until the next milestone's window opens; people with a live consent given before release.
 */
function dueQuery(scope: Scope, now: Date, filter: DueFilter) {
  const today = unitToday(now);
  const due = sql`(rc.released_on + make_interval(months => m.n))::date`;
  return sql`from reintegration_cases rc
      join inmates i on i.id = rc.inmate_id
      join units u on u.id = rc.unit_id
      left join users pk on pk.id = rc.pk_user_id
      cross join (values (1, 3), (3, 6), (6, 12), (12, 15)) as m(n, next_n)
     where rc.released_on is not null and rc.pseudonymised_at is null
       and ${scopeFilter(scope, CASE)}
       and ${consentBeforeRelease(today)}
       and not exists (select 1 from follow_ups f where f.inmate_id = rc.inmate_id and f.month_no = m.n)
       and ${due} <= ${today} + ${AHEAD_DAYS}::int
       and ${today} < (rc.released_on + make_interval(months => m.next_n))::date
       ${filter === 'overdue' ? sql`and ${due} < ${today}` : sql``}`;
}

export async function listDue(
  conn: Conn,
  scope: Scope,
  now: Date,
  o: { filter: DueFilter; limit: number; offset: number },
) {
  const today = unitToday(now);
  const q = dueQuery(scope, now, o.filter);
  const [rows, total] = await Promise.all([
    sql<DueRow>`select rc.inmate_id, i.name, i.reg_number, u.name as unit_name, u.timezone, rc.released_on,
        pk.full_name as pk_name, m.n as month_no,
        (rc.released_on + make_interval(months => m.n))::date as due_on, ${today} as today
      ${q}
      order by due_on, i.name, m.n
      limit ${o.limit} offset ${o.offset}`.execute(conn),
    sql<{ n: string }>`select count(*) as n ${q}`.execute(conn),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** The open follow-ups in scope (of one unit when given), counted as overdue, due today and upcoming. */
export async function countDue(conn: Conn, scope: Scope, now: Date, unitId: string | null) {
  const today = unitToday(now);
  const due = sql`(rc.released_on + make_interval(months => m.n))::date`;
  const r = await sql<{ overdue: string; today: string; upcoming: string }>`select
      count(*) filter (where ${due} < ${today}) as overdue,
      count(*) filter (where ${due} = ${today}) as today,
      count(*) filter (where ${due} > ${today}) as upcoming
    ${dueQuery(unitId ? withinUnit(scope, unitId) : scope, now, 'open')}`.execute(conn);
  const row = r.rows[0];
  return {
    overdue: Number(row?.overdue ?? 0),
    today: Number(row?.today ?? 0),
    upcoming: Number(row?.upcoming ?? 0),
  };
}

const followUpCols = [
  'f.id',
  'f.inmate_id',
  'f.unit_id',
  'f.month_no',
  'f.contacted_on',
  'f.contact_lost',
  'f.work_status',
  'f.income_band',
  'f.in_trade',
  'f.reoffended',
  'f.note',
  'f.by_bapas',
  'f.recorded_by',
  'f.updated_at',
] as const;

/** One person's recorded follow-ups (the caller has found the person's case within the scope). */
export async function followUpsOf(conn: Conn, scope: Scope, inmateId: string) {
  return conn
    .selectFrom('follow_ups as f')
    .leftJoin('users as r', 'r.id', 'f.recorded_by')
    .select(followUpCols)
    .select('r.full_name as recorded_by_name')
    .where('f.inmate_id', '=', inmateId)
    .where(scopeFilter(scope, FOLLOW_UP))
    .orderBy('f.month_no')
    .execute();
}
export type FollowUpRow = Awaited<ReturnType<typeof followUpsOf>>[number];

/** One follow-up within the scope (a PK's only when the person's case names them). */
export async function findFollowUp(conn: Conn, scope: Scope, id: string) {
  return conn
    .selectFrom('follow_ups as f')
    .select(followUpCols)
    .where('f.id', '=', id)
    .where(scopeFilter(scope, FOLLOW_UP))
    .executeTakeFirst();
}

export interface FollowUpValues {
  contacted_on: string;
  contact_lost: boolean;
  work_status: WorkStatus | null;
  income_band: IncomeBand | null;
  in_trade: boolean | null;
  reoffended: boolean;
  note: string | null;
  recorded_by: string | null;
  by_bapas: boolean;
}

/** The person's follow-up of that month, locked for a correction (or undefined when not recorded). */
export async function lockMonth(conn: Conn, inmateId: string, month: FollowUpMonth) {
  return conn
    .selectFrom('follow_ups as f')
    .select(followUpCols)
    .where('f.inmate_id', '=', inmateId)
    .where('f.month_no', '=', month)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertFollowUp(
  conn: Conn,
  v: FollowUpValues & { inmate_id: string; unit_id: string; month_no: FollowUpMonth },
) {
  return (await conn.insertInto('follow_ups').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFollowUp(conn: Conn, id: string, v: FollowUpValues) {
  await conn
    .updateTable('follow_ups')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
