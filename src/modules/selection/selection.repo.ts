// SQL for intakes, their candidates with scores and consent, and the TPP session that decides.
import type { Conn } from '../../db/database.ts';
import type { Criterion, Decision, IntakeStatus } from '../../db/schema.ts';

export async function findIntake(conn: Conn, id: string, opts: { lock?: boolean } = {}) {
  let q = conn
    .selectFrom('intakes')
    .select(['id', 'programme_id', 'opened_on', 'status', 'criteria', 'created_at'])
    .where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type IntakeRow = Awaited<ReturnType<typeof findIntake>> & {};

export async function intakesOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('intakes')
    .select(['id', 'programme_id', 'opened_on', 'status', 'criteria', 'created_at'])
    .where('programme_id', '=', programmeId)
    .orderBy('opened_on', 'desc')
    .execute();
}

export async function insertIntake(
  conn: Conn,
  v: { programme_id: string; opened_on: string; criteria: Criterion[]; created_by: string | null },
): Promise<string> {
  const r = await conn
    .insertInto('intakes')
    .values({ ...v, criteria: JSON.stringify(v.criteria) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setIntakeStatus(conn: Conn, id: string, status: IntakeStatus): Promise<void> {
  await conn.updateTable('intakes').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Candidates ranked by total score, highest first; ties by name. */
export async function candidatesOf(conn: Conn, intakeId: string) {
  return conn
    .selectFrom('intake_candidates as c')
    .innerJoin('inmates as i', 'i.id', 'c.inmate_id')
    .select([
      'c.id',
      'c.intake_id',
      'c.inmate_id',
      'i.name',
      'i.reg_number',
      'i.register_class',
      'i.status as inmate_status',
      'c.scores',
      'c.total',
      'c.consent_recorded_at',
      'c.consent_note',
      'c.decision',
      'c.decision_reason',
    ])
    .where('c.intake_id', '=', intakeId)
    .orderBy('c.total', 'desc')
    .orderBy('i.name')
    .execute();
}
export type CandidateRow = Awaited<ReturnType<typeof candidatesOf>>[number];

export async function findCandidate(conn: Conn, id: string) {
  return conn
    .selectFrom('intake_candidates as c')
    .innerJoin('inmates as i', 'i.id', 'c.inmate_id')
    .select([
      'c.id',
      'c.intake_id',
      'c.inmate_id',
      'i.name',
      'i.register_class',
      'i.status as inmate_status',
      'c.scores',
      'c.total',
      'c.consent_recorded_at',
      'c.decision',
    ])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

export async function insertCandidate(conn: Conn, intakeId: string, inmateId: string): Promise<string> {
  const r = await conn
    .insertInto('intake_candidates')
    .values({ intake_id: intakeId, inmate_id: inmateId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setScores(conn: Conn, id: string, scores: Record<string, number>, total: number) {
  await conn
    .updateTable('intake_candidates')
    .set({ scores: JSON.stringify(scores), total, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setConsent(conn: Conn, id: string, at: Date, note: string | null) {
  await conn
    .updateTable('intake_candidates')
    .set({ consent_recorded_at: at, consent_note: note, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setDecision(conn: Conn, id: string, decision: Decision, reason: string | null) {
  await conn
    .updateTable('intake_candidates')
    .set({ decision, decision_reason: reason, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function tppOf(conn: Conn, intakeId: string) {
  return conn
    .selectFrom('tpp_sessions as t')
    .leftJoin('users as u', 'u.id', 't.approved_by')
    .select([
      't.id',
      't.held_on',
      't.members',
      't.notes',
      't.approved_by',
      'u.full_name as approved_by_name',
      't.approved_at',
    ])
    .where('t.intake_id', '=', intakeId)
    .orderBy('t.created_at', 'desc')
    .executeTakeFirst();
}

export async function deleteUnapprovedTpp(conn: Conn, intakeId: string): Promise<void> {
  await conn
    .deleteFrom('tpp_sessions')
    .where('intake_id', '=', intakeId)
    .where('approved_at', 'is', null)
    .execute();
}

export async function insertTpp(
  conn: Conn,
  v: {
    intake_id: string;
    held_on: string;
    members: string[];
    notes: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await conn.insertInto('tpp_sessions').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function approveTpp(conn: Conn, id: string, userId: string | null, at: Date): Promise<void> {
  await conn
    .updateTable('tpp_sessions')
    .set({ approved_by: userId, approved_at: at })
    .where('id', '=', id)
    .execute();
}
