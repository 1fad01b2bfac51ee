// SQL for intakes, their candidates with scores and consent, and the TPP session that decides.
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { Criterion, Decision, IntakeStatus } from '../../db/schema.ts';
import type { PlaceStatus } from './eligibility.rules.ts';

const INTAKE_COLUMNS = [
  'id',
  'programme_id',
  'opened_on',
  'status',
  'criteria',
  'created_at',
  'closed_as',
  'close_reason',
  'closed_at',
] as const;
/** An intake is seen with its programme: the programme's unit and partner. */
const COLS = { unit: 'p.unit_id', partner: 'p.partner_id' };
const PAGE = 50;

export async function findIntake(conn: Conn, id: string, opts: { lock?: boolean } = {}) {
  let q = conn.selectFrom('intakes').select(INTAKE_COLUMNS).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type IntakeRow = Awaited<ReturnType<typeof findIntake>> & {};

export async function intakesOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('intakes')
    .select(INTAKE_COLUMNS)
    .where('programme_id', '=', programmeId)
    .orderBy('opened_on', 'desc')
    .execute();
}

/** Intakes of the programmes in the viewer's units, newest first, with how many were assessed and accepted. */
export async function listIntakes(
  conn: Conn,
  scope: Scope,
  f: { status?: IntakeStatus | undefined; programmeId?: string | undefined; page: number },
) {
  let q = conn
    .selectFrom('intakes as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where(scopeFilter(scope, COLS));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.programmeId) q = q.where('t.programme_id', '=', f.programmeId);
  const [rows, count] = await Promise.all([
    q
      .select((eb) => [
        't.id',
        't.programme_id',
        'p.name as programme_name',
        'u.name as unit_name',
        't.opened_on',
        't.status',
        't.closed_as',
        eb
          .selectFrom('intake_candidates as c')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('c.intake_id', '=', 't.id')
          .as('candidates'),
        eb
          .selectFrom('intake_candidates as c')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('c.intake_id', '=', 't.id')
          .where('c.decision', '=', 'accepted')
          .as('accepted'),
      ])
      .orderBy('t.opened_on', 'desc')
      .orderBy('p.name')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, candidates: toNumber(r.candidates), accepted: toNumber(r.accepted) })),
    total: toNumber(count?.n),
    pageSize: PAGE,
  };
}

/** Programmes the viewer may filter the intake list by: those with at least one intake. */
export async function programmesWithIntakes(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('programmes as p')
    .select(['p.id', 'p.name'])
    .where((eb) =>
      eb.exists(eb.selectFrom('intakes as t').select('t.id').whereRef('t.programme_id', '=', 'p.id')),
    )
    .where(scopeFilter(scope, COLS))
    .orderBy('p.name')
    .execute();
}

export async function closeIntake(
  conn: Conn,
  id: string,
  v: {
    closed_as: 'completed' | 'cancelled';
    close_reason: string;
    closed_by: string | null;
    closed_at: Date;
  },
): Promise<void> {
  await conn
    .updateTable('intakes')
    .set({ ...v, status: 'closed', updated_at: v.closed_at })
    .where('id', '=', id)
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

/** Statuses of a place that stop an enrolment from an intake: held (active, suspended) or completed. */
const PLACE_STATUSES: PlaceStatus[] = ['active', 'suspended', 'completed'];

/** Candidates ranked by total score, highest first; ties by name. */
export async function candidatesOf(conn: Conn, intakeId: string) {
  return conn
    .selectFrom('intake_candidates as c')
    .innerJoin('intakes as t', 't.id', 'c.intake_id')
    .innerJoin('inmates as i', 'i.id', 'c.inmate_id')
    .leftJoin('users as u', 'u.id', 'c.consent_recorded_by')
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
      'u.full_name as consent_recorded_by_name',
      'c.consent_withdrawn_at',
      'c.decision',
      'c.decision_reason',
      // The person's place in the programme, through this intake or any other: one who holds a
      // place or has completed the programme is not enrolled again.
      (eb) =>
        eb
          .selectFrom('enrolments as e')
          .select('e.status')
          .whereRef('e.programme_id', '=', 't.programme_id')
          .whereRef('e.inmate_id', '=', 'c.inmate_id')
          .where('e.status', 'in', PLACE_STATUSES)
          .orderBy('e.started_on', 'desc')
          .limit(1)
          .as('place'),
    ])
    .where('c.intake_id', '=', intakeId)
    .orderBy('c.total', 'desc')
    .orderBy('i.name')
    .execute();
}
export type CandidateRow = Awaited<ReturnType<typeof candidatesOf>>[number];

/** The inmate's place in the programme that stops a new one (held or completed), if any. */
export async function placeInProgramme(
  conn: Conn,
  programmeId: string,
  inmateId: string,
): Promise<PlaceStatus | null> {
  const r = await conn
    .selectFrom('enrolments')
    .select('status')
    .where('programme_id', '=', programmeId)
    .where('inmate_id', '=', inmateId)
    .where('status', 'in', PLACE_STATUSES)
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
  return (r?.status as PlaceStatus | undefined) ?? null;
}

/** Inmates who hold a place in the programme or completed it, with that status. */
export async function placesInProgramme(conn: Conn, programmeId: string) {
  const rows = await conn
    .selectFrom('enrolments')
    .select(['inmate_id', 'status'])
    .where('programme_id', '=', programmeId)
    .where('inmate_id', 'is not', null)
    .where('status', 'in', PLACE_STATUSES)
    .execute();
  return new Map(rows.map((r) => [r.inmate_id ?? '', r.status as PlaceStatus]));
}

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
      'i.expected_release_date',
      'c.scores',
      'c.total',
      'c.consent_recorded_at',
      'c.consent_note',
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

export async function setConsent(
  conn: Conn,
  id: string,
  v: { at: Date; note: string | null; by: string | null },
) {
  await conn
    .updateTable('intake_candidates')
    .set({
      consent_recorded_at: v.at,
      consent_note: v.note,
      consent_recorded_by: v.by,
      consent_withdrawn_at: null,
      updated_at: v.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Consent withdrawn: the record is cleared (the audit log keeps who recorded it) and the time kept. */
export async function withdrawConsent(conn: Conn, id: string, at: Date) {
  await conn
    .updateTable('intake_candidates')
    .set({
      consent_recorded_at: null,
      consent_note: null,
      consent_recorded_by: null,
      consent_withdrawn_at: at,
      updated_at: at,
    })
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

/** TPP decisions recorded and not yet approved, of intakes still deciding, oldest first (the Kepala's inbox). */
export async function tppAwaitingApproval(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('tpp_sessions as s')
    .innerJoin('intakes as t', 't.id', 's.intake_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select((eb) => [
      's.id',
      's.intake_id',
      'p.unit_id',
      'p.name as programme_name',
      's.held_on',
      's.created_at',
      eb
        .selectFrom('intake_candidates as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.intake_id', '=', 't.id')
        .where('c.decision', '=', 'accepted')
        .as('accepted'),
    ])
    .where(scopeFilter(scope, COLS))
    .where('s.approved_at', 'is', null)
    .where('t.status', '=', 'decided')
    .orderBy('s.created_at')
    .execute();
}
