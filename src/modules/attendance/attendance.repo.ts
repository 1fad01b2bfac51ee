// SQL for attendance: a session in the viewer's scope, its roster with the current marks, the
// correction history, and the set-based writes of one save (one upsert for all marks).
// The page reads in two statements: the session with its unlock and history, then the roster.
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { Database, MarkStatus } from '../../db/schema.ts';
import type { NotOffered } from './attendance.rules.ts';

type SessionEb = ExpressionBuilder<Database & { s: Database['programme_sessions'] }, 's'>;

/**
 * The latest end of an unlock the Kepala UPT approved for the session (migration 0024; the
 * approvals module writes the requests), or null: the lock's one exception for the staff.
 */
const unlockedUntil = (eb: SessionEb) =>
  eb
    .selectFrom('attendance_unlock_requests as ur')
    .select((e) => e.fn.max('ur.unlocked_until').as('until'))
    .whereRef('ur.session_id', '=', 's.id')
    .where('ur.status', '=', 'approved');

/** The corrections of the session's marks, newest first. */
const corrections = (eb: SessionEb) =>
  eb
    .selectFrom('attendance_corrections as c')
    .innerJoin('attendance_marks as m', 'm.id', 'c.mark_id')
    .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
    .leftJoin('users as u', 'u.id', 'c.corrected_by')
    .select([
      'c.id',
      'e.id as enrolment_id',
      'e.name',
      'c.previous_status',
      'c.previous_note',
      'c.new_status',
      'c.new_note',
      'c.reason',
      'c.corrected_at',
      'u.full_name as corrected_by_name',
    ])
    .whereRef('m.session_id', '=', 's.id')
    .orderBy('c.corrected_at', 'desc')
    .orderBy('c.id');

/**
 * A session with its programme, unit and approved unlock, when the viewer may see the programme
 * (else undefined).
 */
export async function findSession(conn: Conn, scope: Scope, sessionId: string, lock = false) {
  const q = sessionQuery(conn, scope, sessionId);
  // Saves of one session queue behind each other, so the read of existing marks stays true.
  return (lock ? q.forUpdate('s') : q).executeTakeFirst();
}

/** The same with the correction history, in the one statement (the attendance page and API). */
export async function findSessionWithHistory(conn: Conn, scope: Scope, sessionId: string) {
  const found = await sessionQuery(conn, scope, sessionId)
    .select((eb) => jsonArrayFrom(corrections(eb)).as('corrections'))
    .executeTakeFirst();
  if (!found) return undefined;
  // Inside JSON a timestamp is text: back to the instant the rest of the code expects.
  const history = found.corrections.map((c) => ({ ...c, corrected_at: new Date(c.corrected_at) }));
  return { ...found, corrections: history };
}

function sessionQuery(conn: Conn, scope: Scope, sessionId: string) {
  return conn
    .selectFrom('programme_sessions as s')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'pr.unit_id')
    .select([
      's.id',
      's.day',
      's.starts_at',
      's.ends_at',
      's.status',
      's.cancel_reason',
      'pr.id as programme_id',
      'pr.name as programme_name',
      'pr.unit_id',
      'pr.partner_id',
      'u.timezone',
    ])
    .select((eb) => unlockedUntil(eb).as('unlocked_until'))
    .where('s.id', '=', sessionId)
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }));
}

/** Why the roll call of `day` does not offer enrolment `e` (inmate `i`), or null: rollCallStanding in SQL. */
const notOfferedOn = (day: string) => sql<NotOffered | null>`case
    when e.started_on > ${day} or e.ended_on < ${day} then 'not_enrolled'
    when e.kind = 'inmate' and i.expected_release_date < ${day} then 'past_expiry'
    when e.kind = 'intern' and (e.period_from > ${day} or e.period_to < ${day}) then 'outside_period'
  end`;

/**
 * The participants the roll call of the session's day offers (attendance.rules.ts rollCallStanding,
 * here as SQL so a big roster is filtered in the database): place started on or before the day and
 * not ended before it, inmates up to their tanggal ekspirasi, pemagang within their period. Anyone
 * already marked is listed too, with why they are no longer offered (`not_offered`), so a mark
 * recorded before stays visible. `everyone` lists the programme's whole roll instead (a save
 * explains per participant why one it does not offer is refused).
 */
export async function rosterOf(
  conn: Conn,
  session: { id: string; programme_id: string; day: string },
  everyone = false,
) {
  const notOffered = notOfferedOn(session.day);
  let q = conn
    .selectFrom('enrolments as e')
    .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
    .leftJoin('attendance_marks as m', (j) =>
      j.onRef('m.enrolment_id', '=', 'e.id').on('m.session_id', '=', session.id),
    )
    .select([
      'e.id as enrolment_id',
      'e.name',
      'e.kind',
      // Beside the name on the hall pages: tells two people of the same name apart.
      'i.reg_number',
      'm.id as mark_id',
      'm.status',
      'm.note',
      notOffered.as('not_offered'),
    ])
    .where('e.programme_id', '=', session.programme_id);
  if (!everyone) q = q.where((eb) => eb.or([eb(notOffered, 'is', null), eb('m.id', 'is not', null)]));
  return q.orderBy('e.name').orderBy('e.id').execute();
}

export type RosterRow = Awaited<ReturnType<typeof rosterOf>>[number];

/**
 * A programme's participants with whether the roll call of a day offers them (`not_offered` null),
 * without marks: the roster of a day for other records of the hall (the production log), the same
 * rule as the roll call. `also` lists participants to include even when the day does not offer them.
 */
export async function standingOn(conn: Conn, programmeId: string, day: string, also: readonly string[] = []) {
  const notOffered = notOfferedOn(day);
  return conn
    .selectFrom('enrolments as e')
    .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select(['e.id as enrolment_id', 'e.name', 'e.kind', 'i.reg_number', notOffered.as('not_offered')])
    .where('e.programme_id', '=', programmeId)
    .where((eb) =>
      also.length
        ? eb.or([eb(notOffered, 'is', null), eb('e.id', '=', sql<string>`any(${[...also]}::uuid[])`)])
        : eb(notOffered, 'is', null),
    )
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
}

export type CorrectionRow = NonNullable<
  Awaited<ReturnType<typeof findSessionWithHistory>>
>['corrections'][number];

/**
 * Some participants' marks on a programme's held (not cancelled) sessions, oldest first: what
 * completion and competency hours are computed from. No scope check (see the service).
 */
export async function participantMarks(conn: Conn, programmeId: string, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return [];
  return conn
    .selectFrom('attendance_marks as m')
    .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
    .select(['m.enrolment_id', 'm.session_id', 'm.status', 's.starts_at', 's.ends_at'])
    .where('s.programme_id', '=', programmeId)
    .where('s.status', '<>', 'cancelled')
    .where('m.enrolment_id', 'in', enrolmentIds)
    .orderBy('s.starts_at')
    .execute();
}

export interface MarkValues {
  enrolment_id: string;
  status: MarkStatus;
  note: string | null;
}

/** Writes every new or changed mark of a session in one statement; returns enrolment → mark id. */
export async function upsertMarks(
  conn: Conn,
  sessionId: string,
  userId: string | null,
  rows: readonly MarkValues[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const now = new Date();
  const out = await conn
    .insertInto('attendance_marks')
    .values(
      rows.map((r) => ({
        session_id: sessionId,
        enrolment_id: r.enrolment_id,
        status: r.status,
        note: r.note,
        recorded_by: userId,
        recorded_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.constraint('attendance_marks_session_enrolment_key').doUpdateSet({
        status: sql`excluded.status`,
        note: sql`excluded.note`,
        recorded_by: sql`excluded.recorded_by`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .returning(['id', 'enrolment_id'])
    .execute();
  return new Map(out.map((r) => [r.enrolment_id, r.id]));
}

export interface CorrectionValues {
  mark_id: string;
  previous_status: MarkStatus;
  previous_note: string | null;
  new_status: MarkStatus;
  new_note: string | null;
  reason: string;
}

export async function insertCorrections(
  conn: Conn,
  userId: string | null,
  rows: readonly CorrectionValues[],
) {
  if (rows.length === 0) return;
  await conn
    .insertInto('attendance_corrections')
    .values(rows.map((r) => ({ ...r, corrected_by: userId })))
    .execute();
}

/** A programme's sessions up to a day (oldest first) and whether any mark exists, for the demo seed. */
export async function sessionsOfProgramme(conn: Conn, programmeId: string, upTo: string) {
  return conn
    .selectFrom('programme_sessions as s')
    .select([
      's.id',
      's.day',
      's.status',
      's.ends_at',
      sql<boolean>`exists (select 1 from attendance_marks m where m.session_id = s.id)`.as('marked'),
    ])
    .where('s.programme_id', '=', programmeId)
    .where('s.day', '<=', upTo)
    .orderBy('s.day')
    .orderBy('s.starts_at')
    .execute();
}

/** A programme's participants with the register class of inmates (tahanan are called to court). */
export async function participantsOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('enrolments as e')
    .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select(['e.id', 'e.name', 'e.kind', 'e.started_on', 'e.ended_on', 'i.register_class'])
    .where('e.programme_id', '=', programmeId)
    .orderBy('e.kind')
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
}
