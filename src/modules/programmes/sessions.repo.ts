// SQL for weekly schedules and the sessions generated from them (and cancelled on holidays).
// Reads of sessions take the viewer's scope like programmes.repo.ts.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { TimeZone } from '../../db/schema.ts';

const scheduleCols = [
  'id',
  'programme_id',
  'weekdays',
  'every_n_weeks',
  'starts_on',
  'ends_on',
  'start_time',
  'end_time',
  'skip_holidays',
] as const;

export async function schedulesOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('schedules')
    .select(scheduleCols)
    .where('programme_id', '=', programmeId)
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
}

export type ScheduleRow = Awaited<ReturnType<typeof schedulesOf>>[number];

/** Schedules with what generating their sessions needs: the rule and the unit's zone. */
function scheduleRows(conn: Conn) {
  return conn
    .selectFrom('schedules as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select([
      's.id',
      's.programme_id',
      's.weekdays',
      's.every_n_weeks',
      's.starts_on',
      's.ends_on',
      's.start_time',
      's.end_time',
      's.skip_holidays',
      'pr.unit_id',
      'u.timezone',
    ]);
}

/** All of one programme's schedules, so a schedule entered after the fact still gets its sessions. */
export async function liveSchedules(conn: Conn, programmeId: string) {
  return scheduleRows(conn).where('s.programme_id', '=', programmeId).execute();
}

export async function insertSchedule(
  conn: Conn,
  v: {
    programme_id: string;
    weekdays: number[];
    every_n_weeks: number;
    starts_on: string;
    ends_on: string | null;
    start_time: string;
    end_time: string;
    skip_holidays: boolean;
  },
) {
  return (await conn.insertInto('schedules').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export interface SessionValues {
  programme_id: string;
  schedule_id: string | null;
  day: string;
  starts_at: Date;
  ends_at: Date;
  extra?: boolean;
}

export async function insertSession(conn: Conn, v: SessionValues): Promise<string> {
  return (await conn.insertInto('programme_sessions').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

const sessionCols = [
  'id',
  'programme_id',
  'schedule_id',
  'day',
  'starts_at',
  'ends_at',
  'status',
  'cancel_reason',
  'extra',
  'rescheduled_from',
] as const;

export async function sessionsBetween(conn: Conn, programmeId: string, from: string, to: string) {
  return conn
    .selectFrom('programme_sessions')
    .select(sessionCols)
    .where('programme_id', '=', programmeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('starts_at')
    .execute();
}

export type SessionRow = Awaited<ReturnType<typeof sessionsBetween>>[number];

/** Every session of the programmes in the viewer's scope between two days, for the unit calendar. */
export async function sessionsInScope(conn: Conn, scope: Scope, from: string, to: string) {
  return conn
    .selectFrom('programme_sessions as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select(sessionCols.map((c) => `s.${c}` as const))
    .select(['pr.name as programme_name', 'pr.unit_id', 'u.timezone'])
    .where('s.day', '>=', from)
    .where('s.day', '<=', to)
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }))
    .orderBy('s.starts_at')
    .limit(2000)
    .execute();
}

export async function findSession(conn: Conn, programmeId: string, id: string) {
  return conn
    .selectFrom('programme_sessions')
    .select(sessionCols)
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function cancelSessions(
  conn: Conn,
  programmeId: string,
  ids: readonly string[],
  reason: string,
) {
  if (ids.length === 0) return;
  await conn
    .updateTable('programme_sessions')
    .set({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() })
    .where('programme_id', '=', programmeId)
    .where('id', 'in', ids)
    .execute();
}

export async function moveSession(
  conn: Conn,
  id: string,
  v: { day: string; starts_at: Date; ends_at: Date; rescheduled_from: string | null },
) {
  await conn
    .updateTable('programme_sessions')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function unitZone(conn: Conn, unitId: string): Promise<TimeZone> {
  const r = await conn
    .selectFrom('units')
    .select('timezone')
    .where('id', '=', unitId)
    .executeTakeFirstOrThrow();
  return r.timezone;
}

export async function findSchedule(conn: Conn, programmeId: string, id: string) {
  return conn
    .selectFrom('schedules')
    .select(scheduleCols)
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateSchedule(
  conn: Conn,
  id: string,
  v: Partial<{
    weekdays: number[];
    every_n_weeks: number;
    ends_on: string | null;
    start_time: string;
    end_time: string;
    skip_holidays: boolean;
  }>,
) {
  await conn.updateTable('schedules').set(v).where('id', '=', id).execute();
}

/**
 * A schedule's scheduled sessions not yet begun at `now` (without the ones moved by hand unless
 * `moved`): the ones an edit or end of the schedule may replace or cancel. After `after` if given.
 */
export async function pendingGenerated(
  conn: Conn,
  scheduleId: string,
  now: Date,
  o: { after?: string; moved: boolean },
) {
  let q = conn
    .selectFrom('programme_sessions')
    .select(['id', 'day'])
    .where('schedule_id', '=', scheduleId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now);
  if (!o.moved) q = q.where('rescheduled_from', 'is', null);
  if (o.after) q = q.where('day', '>', o.after);
  return q.orderBy('day').execute();
}

export async function deleteSessions(conn: Conn, ids: readonly string[]) {
  if (ids.length) await conn.deleteFrom('programme_sessions').where('id', 'in', ids).execute();
}

/** The running programmes' schedules not ended before the earliest "today" of any zone. */
export async function schedulesToFill(conn: Conn, earliestToday: string) {
  return scheduleRows(conn)
    .where('pr.status', '!=', 'finished')
    .where((eb) => eb.or([eb('s.ends_on', 'is', null), eb('s.ends_on', '>=', earliestToday)]))
    .orderBy('pr.unit_id')
    .orderBy('s.id')
    .execute();
}

/** Days the schedules already hold from `from` on: their sessions' days and the days moved from. */
export async function claimedDaysOf(conn: Conn, scheduleIds: readonly string[], from: string) {
  const out = new Map<string, Set<string>>();
  if (scheduleIds.length === 0) return out;
  const rows = await sql<{ schedule_id: string; day: string }>`
    select schedule_id, to_char(day, 'YYYY-MM-DD') as day from programme_sessions
      where schedule_id = any(${[...scheduleIds]}::uuid[]) and day >= ${from}::date
    union all
    select schedule_id, to_char(rescheduled_from, 'YYYY-MM-DD') from programme_sessions
      where schedule_id = any(${[...scheduleIds]}::uuid[]) and rescheduled_from >= ${from}::date`.execute(
    conn,
  );
  for (const r of rows.rows) {
    const set = out.get(r.schedule_id) ?? new Set<string>();
    out.set(r.schedule_id, set);
    set.add(r.day);
  }
  return out;
}

/** Set-based insert of many sessions (one statement per 5,000), skipping any (schedule, day) held. */
export async function insertSessionsBulk(conn: Conn, rows: readonly SessionValues[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const r = await sql<{ n: string }>`
      with ins as (
        insert into programme_sessions (programme_id, schedule_id, day, starts_at, ends_at)
        select * from unnest(${part.map((x) => x.programme_id)}::uuid[], ${part.map((x) => x.schedule_id)}::uuid[],
          ${part.map((x) => x.day)}::date[], ${part.map((x) => x.starts_at.toISOString())}::timestamptz[],
          ${part.map((x) => x.ends_at.toISOString())}::timestamptz[])
        on conflict (schedule_id, day) where schedule_id is not null do nothing
        returning 1)
      select count(*) as n from ins`.execute(conn);
    n += toNumber(r.rows[0]?.n);
  }
  return n;
}

/**
 * Cancels the scheduled sessions on `day` of schedules that skip holidays, in one unit or (unitId
 * null, a national holiday) every unit, where that day is today or later in the unit's own zone.
 */
export async function cancelOnHoliday(conn: Conn, unitId: string | null, day: string, reason: string) {
  let q = conn
    .updateTable('programme_sessions as ps')
    .from('schedules as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .set({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() })
    .whereRef('s.id', '=', 'ps.schedule_id')
    .where('ps.day', '=', day)
    .where('ps.status', '=', 'scheduled')
    .where('s.skip_holidays', '=', true)
    .where(sql<boolean>`ps.day >= (now() at time zone u.timezone)::date`);
  if (unitId) q = q.where('pr.unit_id', '=', unitId);
  return q.returning(['ps.id', 'pr.unit_id']).execute();
}

/**
 * Sessions in the viewer's scope between two days with whether their roll call and journal were
 * done, in one statement (sessions.status.ts turns the facts into statuses). `locked` compares
 * the session's day with "today" in the unit's zone at `now`, as attendance.rules.ts isLocked does.
 */
export async function sessionsWithFacts(
  conn: Conn,
  scope: Scope,
  o: {
    unitId?: string | undefined;
    programmeIds?: readonly string[] | undefined;
    ids?: readonly string[] | undefined;
    from: string;
    to: string;
    limit: number;
    order: 'asc' | 'desc';
    now: Date;
    lockDays: number;
  },
) {
  const todayThere = sql<string>`(${o.now.toISOString()}::timestamptz at time zone u.timezone)::date`;
  let q = conn
    .selectFrom('programme_sessions as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select([
      's.id',
      's.programme_id',
      'pr.name as programme_name',
      'pr.unit_id',
      'u.timezone',
      sql<string>`to_char(s.day, 'YYYY-MM-DD')`.as('day'),
      sql<string>`to_char(s.starts_at at time zone u.timezone, 'HH24:MI')`.as('start_time'),
      sql<string>`to_char(s.ends_at at time zone u.timezone, 'HH24:MI')`.as('end_time'),
      's.starts_at',
      's.ends_at',
      's.status',
      's.cancel_reason',
      's.extra',
      sql<string | null>`to_char(s.rescheduled_from, 'YYYY-MM-DD')`.as('rescheduled_from'),
      sql<boolean>`s.starts_at > ${o.now.toISOString()}::timestamptz`.as('not_begun'),
      sql<boolean>`exists (select 1 from attendance_marks m where m.session_id = s.id)`.as('marked'),
      sql<boolean>`exists (select 1 from session_journals j where j.session_id = s.id)`.as('journalled'),
      sql<boolean>`${todayThere} - s.day > ${o.lockDays}::int`.as('past_lock'),
    ])
    .where('s.day', '>=', o.from)
    .where('s.day', '<=', o.to)
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }));
  if (o.unitId) q = q.where('pr.unit_id', '=', o.unitId);
  if (o.programmeIds) {
    if (o.programmeIds.length === 0) return [];
    q = q.where('pr.id', 'in', o.programmeIds);
  }
  if (o.ids) {
    if (o.ids.length === 0) return [];
    q = q.where('s.id', 'in', o.ids);
  }
  return q.orderBy('s.starts_at', o.order).orderBy('s.id', o.order).limit(o.limit).execute();
}

export type SessionFacts = Awaited<ReturnType<typeof sessionsWithFacts>>[number];
