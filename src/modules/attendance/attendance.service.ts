// Attendance of a session: its roster with the current marks, and saving a whole roll call in one
// transaction — corrections with a reason and their history, the lock, and batches applied once.
import { AppError, type FieldError, invalid } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { can } from '../../app/policy.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { MarkStatus, Role, SubmissionResult, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './attendance.repo.ts';
import { isLocked, MARK_STATUSES, type NotOffered } from './attendance.rules.ts';

export type { CorrectionRow, RosterRow } from './attendance.repo.ts';
export type AttendanceSession = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;

/** Who is asking: their scope (units, partner) and roles (may they change a locked record?). */
export interface Recorder {
  userId: string | null;
  scope: Scope;
  roles: readonly Role[];
}

export interface MarkInput {
  enrolment_id: string;
  status: MarkStatus;
  note?: string | undefined;
  /** Required when the participant already has a saved mark that this changes. */
  reason?: string | undefined;
}

export interface SaveInput {
  marks: MarkInput[];
  /** Chosen by the client; the same key sent again returns the first answer and changes nothing. */
  idempotency_key?: string | undefined;
}

export interface SaveResult extends SubmissionResult {
  replayed: boolean;
}

/** Why a session cannot take marks now, or null when it can (for this user). */
export function refusal(
  s: Pick<AttendanceSession, 'day' | 'status' | 'timezone'>,
  roles: readonly Role[],
  lockDays: number,
  now: Date,
): MessageKey | null {
  if (s.status === 'cancelled') return 'attendance.cancelled';
  const today = dayInZone(now, s.timezone as TimeZone);
  if (s.day > today) return 'attendance.future';
  if (isLocked(s.day, today, lockDays) && !can(roles, 'attendance.unlock')) return 'attendance.locked';
  return null;
}

const refused = (key: MessageKey, lockDays: number) =>
  new AppError(`attendance.${key.split('.')[1]}`, 409, key, { n: lockDays }, [
    { field: 'marks', key, params: { n: lockDays } },
  ]);

async function sessionFor(db: Db, scope: Scope, sessionId: string, lock = false) {
  const s = await repo.findSession(db, scope, sessionId, lock);
  if (!s) throw new AppError('sessions.not_found', 404, 'err.notFound');
  return s;
}

/** Everything the attendance page shows: the session, its roster and marks, and the history. */
export async function attendanceOf(
  db: Db,
  who: Recorder,
  sessionId: string,
  opts: { lockDays: number; now?: Date },
) {
  const now = opts.now ?? new Date();
  const session = await sessionFor(db, who.scope, sessionId);
  const [roster, corrections] = await Promise.all([
    session.status === 'cancelled' ? Promise.resolve([]) : repo.rosterOf(db, session),
    repo.correctionsOf(db, session.id),
  ]);
  const today = dayInZone(now, session.timezone as TimeZone);
  return {
    session,
    roster,
    corrections,
    locked: isLocked(session.day, today, opts.lockDays),
    refusal: refusal(session, who.roles, opts.lockDays, now),
  };
}

const NOT_OFFERED: Record<NotOffered, MessageKey> = {
  not_enrolled: 'attendance.notOnRoster',
  past_expiry: 'attendance.pastExpiry',
  outside_period: 'attendance.outsidePeriod',
};

const clean = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * Saves a roll call: new marks are inserted and changed ones updated in one statement; changing a
 * saved mark needs a reason and keeps the earlier value in attendance_corrections. One transaction,
 * one audit record (counts and what changed). With an idempotency key, a batch sent again returns
 * the stored result and changes nothing.
 */
export async function saveAttendance(
  db: Db,
  actor: Actor,
  who: Recorder,
  sessionId: string,
  input: SaveInput,
  opts: { lockDays: number; now?: Date },
): Promise<SaveResult> {
  const now = opts.now ?? new Date();
  // Last word wins when the same participant appears twice in one batch.
  const wanted = new Map<string, MarkInput>();
  for (const m of input.marks) wanted.set(m.enrolment_id, m);
  return db.transaction().execute(async (trx) => {
    const session = await sessionFor(trx, who.scope, sessionId, true);
    const key = input.idempotency_key;
    if (key && !(await repo.claimSubmission(trx, key, session.id, who.userId))) {
      const prior = await repo.findSubmission(trx, key);
      if (!prior || prior.session_id !== session.id)
        throw new AppError('attendance.key_reused', 409, 'attendance.keyReused');
      return { ...prior.result, replayed: true };
    }
    const why = refusal(session, who.roles, opts.lockDays, now);
    if (why) throw refused(why, opts.lockDays);

    const roster = await repo.rosterOf(trx, session, true);
    const byId = new Map(roster.map((r) => [r.enrolment_id, r]));
    const errors: FieldError[] = [];
    const writes: repo.MarkValues[] = [];
    const corrections: Array<Omit<repo.CorrectionValues, 'mark_id'> & { enrolment_id: string }> = [];
    const changes: Array<Record<string, unknown>> = [];
    let created = 0;
    let unchanged = 0;
    for (const m of wanted.values()) {
      const row = byId.get(m.enrolment_id);
      if (!row) {
        errors.push({ field: `status.${m.enrolment_id}`, key: 'attendance.notOnRoster' });
        continue;
      }
      const note = clean(m.note);
      // The roll call of this day does not offer them (past their tanggal ekspirasi without a
      // recorded extension, outside an internship period, or no place on the day). Sending a mark
      // saved earlier back unchanged is harmless; anything else is refused with the reason, per
      // participant.
      if (row.not_offered !== null) {
        if (row.status === m.status && (row.note ?? null) === note) unchanged++;
        else errors.push({ field: `status.${m.enrolment_id}`, key: NOT_OFFERED[row.not_offered] });
        continue;
      }
      if (row.mark_id === null || row.status === null) {
        writes.push({ enrolment_id: m.enrolment_id, status: m.status, note });
        changes.push({ enrolment_id: m.enrolment_id, status: m.status, ...(note ? { note } : {}) });
        created++;
        continue;
      }
      if (row.status === m.status && (row.note ?? null) === note) {
        unchanged++;
        continue;
      }
      const reason = clean(m.reason);
      if (!reason) {
        errors.push({ field: `reason.${m.enrolment_id}`, key: 'attendance.reasonRequired' });
        continue;
      }
      writes.push({ enrolment_id: m.enrolment_id, status: m.status, note });
      corrections.push({
        enrolment_id: m.enrolment_id,
        previous_status: row.status,
        previous_note: row.note,
        new_status: m.status,
        new_note: note,
        reason,
      });
      changes.push({ enrolment_id: m.enrolment_id, from: row.status, status: m.status, reason });
    }
    if (errors.length) throw invalid(errors);

    const markIds = await repo.upsertMarks(trx, session.id, who.userId, writes);
    await repo.insertCorrections(
      trx,
      who.userId,
      corrections.map(({ enrolment_id, ...c }) => ({ ...c, mark_id: markIds.get(enrolment_id) ?? '' })),
    );
    const result: SubmissionResult = { created, updated: corrections.length, unchanged };
    if (key) await repo.setSubmissionResult(trx, key, result);
    {
      const after = new Map(roster.map((r) => [r.enrolment_id, r.status]));
      for (const w of writes) after.set(w.enrolment_id, w.status);
      const counts: Record<string, number> = {};
      for (const s of MARK_STATUSES) counts[s] = 0;
      for (const s of after.values()) if (s) counts[s] = (counts[s] ?? 0) + 1;
      await recordAudit(trx, actor, {
        action: 'attendance.save',
        entity: 'session',
        entityId: session.id,
        unitId: session.unit_id,
        after: { ...result, counts, changes, ...(key ? { idempotency_key: key } : {}) },
      });
    }
    return { ...result, replayed: false };
  });
}

/** The sessions of a programme up to a day, with whether any mark exists (for the demo seed). */
export const sessionsOfProgramme = repo.sessionsOfProgramme;
/** A programme's participants in a stable order (for the demo seed). */
export const participantsOf = repo.participantsOf;
