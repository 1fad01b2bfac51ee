// Enrolment: who takes part in a programme (warga binaan, pemagang, petugas), within its capacity,
// and how a place ends. The inmate register calls endEnrolmentsOfInmate on a release or transfer.
import { AppError, fieldError } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import { inScope, type Scope } from '../../app/scope.ts';
import type { Conn, Db } from '../../db/database.ts';
import type { EndReason, EnrolmentStatus, RegisterClass } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canEnrol } from '../selection/eligibility.rules.ts';
import * as repo from './enrolments.repo.ts';

export type { EnrolmentRow } from './enrolments.repo.ts';
export const placesTakenIn = repo.placesTaken;
export const programmeHistoryOf = repo.programmesOfInmate;

/** A programme's participants, in the viewer's scope. */
export async function listEnrolments(db: Db, scope: Scope, programmeId: string) {
  const p = await repo.findProgrammeUnit(db, programmeId);
  if (!p || !inScope(scope, p.unit_id)) throw new AppError('programmes.not_found', 404, 'err.notFound');
  return repo.enrolmentsOf(db, programmeId);
}

/** From which statuses each status may be reached; withdrawn and completed are final. */
const TRANSITIONS: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  active: ['suspended'],
  suspended: ['active'],
  completed: ['active', 'suspended'],
  withdrawn: ['active', 'suspended'],
};

async function takePlace(trx: Conn, scope: Scope, programmeId: string) {
  const p = await repo.lockProgramme(trx, programmeId);
  if (!inScope(scope, p.unit_id)) throw new AppError('programmes.not_found', 404, 'err.notFound');
  const taken = await repo.placesTaken(trx, programmeId);
  if (taken >= p.capacity) throw new AppError('enrolments.full', 409, 'enrolments.full', { n: p.capacity });
  return p;
}

export interface PersonInput {
  kind: 'intern' | 'staff';
  name: string;
  institution?: string | undefined;
  period_from?: string | undefined;
  period_to?: string | undefined;
  started_on: string;
}

/** Enrols a pemagang (with institution and internship period) or a petugas (name only). */
export async function enrolPerson(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  input: PersonInput,
) {
  const intern = input.kind === 'intern';
  if (intern && !input.institution?.trim()) throw fieldError('institution', 'err.required');
  if (intern && (!input.period_from || !input.period_to))
    throw fieldError('period_to', 'enrolments.periodRequired');
  if (input.period_from && input.period_to && input.period_to < input.period_from)
    throw fieldError('period_to', 'enrolments.periodOrder');
  return db.transaction().execute(async (trx) => {
    const p = await takePlace(trx, scope, programmeId);
    const v: repo.EnrolmentValues = {
      programme_id: programmeId,
      kind: input.kind,
      inmate_id: null,
      intake_candidate_id: null,
      name: input.name.trim(),
      institution: intern ? (input.institution?.trim() ?? null) : null,
      period_from: intern ? (input.period_from ?? null) : null,
      period_to: intern ? (input.period_to ?? null) : null,
      started_on: input.started_on,
    };
    const id = await repo.insertEnrolment(trx, v);
    await recordAudit(trx, actor, {
      action: 'enrolments.create',
      entity: 'enrolment',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
}

/**
 * Enrols an inmate inside the caller's transaction (selection, after the TPP decision is approved).
 * A detainee's participation is voluntary: without recorded consent they cannot be enrolled.
 */
export async function enrolInmate(
  trx: Conn,
  actor: Actor,
  scope: Scope,
  input: {
    programme_id: string;
    inmate: { id: string; name: string; register_class: RegisterClass; expected_release_date: string | null };
    intake_candidate_id: string | null;
    consent_recorded_at: Date | string | null;
    started_on: string;
  },
): Promise<string> {
  const ok = canEnrol(input.inmate, input.consent_recorded_at, input.started_on);
  if (!ok.ok) {
    if (ok.reason.key === 'selection.reason.past_expiry')
      throw new AppError(
        'enrolments.past_expiry',
        409,
        'selection.reason.past_expiry',
        ok.reason.params ?? {},
      );
    throw new AppError('enrolments.consent_missing', 409, 'selection.reason.consent_missing');
  }
  const p = await takePlace(trx, scope, input.programme_id);
  if (await repo.isEnrolled(trx, input.programme_id, input.inmate.id))
    throw new AppError('enrolments.already', 409, 'enrolments.already');
  const v: repo.EnrolmentValues = {
    programme_id: input.programme_id,
    kind: 'inmate',
    inmate_id: input.inmate.id,
    intake_candidate_id: input.intake_candidate_id,
    name: input.inmate.name,
    institution: null,
    period_from: null,
    period_to: null,
    started_on: input.started_on,
  };
  const id = await repo.insertEnrolment(trx, v);
  await recordAudit(trx, actor, {
    action: 'enrolments.create',
    entity: 'enrolment',
    entityId: id,
    unitId: p.unit_id,
    after: v,
  });
  return id;
}

/** The programme an enrolment belongs to, if the viewer may see it. */
export async function programmeOfEnrolment(db: Db, scope: Scope, id: string): Promise<string> {
  const e = await repo.findEnrolment(db, id);
  const p = e ? await repo.findProgrammeUnit(db, e.programme_id) : undefined;
  if (!e || !p || !inScope(scope, p.unit_id)) throw new AppError('enrolments.not_found', 404, 'err.notFound');
  return e.programme_id;
}

/** Suspends, resumes, completes or withdraws a participant; a withdrawal needs a reason. */
export async function changeEnrolmentStatus(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  input: {
    status: EnrolmentStatus;
    end_reason?: EndReason | undefined;
    note?: string | undefined;
    on_date: string;
  },
): Promise<void> {
  if (input.status === 'withdrawn' && !input.end_reason) throw fieldError('end_reason', 'err.required');
  await db.transaction().execute(async (trx) => {
    const before = await repo.findEnrolment(trx, id);
    if (!before) throw new AppError('enrolments.not_found', 404, 'err.notFound');
    const p = await repo.lockProgramme(trx, before.programme_id);
    if (!inScope(scope, p.unit_id)) throw new AppError('enrolments.not_found', 404, 'err.notFound');
    if (!TRANSITIONS[input.status].includes(before.status))
      throw fieldError('status', 'enrolments.transitionNotAllowed');
    const ends = input.status === 'withdrawn' || input.status === 'completed';
    const v = {
      status: input.status,
      end_reason: input.status === 'withdrawn' ? (input.end_reason ?? null) : null,
      status_note: input.note?.trim() || null,
      ended_on: ends ? input.on_date : null,
    };
    await repo.setStatus(trx, id, v);
    await recordAudit(trx, actor, {
      action: `enrolments.${input.status}`,
      entity: 'enrolment',
      entityId: id,
      unitId: p.unit_id,
      before: { status: before.status },
      after: v,
    });
  });
}

/**
 * Completes a participant in the caller's (certificates') transaction, so the completion and the
 * certificate stand or fall together. An already completed participant is left as is (a new
 * certificate after a revoked one); any other status than active is refused. Returns the row
 * as it was before, locked.
 */
export async function completeEnrolmentTx(trx: Conn, actor: Actor, scope: Scope, id: string, onDate: string) {
  const before = await repo.findEnrolment(trx, id, true);
  const p = before ? await repo.findProgrammeUnit(trx, before.programme_id) : undefined;
  if (!before || !p || !inScope(scope, p.unit_id))
    throw new AppError('enrolments.not_found', 404, 'err.notFound');
  if (before.status === 'completed') return before;
  if (before.status !== 'active')
    throw new AppError('enrolments.transition_not_allowed', 409, 'enrolments.transitionNotAllowed');
  const v = { status: 'completed' as const, end_reason: null, status_note: null, ended_on: onDate };
  await repo.setStatus(trx, id, v);
  await recordAudit(trx, actor, {
    action: 'enrolments.completed',
    entity: 'enrolment',
    entityId: id,
    unitId: p.unit_id,
    before: { status: before.status },
    after: v,
  });
  return before;
}

/** A release or transfer in the register ends the inmate's places, in the register's transaction. */
export async function endEnrolmentsOfInmate(
  trx: Conn,
  actor: Actor,
  input: { inmate_id: string; unit_id: string; reason: 'released' | 'transferred'; on_date: string },
): Promise<number> {
  return endPlaces(trx, actor, await repo.openEnrolmentsOfInmate(trx, input.inmate_id), input, null);
}

/**
 * A detainee who withdraws their consent leaves the programme at their own request, in the
 * caller's (selection's) transaction.
 */
export async function endEnrolmentsOfCandidate(
  trx: Conn,
  actor: Actor,
  input: { intake_candidate_id: string; unit_id: string; on_date: string; note: string | null },
): Promise<number> {
  const open = await repo.openEnrolmentsOfCandidate(trx, input.intake_candidate_id);
  return endPlaces(trx, actor, open, { ...input, reason: 'own_request' }, input.note);
}

async function endPlaces(
  trx: Conn,
  actor: Actor,
  open: ReadonlyArray<{ id: string; status: EnrolmentStatus }>,
  input: { unit_id: string; reason: EndReason; on_date: string },
  note: string | null,
): Promise<number> {
  for (const e of open) {
    const v = {
      status: 'withdrawn' as const,
      end_reason: input.reason,
      status_note: note,
      ended_on: input.on_date,
    };
    await repo.setStatus(trx, e.id, v);
    await recordAudit(trx, actor, {
      action: 'enrolments.withdrawn',
      entity: 'enrolment',
      entityId: e.id,
      unitId: input.unit_id,
      before: { status: e.status },
      after: v,
    });
  }
  return open.length;
}
