// SQL for programmes, their curriculum, Program Aksi tags and instructors (schedules and sessions
// are in sessions.repo.ts). Reads take the viewer's scope: their units, and for a partner
// instructor, only their own partner's programmes.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { Eligibility, ProgrammeKind, ProgrammeStatus } from '../../db/schema.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  const q = conn
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
  return q.where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }));
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
    .where((eb) => {
      const staff = eb(sql.lit('petugas'), '=', eb.fn.any('roles'));
      if (!partnerId) return staff;
      return eb.or([
        staff,
        eb.and([eb(sql.lit('instruktur_mitra'), '=', eb.fn.any('roles')), eb('partner_id', '=', partnerId)]),
      ]);
    })
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
