// The decision on an intake's candidates: a detainee's consent (given and withdrawn), the TPP's
// session and decisions, the Kepala UPT's approval, and enrolling those accepted.
import { conflict, fieldError } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { Decision } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endEnrolmentsOfCandidate, enrolInmate } from '../enrolments/enrolments.service.ts';
import { categoryOf } from '../inmates/inmates.rules.ts';
import { placeReason } from './eligibility.rules.ts';
import { candidate as candidateInScope, intake as intakeInScope, notClosed } from './selection.policy.ts';
import * as repo from './selection.repo.ts';

/** A detainee's participation is voluntary: their consent is recorded before they can be enrolled. */
export async function recordConsent(
  ctx: Ctx,
  ids: { intakeId: string; candidateId: string },
  input: { note?: string | undefined },
): Promise<void> {
  const actor = ctx.who.actor;
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw fieldError('note', 'selection.noteTooLong', { max: 500 });
  await ctx.db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      withDb(ctx, trx),
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
  ctx: Ctx,
  ids: { intakeId: string; candidateId: string },
  input: { note?: string | undefined },
): Promise<{ enrolmentsEnded: number }> {
  const actor = ctx.who.actor;
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw fieldError('note', 'selection.noteTooLong', { max: 500 });
  return ctx.db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      withDb(ctx, trx),
      ids.intakeId,
      ids.candidateId,
    );
    notClosed(intake);
    if (!candidate.consent_recorded_at) throw fieldError('note', 'selection.noConsent');
    const at = new Date();
    await repo.withdrawConsent(trx, candidate.id, at);
    const ended = await endEnrolmentsOfCandidate(withDb(ctx, trx), {
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

const alreadyApproved = () => conflict('intakes.already_approved', 'selection.alreadyApproved');

export interface TppInput {
  held_on: string;
  members: string[];
  notes?: string | undefined;
  decisions: Array<{ candidate_id: string; decision: Decision; reason?: string | undefined }>;
}

/** Records the TPP session and a decision for every candidate; replaces an earlier, unapproved record. */
export async function recordTpp(ctx: Ctx, intakeId: string, input: TppInput): Promise<string> {
  const actor = ctx.who.actor;
  const members = input.members.map((m) => m.trim()).filter(Boolean);
  if (members.length === 0) throw fieldError('members', 'err.required');
  return ctx.db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(withDb(ctx, trx), intakeId, { lock: true });
    notClosed(intake);
    const existing = await repo.tppOf(trx, intakeId);
    if (existing?.approved_at) throw alreadyApproved();
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
export async function approveTpp(ctx: Ctx, intakeId: string): Promise<void> {
  const actor = ctx.who.actor;
  await ctx.db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(withDb(ctx, trx), intakeId, { lock: true });
    notClosed(intake);
    const tpp = await repo.tppOf(trx, intakeId);
    if (!tpp) throw conflict('intakes.no_tpp', 'selection.decisionMissing');
    if (tpp.approved_at) throw alreadyApproved();
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
  ctx: Ctx,
  ids: { intakeId: string; candidateId: string },
  input: { started_on: string },
): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const { intake, candidate } = await candidateInScope(tx, ids.intakeId, ids.candidateId);
    notClosed(intake);
    const tpp = await repo.tppOf(trx, ids.intakeId);
    if (!tpp?.approved_at) throw conflict('intakes.not_approved', 'selection.notApproved');
    if (candidate.decision !== 'accepted') throw conflict('intakes.not_accepted', 'selection.notAccepted');
    if (candidate.inmate_status !== 'active')
      throw conflict('intakes.not_active', 'selection.reason.not_active');
    // Held or completed already (through this intake or another): no second place.
    const place = await repo.placeInProgramme(trx, intake.programme_id, candidate.inmate_id);
    if (placeReason(place))
      throw place === 'completed'
        ? conflict('intakes.already_completed', 'selection.reason.completed')
        : conflict('intakes.already_enrolled', 'selection.reason.enrolled');
    return enrolInmate(tx, {
      programme_id: intake.programme_id,
      inmate: {
        id: candidate.inmate_id,
        name: candidate.name,
        detainee: categoryOf(candidate.register_class) === 'tahanan',
        expected_release_date: candidate.expected_release_date,
      },
      intake_candidate_id: candidate.id,
      consent_recorded_at: candidate.consent_recorded_at,
      started_on: input.started_on,
    });
  });
}
