// Whether each session's roll call and journal were done: the status the programme page, the
// month calendar and the dashboards show beside a session, read for many sessions in one query.
import type { Ctx } from '../../app/principal.ts';
import type { TimeZone } from '../../db/schema.ts';
import { type SessionFacts, sessionsWithFacts } from './sessions.repo.ts';

/**
 * The roll call of a session: `done` when any mark is recorded, `missing` when it has begun and
 * none is, `locked` when none is and it is past the lock days (only the Kepala UPT may still
 * record it), `upcoming` when it is not due: not begun yet, or cancelled.
 */
export type AttendanceState = 'done' | 'missing' | 'locked' | 'upcoming';
/** The journal of a session: `done` when written, `missing` once begun, `upcoming` when not due. */
export type JournalState = 'done' | 'missing' | 'upcoming';

export interface SessionStatus {
  id: string;
  programme_id: string;
  programme_name: string;
  unit_id: string;
  /** The session's day in the unit's zone, YYYY-MM-DD. */
  day: string;
  /** HH:MM in the unit's zone. */
  start_time: string;
  end_time: string;
  cancelled: boolean;
  attendance: AttendanceState;
  journal: JournalState;
  /** The unit's time zone, for "today" and times shown. */
  timezone: TimeZone;
  starts_at: Date;
  ends_at: Date;
  cancel_reason: string | null;
  extra: boolean;
  /** The day it was moved from, when it was rescheduled. */
  rescheduled_from: string | null;
}

/** ATTENDANCE_LOCK_DAYS' default (src/app/config.ts); routes pass `app.config.attendanceLockDays`. */
export const DEFAULT_LOCK_DAYS = 7;

export interface SessionsQuery {
  /** Only this unit's programmes (still within the principal's scope). */
  unitId?: string | undefined;
  /** Only these programmes (still within the principal's scope). */
  programmeIds?: string[] | undefined;
  /** Only these sessions. */
  ids?: string[] | undefined;
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** At most this many sessions (default 500). */
  limit?: number | undefined;
  /** By start: oldest first (default) or newest first. */
  order?: 'asc' | 'desc' | undefined;
  /** Days after which a roll call locks; default ATTENDANCE_LOCK_DAYS' default. */
  lockDays?: number | undefined;
}

/** Pure: the statuses of one session from its facts. */
export function statusOf(f: SessionFacts): SessionStatus {
  const cancelled = f.status === 'cancelled';
  const due = !cancelled && !f.not_begun;
  const attendance: AttendanceState = f.marked
    ? 'done'
    : !due
      ? 'upcoming'
      : f.past_lock
        ? 'locked'
        : 'missing';
  const journal: JournalState = f.journalled ? 'done' : due ? 'missing' : 'upcoming';
  return {
    id: f.id,
    programme_id: f.programme_id,
    programme_name: f.programme_name,
    unit_id: f.unit_id,
    day: f.day,
    start_time: f.start_time,
    end_time: f.end_time,
    cancelled,
    attendance,
    journal,
    timezone: f.timezone,
    starts_at: f.starts_at,
    ends_at: f.ends_at,
    cancel_reason: f.cancel_reason,
    extra: f.extra,
    rescheduled_from: f.rescheduled_from,
  };
}

/**
 * Sessions of the programmes in the principal's scope (an instruktur mitra: her partner's only)
 * between two days, each with its roll call and journal status. One query, whatever the count.
 */
export async function sessionsWithStatus(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  q: SessionsQuery,
): Promise<SessionStatus[]> {
  const rows = await sessionsWithFacts(ctx.db, ctx.who.scope, {
    unitId: q.unitId,
    programmeIds: q.programmeIds,
    ids: q.ids,
    from: q.from,
    to: q.to,
    limit: Math.max(1, Math.min(q.limit ?? 500, 5000)),
    order: q.order ?? 'asc',
    now: ctx.now,
    lockDays: q.lockDays ?? DEFAULT_LOCK_DAYS,
  });
  return rows.map(statusOf);
}
