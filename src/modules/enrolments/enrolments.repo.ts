// SQL for enrolments: the participants of a programme, counted against its capacity.
import type { Conn } from '../../db/database.ts';
import type { EndReason, EnrolmentStatus, ParticipantKind } from '../../db/schema.ts';

const COLUMNS = [
  'id',
  'programme_id',
  'kind',
  'inmate_id',
  'intake_candidate_id',
  'name',
  'institution',
  'period_from',
  'period_to',
  'status',
  'end_reason',
  'status_note',
  'started_on',
  'ended_on',
] as const;

export async function enrolmentsOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('enrolments')
    .select(COLUMNS)
    .where('programme_id', '=', programmeId)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}
export type EnrolmentRow = Awaited<ReturnType<typeof enrolmentsOf>>[number];

export async function findEnrolment(conn: Conn, id: string, lock = false) {
  const q = conn.selectFrom('enrolments').select(COLUMNS).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Places taken: active and suspended participants both hold a place. */
export async function placesTaken(conn: Conn, programmeId: string): Promise<number> {
  const r = await conn
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['active', 'suspended'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Locks the programme row so two enrolments at once cannot both take the last place. */
export async function lockProgramme(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('programmes')
    .select(['id', 'capacity', 'unit_id'])
    .where('id', '=', programmeId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function isEnrolled(conn: Conn, programmeId: string, inmateId: string): Promise<boolean> {
  const r = await conn
    .selectFrom('enrolments')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('inmate_id', '=', inmateId)
    .where('status', 'in', ['active', 'suspended'])
    .executeTakeFirst();
  return r !== undefined;
}

export interface EnrolmentValues {
  programme_id: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  intake_candidate_id: string | null;
  name: string;
  institution: string | null;
  period_from: string | null;
  period_to: string | null;
  started_on: string;
}

export async function insertEnrolment(conn: Conn, v: EnrolmentValues): Promise<string> {
  const r = await conn.insertInto('enrolments').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setStatus(
  conn: Conn,
  id: string,
  v: {
    status: EnrolmentStatus;
    end_reason: EndReason | null;
    status_note: string | null;
    ended_on: string | null;
  },
): Promise<void> {
  await conn
    .updateTable('enrolments')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** An inmate's enrolments still holding a place, locked for ending them. */
export async function openEnrolmentsOfInmate(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('enrolments')
    .select(COLUMNS)
    .where('inmate_id', '=', inmateId)
    .where('status', 'in', ['active', 'suspended'])
    .forUpdate()
    .execute();
}

/** The place an intake candidate holds, if any, locked for ending it. */
export async function openEnrolmentsOfCandidate(conn: Conn, candidateId: string) {
  return conn
    .selectFrom('enrolments')
    .select(COLUMNS)
    .where('intake_candidate_id', '=', candidateId)
    .where('status', 'in', ['active', 'suspended'])
    .forUpdate()
    .execute();
}

export async function findProgrammeUnit(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('programmes')
    .select(['id', 'unit_id', 'capacity'])
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

/** A person's programme history, newest first, for their page in the register. */
export async function programmesOfInmate(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select([
      'e.id',
      'e.programme_id',
      'p.name as programme_name',
      'e.status',
      'e.started_on',
      'e.ended_on',
      'e.end_reason',
    ])
    .where('e.inmate_id', '=', inmateId)
    .orderBy('e.started_on', 'desc')
    .execute();
}
