// Competencies: per participant and curriculum unit, where they stand (not started, in progress,
// competent, not yet competent), assessed by the instructor with a date and evidence, beside the
// hours they attended for that unit. The certificates module reads competencyRecord.
import { AppError, invalid, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today } from '../../app/principal.ts';
import type { CompetencyStatus, MarkStatus } from '../../db/schema.ts';
import { participantMarks } from '../attendance/attendance.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import * as repo from './competencies.repo.ts';
import { assessmentProblems, hoursAttended } from './competencies.rules.ts';

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
export async function recordsOf(
  ctx: Pick<Ctx, 'db'>,
  programmeId: string,
  enrolmentIds: readonly string[],
): Promise<{
  units: Awaited<ReturnType<typeof repo.curriculumOf>>;
  byEnrolment: Map<string, CompetencyRecordUnit[]>;
  assessments: repo.AssessmentRow[];
}> {
  const [units, assessments, marks, journalUnits, production] = await Promise.all([
    repo.curriculumOf(ctx.db, programmeId),
    repo.assessmentsOf(ctx.db, enrolmentIds),
    participantMarks(ctx, { programmeId, enrolmentIds }),
    repo.journalUnitsOf(ctx.db, programmeId),
    repo.productionSessionsOf(ctx.db, programmeId),
  ]);
  const hours = hoursAttended(marks, journalUnits, {
    production,
    targets: new Map(units.map((u) => [u.id, u.target_hours])),
  });
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
export async function competencyRecord(
  ctx: Pick<Ctx, 'db'>,
  enrolmentId: string,
): Promise<CompetencyRecordUnit[]> {
  const e = await repo.findEnrolment(ctx.db, enrolmentId);
  if (!e) throw notFound('enrolments');
  const { byEnrolment } = await recordsOf(ctx, e.programme_id, [e.id]);
  return byEnrolment.get(e.id) ?? [];
}

/** Each participant's marks of held sessions (for ranking by attendance; no scope check). */
export async function marksByEnrolment(
  ctx: Pick<Ctx, 'db'>,
  programmeId: string,
): Promise<Map<string, MarkStatus[]>> {
  const people = await repo.participantsOf(ctx.db, programmeId);
  const marks = await participantMarks(ctx, { programmeId, enrolmentIds: people.map((p) => p.id) });
  const out = new Map<string, MarkStatus[]>(people.map((p) => [p.id, []]));
  for (const m of marks) out.get(m.enrolment_id)?.push(m.status);
  return out;
}

/** The participants × units matrix of a programme the viewer may see. */
export async function programmeMatrix(ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string) {
  const programme = await programmePolicy(ctx, programmeId);
  const participants = await repo.participantsOf(ctx.db, programme.id);
  const { units, byEnrolment } = await recordsOf(
    ctx,
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
export async function enrolmentInScope(ctx: Pick<Ctx, 'db' | 'who'>, enrolmentId: string) {
  const e = await repo.findEnrolment(ctx.db, enrolmentId);
  if (!e) throw notFound('enrolments');
  try {
    return { enrolment: e, programme: await programmePolicy(ctx, e.programme_id) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('enrolments');
    throw err;
  }
}

/** One participant's record with the assessments' evidence and assessor, for their page. */
export async function participantCompetencies(ctx: Pick<Ctx, 'db' | 'who'>, enrolmentId: string) {
  const { enrolment, programme } = await enrolmentInScope(ctx, enrolmentId);
  const { byEnrolment, assessments } = await recordsOf(ctx, programme.id, [enrolment.id]);
  const byUnit = new Map(assessments.map((a) => [a.curriculum_unit_id, a]));
  return {
    enrolment,
    programme,
    /** Whether the page offers the assessment forms (the enrolment is in scope: see above). */
    mayAssess: can(ctx.who, 'competencies.assess'),
    units: (byEnrolment.get(enrolment.id) ?? []).map((u) => {
      const a = byUnit.get(u.unitId);
      return {
        ...u,
        evidence: a?.evidence ?? null,
        note: a?.note ?? null,
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
export async function assessUnit(ctx: Ctx, enrolmentId: string, input: AssessmentInput): Promise<void> {
  const { enrolment, programme } = await enrolmentInScope(ctx, enrolmentId);
  const units = await repo.curriculumOf(ctx.db, programme.id);
  if (!units.some((u) => u.id === input.unit_id))
    throw invalid([{ field: 'unit_id', key: 'competencies.unitUnknown' }]);
  const evidence = input.evidence?.trim() || null;
  const assessedOn = input.assessed_on || null;
  const errors = assessmentProblems(
    { status: input.status, assessedOn, evidence },
    { today: today(ctx, programme.timezone), startedOn: enrolment.started_on },
  );
  if (errors.length) throw invalid(errors);
  const v: repo.AssessmentValues = {
    status: input.status,
    assessed_on: assessedOn,
    evidence,
    assessed_by: ctx.who.id,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findAssessment(trx, enrolment.id, input.unit_id);
    await repo.upsertAssessment(trx, enrolment.id, input.unit_id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'competencies.assess',
      entity: 'enrolment',
      entityId: enrolment.id,
      unitId: programme.unit_id,
      before: before ? { curriculum_unit_id: input.unit_id, ...before } : null,
      after: { curriculum_unit_id: input.unit_id, ...v },
    });
  });
}
