// Enrolment: who takes part in a programme (warga binaan, pemagang, petugas), within its capacity,
// and how a place ends. The inmate register calls endEnrolmentsOfInmate on a release or transfer.
import { AppError, conflict, fieldError, notFound } from '../../app/errors.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { EndReason, EnrolmentStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { programme } from '../programmes/programmes.policy.ts';
import * as repo from './enrolments.repo.ts';
import { enrolmentAllowed } from './enrolments.rules.ts';

export type { EnrolmentRow } from './enrolments.repo.ts';

/** Places taken in a programme: active and suspended participants both hold one. */
export const placesTakenIn = (ctx: Pick<Ctx, 'db'>, programmeId: string) =>
  repo.placesTaken(ctx.db, programmeId);

/** A person's programme history, newest first, for their page in the register. */
export const programmeHistoryOf = (ctx: Pick<Ctx, 'db'>, inmateId: string) =>
  repo.programmesOfInmate(ctx.db, inmateId);

/** A programme's participants, in the principal's scope (programmes.not_found otherwise). */
export async function listEnrolments(ctx: Ctx, programmeId: string) {
  await programme(ctx, programmeId);
  return repo.enrolmentsOf(ctx.db, programmeId);
}

/** The enrolment's programme within the principal's scope: another unit's place is not found. */
async function programmeOfPlace(ctx: Ctx, programmeId: string) {
  return programme(ctx, programmeId).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404 ? notFound('enrolments') : err;
  });
}

/** From which statuses each status may be reached; withdrawn and completed are final. */
const TRANSITIONS: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  active: ['suspended'],
  suspended: ['active'],
  completed: ['active', 'suspended'],
  withdrawn: ['active', 'suspended'],
};

async function takePlace(ctx: Ctx, programmeId: string) {
  const p = await repo.lockProgramme(ctx.db, programmeId);
  await programme(ctx, programmeId);
  const taken = await repo.placesTaken(ctx.db, programmeId);
  if (taken >= p.capacity) throw conflict('enrolments.full', 'enrolments.full', { n: p.capacity });
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
export async function enrolPerson(ctx: Ctx, programmeId: string, input: PersonInput) {
  const intern = input.kind === 'intern';
  if (intern && !input.institution?.trim()) throw fieldError('institution', 'err.required');
  if (intern && (!input.period_from || !input.period_to))
    throw fieldError('period_to', 'enrolments.periodRequired');
  if (input.period_from && input.period_to && input.period_to < input.period_from)
    throw fieldError('period_to', 'enrolments.periodOrder');
  return ctx.db.transaction().execute(async (trx) => {
    const p = await takePlace(withDb(ctx, trx), programmeId);
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
    await recordAudit(trx, ctx.who.actor, {
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
 * Enrols an inmate inside the caller's transaction (selection, after the TPP decision is approved:
 * `ctx.db` is that transaction). A detainee's participation is voluntary: without recorded consent
 * they cannot be enrolled.
 */
export async function enrolInmate(
  ctx: Ctx,
  input: {
    programme_id: string;
    /** `detainee`: a tahanan (register A.*), whose place needs their consent. */
    inmate: { id: string; name: string; detainee: boolean; expected_release_date: string | null };
    intake_candidate_id: string | null;
    consent_recorded_at: Date | string | null;
    started_on: string;
  },
): Promise<string> {
  const ok = enrolmentAllowed(input.inmate, input.consent_recorded_at, input.started_on);
  if (!ok.ok) {
    if (ok.reason.key === 'selection.reason.past_expiry')
      throw conflict('enrolments.past_expiry', 'selection.reason.past_expiry', ok.reason.params ?? {});
    throw conflict('enrolments.consent_missing', 'selection.reason.consent_missing');
  }
  const trx = ctx.db;
  const p = await takePlace(ctx, input.programme_id);
  if (await repo.isEnrolled(trx, input.programme_id, input.inmate.id))
    throw conflict('enrolments.already', 'enrolments.already');
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
  await recordAudit(trx, ctx.who.actor, {
    action: 'enrolments.create',
    entity: 'enrolment',
    entityId: id,
    unitId: p.unit_id,
    after: v,
  });
  return id;
}

/** The programme an enrolment belongs to, if the principal may see it (enrolments.not_found). */
export async function programmeOfEnrolment(ctx: Ctx, id: string): Promise<string> {
  const e = await repo.findEnrolment(ctx.db, id);
  if (!e) throw notFound('enrolments');
  await programmeOfPlace(ctx, e.programme_id);
  return e.programme_id;
}

/** Suspends, resumes, completes or withdraws a participant; a withdrawal needs a reason. */
export async function changeEnrolmentStatus(
  ctx: Ctx,
  id: string,
  input: {
    status: EnrolmentStatus;
    end_reason?: EndReason | undefined;
    note?: string | undefined;
    on_date: string;
  },
): Promise<void> {
  if (input.status === 'withdrawn' && !input.end_reason) throw fieldError('end_reason', 'err.required');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findEnrolment(trx, id);
    if (!before) throw notFound('enrolments');
    const p = await repo.lockProgramme(trx, before.programme_id);
    await programmeOfPlace(withDb(ctx, trx), before.programme_id);
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
    await recordAudit(trx, ctx.who.actor, {
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
export async function completeEnrolmentTx(ctx: Ctx, id: string, onDate: string) {
  const trx = ctx.db;
  const before = await repo.findEnrolment(trx, id, true);
  if (!before) throw notFound('enrolments');
  const p = await programmeOfPlace(ctx, before.programme_id);
  if (before.status === 'completed') return before;
  if (before.status !== 'active')
    throw conflict('enrolments.transition_not_allowed', 'enrolments.transitionNotAllowed');
  const v = { status: 'completed' as const, end_reason: null, status_note: null, ended_on: onDate };
  await repo.setStatus(trx, id, v);
  await recordAudit(trx, ctx.who.actor, {
    action: 'enrolments.completed',
    entity: 'enrolment',
    entityId: id,
    unitId: p.unit_id,
    before: { status: before.status },
    after: v,
  });
  return before;
}

/**
 * A release or transfer in the register ends the inmate's places, in the register's transaction
 * (`ctx.db`).
 */
export async function endEnrolmentsOfInmate(
  ctx: Ctx,
  input: { inmate_id: string; unit_id: string; reason: 'released' | 'transferred'; on_date: string },
): Promise<number> {
  return endPlaces(ctx, await repo.openEnrolmentsOfInmate(ctx.db, input.inmate_id), input, null);
}

/**
 * A detainee who withdraws their consent leaves the programme at their own request, in the
 * caller's (selection's) transaction (`ctx.db`).
 */
export async function endEnrolmentsOfCandidate(
  ctx: Ctx,
  input: { intake_candidate_id: string; unit_id: string; on_date: string; note: string | null },
): Promise<number> {
  const open = await repo.openEnrolmentsOfCandidate(ctx.db, input.intake_candidate_id);
  return endPlaces(ctx, open, { ...input, reason: 'own_request' }, input.note);
}

async function endPlaces(
  ctx: Ctx,
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
    await repo.setStatus(ctx.db, e.id, v);
    await recordAudit(ctx.db, ctx.who.actor, {
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
