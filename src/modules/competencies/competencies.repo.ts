// SQL for competency assessments and the hours behind them: a programme's curriculum, its
// participants' assessments and the units each session's journal lists (the marks come from the
// attendance service).
import type { Conn } from '../../db/database.ts';
import type { CompetencyStatus } from '../../db/schema.ts';

export async function curriculumOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('curriculum_units')
    .select(['id', 'position', 'code', 'title', 'target_hours', 'core'])
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();
}

export async function findEnrolment(conn: Conn, id: string) {
  return conn
    .selectFrom('enrolments')
    .select(['id', 'programme_id', 'kind', 'name', 'status', 'started_on', 'ended_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Participants of a programme, active first, then by name. */
export async function participantsOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('enrolments')
    .select(['id', 'kind', 'name', 'status', 'started_on'])
    .where('programme_id', '=', programmeId)
    .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
    .orderBy('name')
    .execute();
}

const assessmentCols = [
  'a.id',
  'a.enrolment_id',
  'a.curriculum_unit_id',
  'a.status',
  'a.assessed_on',
  'a.evidence',
  'a.assessed_by',
  'u.full_name as assessed_by_name',
  'a.updated_at',
] as const;

export async function assessmentsOf(conn: Conn, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return [];
  return conn
    .selectFrom('competency_assessments as a')
    .leftJoin('users as u', 'u.id', 'a.assessed_by')
    .select(assessmentCols)
    .where('a.enrolment_id', 'in', enrolmentIds)
    .execute();
}
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

/** The units each journal of the programme's sessions lists, by session. */
export async function journalUnitsOf(conn: Conn, programmeId: string): Promise<Map<string, string[]>> {
  const rows = await conn
    .selectFrom('session_journal_units as ju')
    .innerJoin('programme_sessions as s', 's.id', 'ju.session_id')
    .select(['ju.session_id', 'ju.curriculum_unit_id'])
    .where('s.programme_id', '=', programmeId)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.session_id, [...(out.get(r.session_id) ?? []), r.curriculum_unit_id]);
  return out;
}

export interface AssessmentValues {
  status: CompetencyStatus;
  assessed_on: string | null;
  evidence: string | null;
  assessed_by: string | null;
}

/** Inserts or replaces the assessment of one participant on one unit. */
export async function upsertAssessment(
  conn: Conn,
  enrolmentId: string,
  unitId: string,
  v: AssessmentValues,
): Promise<void> {
  await conn
    .insertInto('competency_assessments')
    .values({ enrolment_id: enrolmentId, curriculum_unit_id: unitId, ...v })
    .onConflict((oc) =>
      oc.columns(['enrolment_id', 'curriculum_unit_id']).doUpdateSet({ ...v, updated_at: new Date() }),
    )
    .execute();
}

export async function findAssessment(conn: Conn, enrolmentId: string, unitId: string) {
  return conn
    .selectFrom('competency_assessments')
    .select(['status', 'assessed_on', 'evidence', 'assessed_by'])
    .where('enrolment_id', '=', enrolmentId)
    .where('curriculum_unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirst();
}
