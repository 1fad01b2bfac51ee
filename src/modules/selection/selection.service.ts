// Assessment and selection for a programme: an intake proposes candidates from the register by the
// programme's rules, scores them, records detainees' consent, the TPP decides and the Kepala UPT approves.
import { AppError, type FieldError, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Conn, Db } from '../../db/database.ts';
import type { Criterion, Decision, IntakeStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endEnrolmentsOfCandidate, enrolInmate } from '../enrolments/enrolments.service.ts';
import { categoryOf } from '../inmates/inmates.rules.ts';
import { activeWithRegisterF, getInmate } from '../inmates/inmates.service.ts';
import { getProgramme } from '../programmes/programmes.service.ts';
import { checkEligibility, type EligibilityInmate } from './eligibility.rules.ts';
import * as repo from './selection.repo.ts';

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'minat', label: 'Minat', max: 5 },
  { key: 'bakat', label: 'Bakat', max: 5 },
  { key: 'pengalaman', label: 'Pengalaman', max: 5 },
  { key: 'perilaku', label: 'Perilaku', max: 5 },
  { key: 'kesehatan', label: 'Kesehatan', max: 5 },
];

async function intakeInScope(conn: Conn, scope: Scope, id: string, lock = false) {
  const intake = await repo.findIntake(conn, id, { lock });
  if (!intake) throw new AppError('intakes.not_found', 404, 'err.notFound');
  // A programme outside the viewer's scope hides its intakes too.
  const programme = await getProgramme(conn, scope, intake.programme_id).catch((err: unknown) => {
    throw err instanceof AppError ? new AppError('intakes.not_found', 404, 'err.notFound') : err;
  });
  return { intake, programme };
}

/** A criterion's key from its label: "Ketelitian kerja" → "ketelitian_kerja". */
export function criterionKey(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
}

/** Every criterion needs a label, a maximum from 1 to 100 and a key of its own; errors per row. */
export function checkCriteria(criteria: readonly Criterion[]): Criterion[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, c] of criteria.entries()) {
    const label = c.label.trim();
    if (!label || !/^[a-z_]{2,30}$/.test(c.key))
      errors.push({ field: `criteria.${i}.label`, key: 'selection.criterionLabel' });
    else if (seen.has(c.key))
      errors.push({ field: `criteria.${i}.label`, key: 'selection.criterionDuplicate', params: { label } });
    if (!Number.isInteger(c.max) || c.max < 1 || c.max > 100)
      errors.push({ field: `criteria.${i}.max`, key: 'selection.criterionMax' });
    seen.add(c.key);
  }
  if (criteria.length > 12) errors.push({ field: 'criteria', key: 'selection.criteriaTooMany' });
  if (errors.length) throw invalid(errors);
  return criteria.map((c) => ({ key: c.key, label: c.label.trim(), max: c.max }));
}

export async function openIntake(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  input: { opened_on: string; criteria?: Criterion[] | undefined },
): Promise<string> {
  const criteria = input.criteria?.length ? checkCriteria(input.criteria) : [...DEFAULT_CRITERIA];
  return db.transaction().execute(async (trx) => {
    const p = await getProgramme(trx, scope, programmeId);
    const v = { programme_id: p.id, opened_on: input.opened_on, criteria, created_by: actor.userId };
    const id = await repo.insertIntake(trx, v);
    await recordAudit(trx, actor, {
      action: 'intakes.create',
      entity: 'intake',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
}

export const intakesOf = async (db: Db, scope: Scope, programmeId: string) => {
  await getProgramme(db, scope, programmeId);
  return repo.intakesOf(db, programmeId);
};

/** The intakes of the programmes in the viewer's units, for the intake list page. */
export async function listIntakes(
  db: Db,
  scope: Scope,
  f: { status?: IntakeStatus | undefined; programmeId?: string | undefined; page: number },
) {
  const [list, programmes] = await Promise.all([
    repo.listIntakes(db, scope, f),
    repo.programmesWithIntakes(db, scope),
  ]);
  return { ...list, programmes };
}

const notClosed = (intake: { status: IntakeStatus }) => {
  if (intake.status === 'closed') throw new AppError('intakes.closed', 409, 'selection.intakeClosed');
};

/**
 * Closes an intake: once the TPP has decided it is completed, while still open it is cancelled;
 * either way with a reason. A closed intake is read-only.
 */
export async function closeIntake(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  input: { reason: string },
): Promise<void> {
  const reason = input.reason.trim();
  if (reason.length < 3) throw fieldError('reason', 'err.required');
  await db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(trx, scope, id, true);
    notClosed(intake);
    const v = {
      closed_as: intake.status === 'open' ? ('cancelled' as const) : ('completed' as const),
      close_reason: reason,
      closed_by: actor.userId,
      closed_at: new Date(),
    };
    await repo.closeIntake(trx, id, v);
    await recordAudit(trx, actor, {
      action: v.closed_as === 'cancelled' ? 'intakes.cancel' : 'intakes.close',
      entity: 'intake',
      entityId: id,
      unitId: programme.unit_id,
      before: { status: intake.status },
      after: { status: 'closed', ...v },
    });
  });
}

function asRulesInmate(r: Awaited<ReturnType<typeof activeWithRegisterF>>[number]): EligibilityInmate {
  return { ...r, register_f: (r.register_f_dates ?? []).map((d) => ({ entry_date: d })) };
}

/** The intake page: its candidates ranked, the TPP session, and everyone else active in the unit with why not. */
export async function intakeDetail(db: Db, scope: Scope, id: string, on?: string) {
  const { intake, programme } = await intakeInScope(db, scope, id);
  const today = on ?? dayInZone(new Date(), programme.timezone);
  const [candidates, tpp, pool] = await Promise.all([
    repo.candidatesOf(db, id),
    repo.tppOf(db, id),
    activeWithRegisterF(db, programme.unit_id),
  ]);
  const taken = new Set(candidates.map((c) => c.inmate_id));
  const proposals = pool
    .filter((r) => !taken.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      reg_number: r.reg_number,
      category: categoryOf(r.register_class),
      result: checkEligibility(programme.eligibility, asRulesInmate(r), today),
    }));
  const ranked = candidates.map((c, i) => ({
    ...c,
    rank: i + 1,
    total: Number(c.total),
    enrolled: Boolean(c.enrolled),
    category: categoryOf(c.register_class),
  }));
  return { intake, programme, candidates: ranked, tpp: tpp ?? null, proposals };
}

/** Adds a candidate from the register; one who does not meet the programme's rules is refused with why. */
export async function addCandidate(
  db: Db,
  actor: Actor,
  scope: Scope,
  intakeId: string,
  input: { inmate_id: string },
  on?: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(trx, scope, intakeId, true);
    const today = on ?? dayInZone(new Date(), programme.timezone);
    if (intake.status !== 'open') throw new AppError('intakes.not_open', 409, 'selection.intakeNotOpen');
    const inmate = await getInmate(trx, scope, input.inmate_id).catch((err: unknown) => {
      throw err instanceof AppError ? fieldError('inmate_id', 'err.notFound') : err;
    });
    if (inmate.unit_id !== programme.unit_id) throw fieldError('inmate_id', 'err.notFound');
    const pool = await activeWithRegisterF(trx, programme.unit_id);
    const row = pool.find((r) => r.id === inmate.id);
    const result = row
      ? checkEligibility(programme.eligibility, asRulesInmate(row), today)
      : { eligible: false as const, reasons: [{ key: 'selection.reason.not_active' }] };
    if (!result.eligible)
      throw new AppError('intakes.not_eligible', 409, 'selection.notEligible', {
        reasons: result.reasons.map((r) => r.key).join(','),
      });
    try {
      const id = await repo.insertCandidate(trx, intakeId, inmate.id);
      await recordAudit(trx, actor, {
        action: 'intakes.add_candidate',
        entity: 'intake_candidate',
        entityId: id,
        unitId: programme.unit_id,
        after: { intake_id: intakeId, inmate_id: inmate.id },
      });
      return id;
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('inmate_id', 'selection.alreadyCandidate');
      throw err;
    }
  });
}

async function candidateInScope(trx: Conn, scope: Scope, intakeId: string, candidateId: string) {
  const ctx = await intakeInScope(trx, scope, intakeId, true);
  const c = await repo.findCandidate(trx, candidateId);
  if (!c || c.intake_id !== intakeId) throw new AppError('intake_candidates.not_found', 404, 'err.notFound');
  return { ...ctx, candidate: c };
}

/** Scores one candidate on each of the intake's criteria (0 to the criterion's maximum). */
export async function scoreCandidate(
  db: Db,
  actor: Actor,
  scope: Scope,
  ids: { intakeId: string; candidateId: string },
  scores: Record<string, number>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      trx,
      scope,
      ids.intakeId,
      ids.candidateId,
    );
    if (intake.status !== 'open') throw new AppError('intakes.not_open', 409, 'selection.intakeNotOpen');
    const clean: Record<string, number> = {};
    for (const c of intake.criteria) {
      const v = scores[c.key];
      if (v === undefined || !Number.isFinite(v) || v < 0 || v > c.max)
        throw fieldError(`scores.${c.key}`, 'selection.scoreRange', { label: c.label, max: c.max });
      clean[c.key] = v;
    }
    const total = Object.values(clean).reduce((a, b) => a + b, 0);
    await repo.setScores(trx, candidate.id, clean, total);
    await recordAudit(trx, actor, {
      action: 'intakes.score',
      entity: 'intake_candidate',
      entityId: candidate.id,
      unitId: programme.unit_id,
      before: { scores: candidate.scores },
      after: { scores: clean, total },
    });
  });
}

/** A detainee's participation is voluntary: their consent is recorded before they can be enrolled. */
export async function recordConsent(
  db: Db,
  actor: Actor,
  scope: Scope,
  ids: { intakeId: string; candidateId: string },
  input: { note?: string | undefined },
): Promise<void> {
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw fieldError('note', 'selection.noteTooLong', { max: 500 });
  await db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      trx,
      scope,
      ids.intakeId,
      ids.candidateId,
    );
    notClosed(intake);
    if (categoryOf(candidate.register_class) !== 'tahanan') throw fieldError('note', 'selection.notDetainee');
    const at = new Date();
    await repo.setConsent(trx, candidate.id, { at, note, by: actor.userId });
    await recordAudit(trx, actor, {
      action: 'intakes.consent',
      entity: 'intake_candidate',
      entityId: candidate.id,
      unitId: programme.unit_id,
      before: { consent_recorded_at: candidate.consent_recorded_at, consent_note: candidate.consent_note },
      after: { consent_recorded_at: at, consent_note: note, consent_recorded_by: actor.userId },
    });
  });
}

/**
 * A detainee may withdraw their consent at any time: the record is cleared, and if they were
 * already enrolled their place ends at their own request, in the same transaction.
 */
export async function withdrawConsent(
  db: Db,
  actor: Actor,
  scope: Scope,
  ids: { intakeId: string; candidateId: string },
  input: { note?: string | undefined },
): Promise<{ enrolmentsEnded: number }> {
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw fieldError('note', 'selection.noteTooLong', { max: 500 });
  return db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      trx,
      scope,
      ids.intakeId,
      ids.candidateId,
    );
    notClosed(intake);
    if (!candidate.consent_recorded_at) throw fieldError('note', 'selection.noConsent');
    const at = new Date();
    await repo.withdrawConsent(trx, candidate.id, at);
    const ended = await endEnrolmentsOfCandidate(trx, actor, {
      intake_candidate_id: candidate.id,
      unit_id: programme.unit_id,
      on_date: dayInZone(at, programme.timezone),
      note,
    });
    await recordAudit(trx, actor, {
      action: 'intakes.consent_withdrawn',
      entity: 'intake_candidate',
      entityId: candidate.id,
      unitId: programme.unit_id,
      before: { consent_recorded_at: candidate.consent_recorded_at, consent_note: candidate.consent_note },
      after: { consent_withdrawn_at: at, note, enrolments_ended: ended },
    });
    return { enrolmentsEnded: ended };
  });
}

export interface TppInput {
  held_on: string;
  members: string[];
  notes?: string | undefined;
  decisions: Array<{ candidate_id: string; decision: Decision; reason?: string | undefined }>;
}

/** Records the TPP session and a decision for every candidate; replaces an earlier, unapproved record. */
export async function recordTpp(
  db: Db,
  actor: Actor,
  scope: Scope,
  intakeId: string,
  input: TppInput,
): Promise<string> {
  const members = input.members.map((m) => m.trim()).filter(Boolean);
  if (members.length === 0) throw fieldError('members', 'err.required');
  return db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(trx, scope, intakeId, true);
    notClosed(intake);
    const existing = await repo.tppOf(trx, intakeId);
    if (existing?.approved_at)
      throw new AppError('intakes.already_approved', 409, 'selection.alreadyApproved');
    const candidates = await repo.candidatesOf(trx, intakeId);
    const byId = new Map(input.decisions.map((d) => [d.candidate_id, d]));
    for (const [i, c] of candidates.entries()) {
      const d = byId.get(c.id);
      if (!d) throw fieldError(`decisions.${i}`, 'selection.decisionMissing');
      if (d.decision !== 'accepted' && !d.reason?.trim())
        throw fieldError(`decisions.${i}.reason`, 'err.required');
    }
    if (candidates.length === 0) throw fieldError('decisions', 'selection.decisionMissing');
    for (const c of candidates) {
      const d = byId.get(c.id);
      if (d) await repo.setDecision(trx, c.id, d.decision, d.reason?.trim() || null);
    }
    await repo.deleteUnapprovedTpp(trx, intakeId);
    const v = {
      intake_id: intakeId,
      held_on: input.held_on,
      members,
      notes: input.notes?.trim() || null,
      created_by: actor.userId,
    };
    const id = await repo.insertTpp(trx, v);
    await repo.setIntakeStatus(trx, intakeId, 'decided');
    await recordAudit(trx, actor, {
      action: 'intakes.tpp',
      entity: 'tpp_session',
      entityId: id,
      unitId: programme.unit_id,
      after: { ...v, decisions: input.decisions },
    });
    return id;
  });
}

/** The Kepala UPT approves the TPP decision; only then can accepted candidates be enrolled. */
export async function approveTpp(db: Db, actor: Actor, scope: Scope, intakeId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(trx, scope, intakeId, true);
    notClosed(intake);
    const tpp = await repo.tppOf(trx, intakeId);
    if (!tpp) throw new AppError('intakes.no_tpp', 409, 'selection.decisionMissing');
    if (tpp.approved_at) throw new AppError('intakes.already_approved', 409, 'selection.alreadyApproved');
    const at = new Date();
    await repo.approveTpp(trx, tpp.id, actor.userId, at);
    await recordAudit(trx, actor, {
      action: 'intakes.approve',
      entity: 'tpp_session',
      entityId: tpp.id,
      unitId: programme.unit_id,
      after: { approved_by: actor.userId, approved_at: at },
    });
  });
}

/** Enrols a candidate the TPP accepted, once approved; consent and capacity are checked by enrolments. */
export async function enrolCandidate(
  db: Db,
  actor: Actor,
  scope: Scope,
  ids: { intakeId: string; candidateId: string },
  input: { started_on: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { intake, candidate } = await candidateInScope(trx, scope, ids.intakeId, ids.candidateId);
    notClosed(intake);
    const tpp = await repo.tppOf(trx, ids.intakeId);
    if (!tpp?.approved_at) throw new AppError('intakes.not_approved', 409, 'selection.notApproved');
    if (candidate.decision !== 'accepted')
      throw new AppError('intakes.not_accepted', 409, 'selection.notAccepted');
    if (candidate.inmate_status !== 'active')
      throw new AppError('intakes.not_active', 409, 'selection.reason.not_active');
    return enrolInmate(trx, actor, scope, {
      programme_id: intake.programme_id,
      inmate: {
        id: candidate.inmate_id,
        name: candidate.name,
        register_class: candidate.register_class,
        expected_release_date: candidate.expected_release_date,
      },
      intake_candidate_id: candidate.id,
      consent_recorded_at: candidate.consent_recorded_at,
      started_on: input.started_on,
    });
  });
}
