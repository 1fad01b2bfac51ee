// SQL for competency assessments and the hours behind them: a programme's curriculum, its
// participants' assessments, the units each session's journal lists and which sessions have a
// production log (the marks come from the attendance service).
import { sql } from 'kysely';
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

/** A programme's active participants by name, with an inmate's registration number. */
export async function activeParticipantsOf(conn: Conn, programmeId: string) {
  return conn
    .selectFrom('enrolments as e')
    .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select(['e.id', 'e.kind', 'e.name', 'e.status', 'e.started_on', 'i.reg_number'])
    .where('e.programme_id', '=', programmeId)
    .where('e.status', '=', 'active')
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
}

/** An enrolment's registration number (an inmate's; null for interns and staff). */
export async function regNumberOf(conn: Conn, enrolmentId: string): Promise<string | null> {
  const r = await conn
    .selectFrom('enrolments as e')
    .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select('i.reg_number')
    .where('e.id', '=', enrolmentId)
    .executeTakeFirst();
  return r?.reg_number ?? null;
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
  'a.note',
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

/**
 * The programme's sessions with a production log (production practice; see competencies.rules).
 * Read here rather than through the production service: one indexed lookup beside the journal's.
 */
export async function productionSessionsOf(conn: Conn, programmeId: string): Promise<Set<string>> {
  const rows = await conn
    .selectFrom('production_entries')
    .select('session_id')
    .distinct()
    .where('programme_id', '=', programmeId)
    .where('session_id', 'is not', null)
    .execute();
  return new Set(rows.flatMap((r) => (r.session_id ? [r.session_id] : [])));
}

export interface AssessmentValues {
  status: CompetencyStatus;
  assessed_on: string | null;
  evidence: string | null;
  note?: string | null;
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
    .select(['status', 'assessed_on', 'evidence', 'note', 'assessed_by'])
    .where('enrolment_id', '=', enrolmentId)
    .where('curriculum_unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirst();
}

export interface StoredAssessment {
  status: CompetencyStatus;
  assessed_on: string | null;
  evidence: string | null;
  note: string | null;
  assessed_by: string | null;
}

/** Several assessments locked for a batch save, keyed `enrolment:unit`. */
export async function lockAssessments(
  conn: Conn,
  enrolmentIds: readonly string[],
  unitIds: readonly string[],
): Promise<Map<string, StoredAssessment>> {
  if (enrolmentIds.length === 0 || unitIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('competency_assessments')
    .select([
      'enrolment_id',
      'curriculum_unit_id',
      'status',
      'assessed_on',
      'evidence',
      'note',
      'assessed_by',
    ])
    .where('enrolment_id', 'in', enrolmentIds)
    .where('curriculum_unit_id', 'in', unitIds)
    .forUpdate()
    .execute();
  return new Map(
    rows.map(({ enrolment_id, curriculum_unit_id, ...r }) => [`${enrolment_id}:${curriculum_unit_id}`, r]),
  );
}

/** Inserts or replaces many assessments in one statement. */
export async function upsertAssessments(
  conn: Conn,
  rows: ReadonlyArray<AssessmentValues & { enrolment_id: string; curriculum_unit_id: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await conn
    .insertInto('competency_assessments')
    .values(rows.map((r) => ({ ...r, note: r.note ?? null })))
    .onConflict((oc) =>
      oc.columns(['enrolment_id', 'curriculum_unit_id']).doUpdateSet({
        status: sql`excluded.status`,
        assessed_on: sql`excluded.assessed_on`,
        evidence: sql`excluded.evidence`,
        note: sql`excluded.note`,
        assessed_by: sql`excluded.assessed_by`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
