// Attendance of a session: its roster with the current marks, and saving a whole roll call in one
// transaction — corrections with a reason and their history, the lock, and batches applied once.
// Also the one reader of a participant's marks that completion and competencies share.
import { type FieldError, invalid } from '../../app/errors.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { MarkStatus, SubmissionResult } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Applied, applyOnce } from '../batches/batches.service.ts';
import * as policy from './attendance.policy.ts';
import * as repo from './attendance.repo.ts';
import { MARK_STATUSES, type NotOffered } from './attendance.rules.ts';

export type { CorrectionRow, RosterRow } from './attendance.repo.ts';
export type AttendanceSession = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;

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

export type SaveResult = Applied;

/** Everything the attendance page shows: the session, its roster and marks, and the history. */
export async function attendanceOf(ctx: Ctx, input: { sessionId: string; lockDays: number }) {
  const found = await repo.findSessionWithHistory(ctx.db, ctx.who.scope, input.sessionId);
  const { corrections, ...session } = policy.admit(ctx, found, { for: 'view', lockDays: input.lockDays });
  const roster = session.status === 'cancelled' ? [] : await repo.rosterOf(ctx.db, session);
  const may = policy.may(ctx, session, input.lockDays);
  return { session, roster, corrections, locked: may.locked, refusal: may.refusal, may };
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
  ctx: Ctx,
  input: SaveInput & { sessionId: string; lockDays: number },
): Promise<SaveResult> {
  const { lockDays } = input;
  const userId = ctx.who.id;
  // Last word wins when the same participant appears twice in one batch.
  const wanted = new Map<string, MarkInput>();
  for (const m of input.marks) wanted.set(m.enrolment_id, m);
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const session = await policy.session(tx, input.sessionId, { for: 'view', lockDays, lock: true });
    const key = input.idempotency_key;
    // A batch sent again is answered as the first time, even if the session has locked since.
    return applyOnce(tx, { key, kind: 'attendance', sessionId: session.id }, async () => {
      policy.authorize(tx, session, 'record', lockDays);

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

      const markIds = await repo.upsertMarks(trx, session.id, userId, writes);
      await repo.insertCorrections(
        trx,
        userId,
        corrections.map(({ enrolment_id, ...c }) => ({ ...c, mark_id: markIds.get(enrolment_id) ?? '' })),
      );
      const result: SubmissionResult = { created, updated: corrections.length, unchanged };
      {
        const after = new Map(roster.map((r) => [r.enrolment_id, r.status]));
        for (const w of writes) after.set(w.enrolment_id, w.status);
        const counts: Record<string, number> = {};
        for (const s of MARK_STATUSES) counts[s] = 0;
        for (const s of after.values()) if (s) counts[s] = (counts[s] ?? 0) + 1;
        await recordAudit(trx, ctx.who.actor, {
          action: 'attendance.save',
          entity: 'session',
          entityId: session.id,
          unitId: session.unit_id,
          after: { ...result, counts, changes, ...(key ? { idempotency_key: key } : {}) },
        });
      }
      return result;
    });
  });
}

export type Standing = Awaited<ReturnType<typeof repo.standingOn>>[number];

/**
 * The roster of a programme's day by the roll call's rule (places on the day, tanggal ekspirasi,
 * internship periods): each participant with `not_offered` null when the day offers them. Other
 * records of the hall (the production log) use it so one rule decides who was there. `also` adds
 * participants the day does not offer (to show or refuse what was recorded for them before). No
 * scope check: callers have found the session or programme within the principal's scope first.
 */
export async function rosterOn(
  ctx: Pick<Ctx, 'db'>,
  input: { programmeId: string; day: string; also?: readonly string[] },
): Promise<Standing[]> {
  return repo.standingOn(ctx.db, input.programmeId, input.day, input.also);
}

export type ParticipantMark = Awaited<ReturnType<typeof repo.participantMarks>>[number];

/**
 * Some participants' marks on their programme's held (not cancelled) sessions, oldest first: the
 * one reader behind completion (certificates) and competency hours. It does not check the scope:
 * callers have found the programme or the enrolment within the principal's scope first.
 */
export async function participantMarks(
  ctx: Pick<Ctx, 'db'>,
  input: { programmeId: string; enrolmentIds: readonly string[] },
): Promise<ParticipantMark[]> {
  return repo.participantMarks(ctx.db, input.programmeId, input.enrolmentIds);
}

/** The sessions of a programme up to a day, with whether any mark exists (for the demo seed). */
export async function sessionsOfProgramme(
  ctx: Pick<Ctx, 'db'>,
  input: { programmeId: string; upTo: string },
) {
  return repo.sessionsOfProgramme(ctx.db, input.programmeId, input.upTo);
}

/** A programme's participants in a stable order (for the demo seed). */
export async function participantsOf(ctx: Pick<Ctx, 'db'>, input: { programmeId: string }) {
  return repo.participantsOf(ctx.db, input.programmeId);
}
