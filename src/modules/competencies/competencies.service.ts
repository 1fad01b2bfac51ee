// Competencies: per participant and curriculum unit, where they stand (not started, in progress,
// competent, not yet competent), assessed by the instructor with a date and evidence, beside the
// hours they attended for that unit. The certificates module reads competencyRecord.
import { AppError, invalid } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Conn, Db } from '../../db/database.ts';
import type { CompetencyStatus, MarkStatus, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramme } from '../programmes/programmes.service.ts';
import * as repo from './competencies.repo.ts';
import { hoursAttended } from './competencies.rules.ts';

export interface CompetencyRecordUnit {
  unitId: string;
  code: string | null;
  title: string;
  core: boolean;
  targetHours: number;
  /** From attendance: present marks × session hours shared among the units the journal lists. */
  hoursAttended: number;
  status: CompetencyStatus;
  /** 'YYYY-MM-DD', or null when never assessed. */
  assessedOn: string | null;
}

/** Units, statuses and hours for every given enrolment of one programme (no scope check). */
async function recordsOf(
  db: Conn,
  programmeId: string,
  enrolmentIds: readonly string[],
): Promise<{
  units: Awaited<ReturnType<typeof repo.curriculumOf>>;
  byEnrolment: Map<string, CompetencyRecordUnit[]>;
  assessments: repo.AssessmentRow[];
}> {
  const [units, assessments, marks, journalUnits] = await Promise.all([
    repo.curriculumOf(db, programmeId),
    repo.assessmentsOf(db, enrolmentIds),
    repo.marksOf(db, enrolmentIds),
    repo.journalUnitsOf(db, programmeId),
  ]);
  const hours = hoursAttended(marks, journalUnits);
  const assessed = new Map(assessments.map((a) => [`${a.enrolment_id}:${a.curriculum_unit_id}`, a]));
  const byEnrolment = new Map<string, CompetencyRecordUnit[]>();
  for (const e of enrolmentIds)
    byEnrolment.set(
      e,
      units.map((u) => {
        const a = assessed.get(`${e}:${u.id}`);
        return {
          unitId: u.id,
          code: u.code,
          title: u.title,
          core: u.core,
          targetHours: u.target_hours,
          hoursAttended: hours.get(e)?.get(u.id) ?? 0,
          status: a?.status ?? 'not_started',
          assessedOn: a?.assessed_on ?? null,
        };
      }),
    );
  return { units, byEnrolment, assessments };
}

/**
 * One participant's competency record, unit by unit in curriculum order. It does not check the
 * viewer's scope: callers (certificates) have already found the enrolment in scope.
 */
export async function competencyRecord(db: Conn, enrolmentId: string): Promise<CompetencyRecordUnit[]> {
  const e = await repo.findEnrolment(db, enrolmentId);
  if (!e) throw new AppError('enrolments.not_found', 404, 'err.notFound');
  const { byEnrolment } = await recordsOf(db, e.programme_id, [e.id]);
  return byEnrolment.get(e.id) ?? [];
}

/** Each participant's marks of held sessions (for ranking by attendance; no scope check). */
export async function marksByEnrolment(db: Conn, programmeId: string): Promise<Map<string, MarkStatus[]>> {
  const people = await repo.participantsOf(db, programmeId);
  const marks = await repo.marksOf(
    db,
    people.map((p) => p.id),
  );
  const out = new Map<string, MarkStatus[]>(people.map((p) => [p.id, []]));
  for (const m of marks) out.get(m.enrolment_id)?.push(m.status);
  return out;
}

/** The participants × units matrix of a programme the viewer may see. */
export async function programmeMatrix(db: Db, scope: Scope, programmeId: string) {
  const programme = await getProgramme(db, scope, programmeId);
  const participants = await repo.participantsOf(db, programme.id);
  const { units, byEnrolment } = await recordsOf(
    db,
    programme.id,
    participants.map((p) => p.id),
  );
  return {
    programme,
    units,
    rows: participants.map((p) => ({ ...p, record: byEnrolment.get(p.id) ?? [] })),
  };
}

/** An enrolment the viewer may see (its programme in scope; an instructor's own partner only). */
async function enrolmentInScope(db: Db, scope: Scope, enrolmentId: string) {
  const e = await repo.findEnrolment(db, enrolmentId);
  if (!e) throw new AppError('enrolments.not_found', 404, 'err.notFound');
  try {
    return { enrolment: e, programme: await getProgramme(db, scope, e.programme_id) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404)
      throw new AppError('enrolments.not_found', 404, 'err.notFound');
    throw err;
  }
}

/** One participant's record with the assessments' evidence and assessor, for their page. */
export async function participantCompetencies(db: Db, scope: Scope, enrolmentId: string) {
  const { enrolment, programme } = await enrolmentInScope(db, scope, enrolmentId);
  const { byEnrolment, assessments } = await recordsOf(db, programme.id, [enrolment.id]);
  const byUnit = new Map(assessments.map((a) => [a.curriculum_unit_id, a]));
  return {
    enrolment,
    programme,
    units: (byEnrolment.get(enrolment.id) ?? []).map((u) => {
      const a = byUnit.get(u.unitId);
      return {
        ...u,
        evidence: a?.evidence ?? null,
        assessedBy: a?.assessed_by_name ?? null,
        updatedAt: a?.updated_at ?? null,
      };
    }),
  };
}

export interface AssessmentInput {
  unit_id: string;
  status: CompetencyStatus;
  assessed_on?: string | undefined;
  evidence?: string | undefined;
}

/**
 * Records the instructor's judgement on one unit. A verdict (competent / not yet competent) needs
 * the day it was assessed and the evidence seen; the day cannot be in the future.
 */
export async function assessUnit(
  db: Db,
  actor: Actor,
  scope: Scope,
  enrolmentId: string,
  input: AssessmentInput,
): Promise<void> {
  const { enrolment, programme } = await enrolmentInScope(db, scope, enrolmentId);
  const units = await repo.curriculumOf(db, programme.id);
  if (!units.some((u) => u.id === input.unit_id))
    throw invalid([{ field: 'unit_id', key: 'competencies.unitUnknown' }]);
  const verdict = input.status === 'competent' || input.status === 'not_yet_competent';
  const evidence = input.evidence?.trim() || null;
  const assessedOn = input.assessed_on || null;
  const errors = [];
  if (verdict && !assessedOn)
    errors.push({ field: 'assessed_on', key: 'competencies.dateRequired' as const });
  if (verdict && !evidence) errors.push({ field: 'evidence', key: 'competencies.evidenceRequired' as const });
  if (assessedOn && assessedOn > dayInZone(new Date(), programme.timezone as TimeZone))
    errors.push({ field: 'assessed_on', key: 'competencies.dateFuture' as const });
  if (assessedOn && assessedOn < enrolment.started_on)
    errors.push({ field: 'assessed_on', key: 'competencies.dateBeforeStart' as const });
  if (errors.length) throw invalid(errors);
  const v: repo.AssessmentValues = {
    status: input.status,
    assessed_on: assessedOn,
    evidence,
    assessed_by: actor.userId,
  };
  await db.transaction().execute(async (trx) => {
    const before = await repo.findAssessment(trx, enrolment.id, input.unit_id);
    await repo.upsertAssessment(trx, enrolment.id, input.unit_id, v);
    await recordAudit(trx, actor, {
      action: 'competencies.assess',
      entity: 'enrolment',
      entityId: enrolment.id,
      unitId: programme.unit_id,
      before: before ? { curriculum_unit_id: input.unit_id, ...before } : null,
      after: { curriculum_unit_id: input.unit_id, ...v },
    });
  });
}
