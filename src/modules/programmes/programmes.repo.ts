// SQL for programmes, their curriculum, Program Aksi tags, schedules and sessions. Reads take the
// viewer's scope: their units, and for a partner instructor, only their own partner's programmes.
import { sql } from 'kysely';
import type { Scope } from '../../app/policy.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { Eligibility, ProgrammeKind, ProgrammeStatus, TimeZone } from '../../db/schema.ts';

const NONE = '00000000-0000-0000-0000-000000000000';
const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  let q = conn
    .selectFrom('programmes as pr')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .leftJoin('partners as p', 'p.id', 'pr.partner_id')
    .leftJoin('agreements as a', 'a.id', 'pr.agreement_id')
    .select([
      'pr.id',
      'pr.unit_id',
      'u.name as unit_name',
      'u.timezone',
      'pr.name',
      'pr.kind',
      'pr.skill_area',
      'pr.partner_id',
      'p.legal_name as partner_name',
      'pr.agreement_id',
      'a.title as agreement_title',
      'pr.location',
      'pr.capacity',
      'pr.status',
      'pr.eligibility',
    ]);
  if (!scope.all) q = q.where('pr.unit_id', 'in', scope.unitIds.length ? scope.unitIds : [NONE]);
  if (scope.partnerId !== undefined) q = q.where('pr.partner_id', '=', scope.partnerId ?? NONE);
  return q;
}

export type ProgrammeRow = Awaited<ReturnType<typeof findProgramme>> & {};

export async function findProgramme(conn: Conn, scope: Scope, id: string) {
  return scoped(conn, scope).where('pr.id', '=', id).executeTakeFirst();
}

export async function listProgrammes(
  conn: Conn,
  scope: Scope,
  f: {
    q?: string | undefined;
    status?: ProgrammeStatus | undefined;
    partnerId?: string | undefined;
    page: number;
  },
) {
  let q = scoped(conn, scope);
  if (f.partnerId) q = q.where('pr.partner_id', '=', f.partnerId);
  if (f.q) q = q.where('pr.name', 'ilike', `%${f.q.replace(/[%_\\]/g, '')}%`);
  if (f.status) q = q.where('pr.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .orderBy('pr.name')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toNumber(count?.n), pageSize: PAGE };
}

export async function programmeIdByName(conn: Conn, unitId: string, name: string) {
  const r = await conn
    .selectFrom('programmes')
    .select('id')
    .where('unit_id', '=', unitId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return r?.id;
}

export interface ProgrammeValues {
  name: string;
  kind: ProgrammeKind;
  skill_area: string | null;
  partner_id: string | null;
  agreement_id: string | null;
  location: string | null;
  capacity: number;
  status: ProgrammeStatus;
  eligibility: Eligibility;
}

export async function insertProgramme(conn: Conn, v: ProgrammeValues & { unit_id: string }) {
  const r = await conn
    .insertInto('programmes')
    .values({ ...v, eligibility: JSON.stringify(v.eligibility) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProgramme(conn: Conn, id: string, v: ProgrammeValues) {
  await conn
    .updateTable('programmes')
    .set({ ...v, eligibility: JSON.stringify(v.eligibility), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function programAksiIds(conn: Conn, programmeId: string) {
  return (
    await conn
      .selectFrom('programme_program_aksi')
      .select('program_aksi_id')
      .where('programme_id', '=', programmeId)
      .execute()
  ).map((r) => r.program_aksi_id);
}

export async function setProgramAksi(conn: Conn, programmeId: string, ids: readonly string[]) {
  await conn.deleteFrom('programme_program_aksi').where('programme_id', '=', programmeId).execute();
  if (ids.length)
    await conn
      .insertInto('programme_program_aksi')
      .values(ids.map((program_aksi_id) => ({ programme_id: programmeId, program_aksi_id })))
      .execute();
}

export interface CurriculumValues {
  code: string | null;
  title: string;
  target_hours: number;
  core: boolean;
}

export async function curriculumOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('curriculum_units')
    .select(['id', 'position', 'code', 'title', 'target_hours', 'core'])
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();
}

/**
 * Brings the curriculum to `units` in order, keeping ids: a unit given with an id is updated in
 * place, one without is inserted, and `removeIds` are deleted (the caller has checked nothing refers
 * to them). Positions move in two phases so a reorder never meets the (programme, position) key.
 */
export async function syncCurriculum(
  conn: Conn,
  programmeId: string,
  units: ReadonlyArray<CurriculumValues & { id?: string | undefined }>,
  removeIds: readonly string[],
) {
  if (removeIds.length)
    await conn
      .deleteFrom('curriculum_units')
      .where('programme_id', '=', programmeId)
      .where('id', 'in', removeIds)
      .execute();
  await conn
    .updateTable('curriculum_units')
    .set({ position: sql`position + 100000` })
    .where('programme_id', '=', programmeId)
    .execute();
  const fresh: Array<CurriculumValues & { programme_id: string; position: number }> = [];
  for (const [i, { id, ...u }] of units.entries()) {
    if (id)
      await conn
        .updateTable('curriculum_units')
        .set({ ...u, position: i + 1 })
        .where('programme_id', '=', programmeId)
        .where('id', '=', id)
        .execute();
    else fresh.push({ ...u, programme_id: programmeId, position: i + 1 });
  }
  if (fresh.length) await conn.insertInto('curriculum_units').values(fresh).execute();
}

/**
 * Which of `ids` (rows of `table`) another table's foreign key points at. Found from the catalog,
 * so a table added later (attendance journals, competency assessments) is covered without change.
 */
export async function referencedIds(
  conn: Conn,
  table: 'curriculum_units' | 'programme_sessions',
  ids: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (ids.length === 0) return out;
  const refs = await sql<{ tbl: string; col: string }>`
    select c.conrelid::regclass::text as tbl, a.attname as col
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = ${table}::regclass and cardinality(c.conkey) = 1`.execute(conn);
  for (const r of refs.rows) {
    const found = await sql<{ id: string }>`
      select distinct ${sql.ref(r.col)}::text as id from ${sql.table(r.tbl)}
      where ${sql.ref(r.col)} = any(${[...ids]}::uuid[])`.execute(conn);
    for (const f of found.rows) out.add(f.id);
  }
  return out;
}

/** Users linked as the programme's instructors, with their names. */
export async function instructorsOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('programme_instructors as pi')
    .innerJoin('users as us', 'us.id', 'pi.user_id')
    .select(['us.id', 'us.full_name', 'us.roles', 'us.partner_id'])
    .where('pi.programme_id', '=', programmeId)
    .orderBy('us.full_name')
    .execute();
}

/**
 * Who may teach a programme of this unit: its active petugas, and the active instruktur_mitra of the
 * programme's partner (none when the programme has no partner).
 */
export async function instructorCandidates(conn: Conn, unitId: string, partnerId: string | null) {
  return conn
    .selectFrom('users')
    .select(['id', 'full_name', 'roles', 'partner_id'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb(sql.lit('petugas'), '=', eb.fn.any('roles')),
        eb.and([
          eb(sql.lit('instruktur_mitra'), '=', eb.fn.any('roles')),
          eb('partner_id', '=', partnerId ?? NONE),
        ]),
      ]),
    )
    .orderBy('full_name')
    .execute();
}

export async function setInstructors(conn: Conn, programmeId: string, userIds: readonly string[]) {
  await conn.deleteFrom('programme_instructors').where('programme_id', '=', programmeId).execute();
  if (userIds.length)
    await conn
      .insertInto('programme_instructors')
      .values(userIds.map((user_id) => ({ programme_id: programmeId, user_id })))
      .execute();
}

export async function isInstructor(conn: Conn, programmeId: string, userId: string): Promise<boolean> {
  const r = await conn
    .selectFrom('programme_instructors')
    .select('user_id')
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function programmeIdsOfInstructor(conn: Conn, userId: string): Promise<string[]> {
  return (
    await conn
      .selectFrom('programme_instructors')
      .select('programme_id')
      .where('user_id', '=', userId)
      .execute()
  ).map((r) => r.programme_id);
}

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
  let q = conn
    .selectFrom('programme_sessions as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select(sessionCols.map((c) => `s.${c}` as const))
    .select(['pr.name as programme_name', 'pr.unit_id', 'u.timezone'])
    .where('s.day', '>=', from)
    .where('s.day', '<=', to);
  if (!scope.all) q = q.where('pr.unit_id', 'in', scope.unitIds.length ? scope.unitIds : [NONE]);
  if (scope.partnerId !== undefined) q = q.where('pr.partner_id', '=', scope.partnerId ?? NONE);
  return q.orderBy('s.starts_at').limit(2000).execute();
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

/** National holidays and the given units' own, in [from, to]: per unit id, plus '' for national. */
export async function holidaysOfUnits(conn: Conn, unitIds: readonly string[], from: string, to: string) {
  const rows = await conn
    .selectFrom('holidays')
    .select(['unit_id', 'day'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', unitIds.length ? unitIds : [NONE])]))
    .execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = r.unit_id ?? '';
    const set = out.get(key) ?? new Set<string>();
    out.set(key, set);
    set.add(r.day);
  }
  return out;
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
