// Assessing many at once: a curriculum unit for every active participant of the programme, or every
// unit of one participant, each on one page with one save. The save is one transaction: every row
// is checked first and a refusal names its row and field, so nothing is half saved; each changed
// assessment gets its own audit record (the assessment belongs to one person, as with assessUnit).
import { type FieldError, forbidden, invalid, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today } from '../../app/principal.ts';
import type { CompetencyStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import * as repo from './competencies.repo.ts';
import { assessmentProblems, type Decision, isVerdict, statusOfDecision } from './competencies.rules.ts';
import { enrolmentInScope, recordsOf } from './competencies.service.ts';

/** One row of a batch: a participant's assessment on one unit. */
export interface BatchItem {
  enrolment_id: string;
  unit_id: string;
  /** A status as stored (the API) or the page's decision ("pending": no verdict). */
  status: CompetencyStatus | Decision;
  assessed_on?: string | undefined;
  evidence?: string | undefined;
  note?: string | undefined;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** One curriculum unit of a programme with every active participant's standing on it. */
export async function unitSheet(ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string, unitId: string) {
  const programme = await programmePolicy(ctx, programmeId);
  const people = await repo.activeParticipantsOf(ctx.db, programme.id);
  const { units, byEnrolment, assessments } = await recordsOf(
    ctx,
    programme.id,
    people.map((p) => p.id),
  );
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw notFound('curriculum_units');
  const assessed = new Map(
    assessments.filter((a) => a.curriculum_unit_id === unit.id).map((a) => [a.enrolment_id, a]),
  );
  return {
    programme,
    unit,
    units,
    mayAssess: can(ctx.who, 'competencies.assess'),
    rows: people.map((p) => {
      const r = byEnrolment.get(p.id)?.find((u) => u.unitId === unit.id);
      const a = assessed.get(p.id);
      return {
        id: p.id,
        name: p.name,
        regNumber: p.reg_number,
        status: r?.status ?? 'not_started',
        hoursAttended: r?.hoursAttended ?? 0,
        targetHours: unit.target_hours,
        assessedOn: a?.assessed_on ?? null,
        evidence: a?.evidence ?? null,
        note: a?.note ?? null,
        assessedBy: a?.assessed_by_name ?? null,
      };
    }),
  };
}

/**
 * Saves a batch of one programme's assessments in one transaction. Every row is checked before
 * anything is written; `fieldOf(i, name)` names the field a refusal points at (the pages name rows
 * by participant or unit id, the API by position). Rows that change nothing are left alone.
 */
export async function assessMany(
  ctx: Ctx,
  input: { programmeId: string; items: readonly BatchItem[] },
  fieldOf: (i: number, item: BatchItem, name: string) => string,
): Promise<BatchResult> {
  const programme = await programmePolicy(ctx, input.programmeId);
  if (!can(ctx.who, 'competencies.assess')) throw forbidden();
  const day = today(ctx, programme.timezone);
  const enrolmentIds = [...new Set(input.items.map((x) => x.enrolment_id))];
  const unitIds = [...new Set(input.items.map((x) => x.unit_id))];
  return ctx.db.transaction().execute(async (trx) => {
    const [units, people, stored] = await Promise.all([
      repo.curriculumOf(trx, programme.id),
      repo.activeParticipantsOf(trx, programme.id),
      repo.lockAssessments(trx, enrolmentIds, unitIds),
    ]);
    const known = new Set(units.map((u) => u.id));
    const active = new Map(people.map((p) => [p.id, p]));
    const errors: FieldError[] = [];
    const writes: Array<repo.AssessmentValues & { enrolment_id: string; curriculum_unit_id: string }> = [];
    const changes: Array<{ before: repo.StoredAssessment | undefined; w: (typeof writes)[number] }> = [];
    const seen = new Set<string>();
    let unchanged = 0;
    input.items.forEach((item, i) => {
      const field = (name: string) => fieldOf(i, item, name);
      const person = active.get(item.enrolment_id);
      if (!person) {
        errors.push({ field: field('status'), key: 'competencies.notActive' });
        return;
      }
      if (!known.has(item.unit_id)) {
        errors.push({ field: field('status'), key: 'competencies.unitUnknown' });
        return;
      }
      const key = `${item.enrolment_id}:${item.unit_id}`;
      if (seen.has(key)) {
        errors.push({ field: field('status'), key: 'competencies.duplicateRow' });
        return;
      }
      seen.add(key);
      const before = stored.get(key);
      const status =
        item.status === 'pending'
          ? statusOfDecision('pending', before?.status ?? 'not_started')
          : item.status;
      const verdict = isVerdict(status);
      const evidence = item.evidence?.trim() || null;
      const note = item.note?.trim() || null;
      // Without a verdict the day is not kept: the page fills today in every row for convenience.
      const assessedOn = verdict ? item.assessed_on || null : null;
      for (const p of assessmentProblems(
        { status, assessedOn, evidence },
        { today: day, startedOn: person.started_on },
      ))
        errors.push({ field: field(p.field), key: p.key });
      const same =
        (before?.status ?? 'not_started') === status &&
        (before?.assessed_on ?? null) === assessedOn &&
        (before?.evidence ?? null) === evidence &&
        (before?.note ?? null) === note;
      if (same) {
        unchanged++;
        return;
      }
      const w = {
        enrolment_id: item.enrolment_id,
        curriculum_unit_id: item.unit_id,
        status,
        assessed_on: assessedOn,
        evidence,
        note,
        assessed_by: ctx.who.id,
      };
      writes.push(w);
      changes.push({ before, w });
    });
    if (errors.length) throw invalid(errors);
    await repo.upsertAssessments(trx, writes);
    for (const { before, w } of changes) {
      const { enrolment_id, ...after } = w;
      await recordAudit(trx, ctx.who.actor, {
        action: 'competencies.assess',
        entity: 'enrolment',
        entityId: enrolment_id,
        unitId: programme.unit_id,
        before: before ? { curriculum_unit_id: w.curriculum_unit_id, ...before } : null,
        after,
      });
    }
    const created = changes.filter((c) => !c.before).length;
    return { created, updated: changes.length - created, unchanged };
  });
}

/** Every unit of one participant for their page, and whether this user may assess them now. */
export async function participantSheet(ctx: Pick<Ctx, 'db' | 'who'>, enrolmentId: string) {
  const { enrolment, programme } = await enrolmentInScope(ctx, enrolmentId);
  const [{ byEnrolment, assessments }, regNumber] = await Promise.all([
    recordsOf(ctx, programme.id, [enrolment.id]),
    repo.regNumberOf(ctx.db, enrolment.id),
  ]);
  const byUnit = new Map(assessments.map((a) => [a.curriculum_unit_id, a]));
  return {
    enrolment: { ...enrolment, regNumber },
    programme,
    /** Offered to those with the right while the participant is still in the class. */
    mayAssess: can(ctx.who, 'competencies.assess') && enrolment.status === 'active',
    units: (byEnrolment.get(enrolment.id) ?? []).map((u) => {
      const a = byUnit.get(u.unitId);
      return {
        ...u,
        evidence: a?.evidence ?? null,
        note: a?.note ?? null,
        assessedBy: a?.assessed_by_name ?? null,
      };
    }),
  };
}

/** The programme an enrolment in scope belongs to (the participant page's save goes through it). */
export async function programmeOfEnrolment(ctx: Pick<Ctx, 'db' | 'who'>, enrolmentId: string) {
  return (await enrolmentInScope(ctx, enrolmentId)).programme.id;
}
