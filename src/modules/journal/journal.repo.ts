// SQL for session journals: what was taught (topic, curriculum units, instructors, materials,
// notes) and, for Humas, the documentation photos of the unit's sessions.
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';

/** A session with the programme facts a journal needs (scope is checked by the service). */
export async function findSession(conn: Conn, id: string) {
  return conn
    .selectFrom('programme_sessions as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select([
      's.id',
      's.programme_id',
      's.day',
      's.starts_at',
      's.ends_at',
      's.status',
      's.cancel_reason',
      'pr.name as programme_name',
      'pr.unit_id',
      'pr.partner_id',
      'u.timezone',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type JournalSession = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function findJournal(conn: Conn, sessionId: string) {
  return conn
    .selectFrom('session_journals')
    .select(['session_id', 'topic', 'materials', 'notes', 'other_instructors', 'created_by', 'updated_at'])
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function journalUnitIds(conn: Conn, sessionId: string): Promise<string[]> {
  const rows = await conn
    .selectFrom('session_journal_units as ju')
    .innerJoin('curriculum_units as c', 'c.id', 'ju.curriculum_unit_id')
    .select('ju.curriculum_unit_id')
    .where('ju.session_id', '=', sessionId)
    .orderBy('c.position')
    .execute();
  return rows.map((r) => r.curriculum_unit_id);
}

export async function journalInstructors(conn: Conn, sessionId: string) {
  return conn
    .selectFrom('session_journal_instructors as ji')
    .innerJoin('users as u', 'u.id', 'ji.user_id')
    .select(['u.id', 'u.full_name'])
    .where('ji.session_id', '=', sessionId)
    .orderBy('u.full_name')
    .execute();
}

export interface JournalValues {
  topic: string;
  materials: string | null;
  notes: string | null;
  other_instructors: string | null;
}

/** Writes the journal row and replaces its units and instructors. */
export async function saveJournal(
  conn: Conn,
  sessionId: string,
  userId: string | null,
  v: JournalValues,
  unitIds: readonly string[],
  instructorIds: readonly string[],
): Promise<void> {
  await conn
    .insertInto('session_journals')
    .values({ session_id: sessionId, ...v, created_by: userId })
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ ...v, updated_at: new Date() }))
    .execute();
  await conn.deleteFrom('session_journal_units').where('session_id', '=', sessionId).execute();
  if (unitIds.length)
    await conn
      .insertInto('session_journal_units')
      .values(unitIds.map((curriculum_unit_id) => ({ session_id: sessionId, curriculum_unit_id })))
      .execute();
  await conn.deleteFrom('session_journal_instructors').where('session_id', '=', sessionId).execute();
  if (instructorIds.length)
    await conn
      .insertInto('session_journal_instructors')
      .values(instructorIds.map((user_id) => ({ session_id: sessionId, user_id })))
      .execute();
}

/** Locks the journal row so that two saves of the same journal apply one after the other. */
export async function lockJournal(conn: Conn, sessionId: string) {
  return conn
    .selectFrom('session_journals')
    .select('session_id')
    .where('session_id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function curriculumIds(conn: Conn, programmeId: string): Promise<Set<string>> {
  const rows = await conn
    .selectFrom('curriculum_units')
    .select('id')
    .where('programme_id', '=', programmeId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Documentation photos of the held sessions in scope, newest first: programme, day, topic and the
 * photo only — never participants or marks.
 */
export async function galleryPhotos(conn: Conn, scope: Scope, limit: number, offset: number) {
  const q = conn
    .selectFrom('files as f')
    .innerJoin('programme_sessions as s', 's.id', 'f.owner_id')
    .innerJoin('session_journals as j', 'j.session_id', 's.id')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .where('f.owner_type', '=', 'session_journal')
    .where('f.kind', '=', 'photo')
    .where('s.status', '<>', 'cancelled')
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }));
  const [rows, count] = await Promise.all([
    q
      .select(['f.id', 'f.filename', 's.id as session_id', 's.day', 'j.topic', 'pr.name as programme_name'])
      .orderBy('s.day', 'desc')
      .orderBy('f.created_at')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The unit and session a journal photo belongs to, for the permission check before serving it. */
export async function photoOwner(conn: Conn, fileId: string) {
  return conn
    .selectFrom('files as f')
    .innerJoin('programme_sessions as s', 's.id', 'f.owner_id')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .select(['f.id', 'f.owner_id as session_id', 'pr.unit_id', 'pr.partner_id', 's.status'])
    .where('f.id', '=', fileId)
    .where('f.owner_type', '=', 'session_journal')
    .where('f.kind', '=', 'photo')
    .executeTakeFirst();
}
