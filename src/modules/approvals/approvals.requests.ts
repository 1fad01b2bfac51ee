// The requests kept by this module: a petugas asks for a locked session's attendance to be opened
// again, or for a certificate to be revoked, with a reason; the Kepala UPT approves or rejects with
// a note. Each request and each decision is one transaction with its audit record.
import { conflict, fieldError, forbidden, isUniqueViolation, notFound } from '../../app/errors.ts';
import { startOfDay } from '../../app/format.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { TimeZone } from '../../db/schema.ts';
import { session as attendanceSession, refusal } from '../attendance/attendance.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getCertificate, revokeWithin } from '../certificates/certificates.service.ts';
import * as repo from './approvals.repo.ts';

export type { RevocationRequestRow, UnlockRequestRow } from './approvals.repo.ts';

const REASON_MIN = 5;
const TEXT_MAX = 500;

/** A reason: required, at least a few words' worth, at most TEXT_MAX characters. */
function reasonOf(v: string | undefined, field = 'reason'): string {
  const why = v?.trim() ?? '';
  if (!why) throw fieldError(field, 'approvals.reasonRequired');
  if (why.length < REASON_MIN) throw fieldError(field, 'approvals.reasonTooShort', { min: REASON_MIN });
  if (why.length > TEXT_MAX) throw fieldError(field, 'approvals.textTooLong', { max: TEXT_MAX });
  return why;
}

/** A decision's note: required to reject (the petugas reads why), optional to approve. */
function noteOf(d: { approve: boolean; note?: string | null | undefined }): string | null {
  const note = d.note?.trim() || null;
  if (!d.approve && !note) throw fieldError('note', 'approvals.noteRequired');
  if (note && note.length > TEXT_MAX) throw fieldError('note', 'approvals.textTooLong', { max: TEXT_MAX });
  return note;
}

const decided = (code: string) => conflict(code, 'approvals.alreadyDecided');
const pending = (code: string) => conflict(code, 'approvals.alreadyPending');

/** An unlock lasts to the end of the day after the decision, in the unit's calendar. */
export function unlockEnd(zone: TimeZone, day: string): Date {
  const after = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  return startOfDay(after, zone);
}

/**
 * A petugas asks for a locked session's attendance to be opened again. Only a session whose record
 * is locked for them may be asked (409 otherwise), and one request waits at a time.
 */
export async function requestUnlock(
  ctx: Ctx,
  input: { sessionId: string; reason?: string | undefined; lockDays: number },
): Promise<string> {
  if (!can(ctx.who, 'attendance.record')) throw forbidden();
  const reason = reasonOf(input.reason);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      const s = await attendanceSession(t, input.sessionId, { lockDays: input.lockDays, lock: true });
      const why = refusal(t, s, input.lockDays);
      if (why === null) throw conflict('attendance_unlocks.not_locked', 'approvals.notLocked');
      if (why !== 'attendance.locked') throw conflict('attendance_unlocks.not_locked', why);
      const v = {
        unit_id: s.unit_id,
        session_id: s.id,
        reason,
        requested_by: ctx.who.id,
        requested_at: ctx.now,
      };
      const r = await repo.insertUnlock(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'attendance_unlocks.request',
        entity: 'attendance_unlock_request',
        entityId: r.id,
        unitId: s.unit_id,
        after: { session_id: s.id, day: s.day, reason },
      });
      return r.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw pending('attendance_unlocks.pending');
    throw err;
  }
}

/** The Kepala UPT's decision: approved, the session's staff may change its record until the end of the next day. */
export async function decideUnlock(
  ctx: Ctx,
  id: string,
  d: { approve: boolean; note?: string | null | undefined },
): Promise<{ unlockedUntil: Date | null }> {
  if (!can(ctx.who, 'attendance.unlock')) throw forbidden();
  const note = noteOf(d);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.findUnlock(trx, ctx.who.scope, id, true);
    if (!r) throw notFound('attendance_unlocks');
    if (r.status !== 'pending') throw decided('attendance_unlocks.decided');
    const until = d.approve ? unlockEnd(r.timezone, today(ctx, r.timezone)) : null;
    const v = {
      status: d.approve ? ('approved' as const) : ('rejected' as const),
      decided_by: ctx.who.id,
      decided_at: ctx.now,
      decision_note: note,
      unlocked_until: until,
    };
    await repo.decideUnlock(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: d.approve ? 'attendance_unlocks.approve' : 'attendance_unlocks.reject',
      entity: 'attendance_unlock_request',
      entityId: id,
      unitId: r.unit_id,
      before: { status: r.status },
      after: { ...v, session_id: r.session_id },
    });
    return { unlockedUntil: until };
  });
}

/** One unlock request within the principal's scope, or 404. */
export async function unlockRequest(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const r = await repo.findUnlock(ctx.db, ctx.who.scope, id);
  if (!r) throw notFound('attendance_unlocks');
  return r;
}

/** A session's unlock requests, newest first (the roll call page shows whether one waits). */
export function unlockRequestsOf(ctx: Pick<Ctx, 'db' | 'who'>, sessionId: string) {
  return repo.unlocksOfSession(ctx.db, ctx.who.scope, sessionId);
}

/**
 * A petugas asks for a valid certificate to be revoked; the Kepala UPT revokes it by approving.
 * One request waits at a time per certificate.
 */
export async function requestRevocation(
  ctx: Ctx,
  input: { certificateId: string; reason?: string | undefined },
): Promise<string> {
  if (!can(ctx.who, 'certificates.issue') && !can(ctx.who, 'certificates.revoke')) throw forbidden();
  const reason = reasonOf(input.reason);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const c = await getCertificate(withDb(ctx, trx), input.certificateId);
      if (c.status !== 'valid') throw conflict('certificates.already_revoked', 'certificates.alreadyRevoked');
      const v = {
        unit_id: c.unit_id,
        certificate_id: c.id,
        reason,
        requested_by: ctx.who.id,
        requested_at: ctx.now,
      };
      const r = await repo.insertRevocation(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'certificate_revocations.request',
        entity: 'certificate_revocation_request',
        entityId: r.id,
        unitId: c.unit_id,
        after: { certificate_id: c.id, number: c.number, reason },
      });
      return r.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw pending('certificate_revocations.pending');
    throw err;
  }
}

/** The Kepala UPT's decision: approving revokes the certificate with the request's reason, in the same transaction. */
export async function decideRevocation(
  ctx: Ctx,
  id: string,
  d: { approve: boolean; note?: string | null | undefined },
): Promise<void> {
  if (!can(ctx.who, 'certificates.revoke')) throw forbidden();
  const note = noteOf(d);
  await ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const r = await repo.findRevocation(trx, ctx.who.scope, id, true);
    if (!r) throw notFound('certificate_revocations');
    if (r.status !== 'pending') throw decided('certificate_revocations.decided');
    if (d.approve) await revokeWithin(t, r.certificate_id, r.reason);
    const v = {
      status: d.approve ? ('approved' as const) : ('rejected' as const),
      decided_by: ctx.who.id,
      decided_at: ctx.now,
      decision_note: note,
    };
    await repo.decideRevocation(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: d.approve ? 'certificate_revocations.approve' : 'certificate_revocations.reject',
      entity: 'certificate_revocation_request',
      entityId: id,
      unitId: r.unit_id,
      before: { status: r.status },
      after: { ...v, certificate_id: r.certificate_id },
    });
  });
}

/** One revocation request within the principal's scope, or 404. */
export async function revocationRequest(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const r = await repo.findRevocation(ctx.db, ctx.who.scope, id);
  if (!r) throw notFound('certificate_revocations');
  return r;
}

/** A certificate's revocation requests, newest first (its page shows whether one waits). */
export function revocationRequestsOf(ctx: Pick<Ctx, 'db' | 'who'>, certificateId: string) {
  return repo.revocationsOfCertificate(ctx.db, ctx.who.scope, certificateId);
}
