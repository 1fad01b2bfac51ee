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

export async function setCurriculum(conn: Conn, programmeId: string, units: readonly CurriculumValues[]) {
  await conn.deleteFrom('curriculum_units').where('programme_id', '=', programmeId).execute();
  if (units.length)
    await conn
      .insertInto('curriculum_units')
      .values(units.map((u, i) => ({ ...u, programme_id: programmeId, position: i + 1 })))
      .execute();
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

/**
 * The schedules to fill, with the unit's zone: one programme's (all of them, so a schedule entered
 * after the fact still gets its sessions), or every running programme's schedules not ended by `day`.
 */
export async function liveSchedules(conn: Conn, day: string, programmeId?: string) {
  let q = conn
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
  if (programmeId) q = q.where('s.programme_id', '=', programmeId);
  else
    q = q
      .where('pr.status', '!=', 'finished')
      .where((eb) => eb.or([eb('s.ends_on', 'is', null), eb('s.ends_on', '>=', day)]));
  return q.execute();
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

/** Days a schedule has already claimed: its sessions' days and the days they were moved from. */
export async function claimedDays(conn: Conn, scheduleId: string): Promise<Set<string>> {
  const rows = await conn
    .selectFrom('programme_sessions')
    .select(['day', 'rescheduled_from'])
    .where('schedule_id', '=', scheduleId)
    .execute();
  const out = new Set<string>();
  for (const r of rows) {
    out.add(r.day);
    if (r.rescheduled_from) out.add(r.rescheduled_from);
  }
  return out;
}

export interface SessionValues {
  programme_id: string;
  schedule_id: string | null;
  day: string;
  starts_at: Date;
  ends_at: Date;
  extra?: boolean;
}

/** Inserts sessions, skipping any whose (schedule, day) exists: cancelled ones stay cancelled. */
export async function insertSessions(conn: Conn, rows: readonly SessionValues[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await conn
    .insertInto('programme_sessions')
    .values([...rows])
    .onConflict((oc) => oc.columns(['schedule_id', 'day']).where('schedule_id', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return r.length;
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
