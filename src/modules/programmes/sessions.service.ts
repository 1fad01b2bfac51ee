// A programme's schedules and the sessions generated from them: a rolling window ahead, never
// duplicating a session nor bringing back a cancelled one; cancel, reschedule, add an extra session.
import { AppError, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { dayInZone, type Zone } from '../../app/format.ts';
import type { Scope } from '../../app/policy.ts';
import type { Db } from '../../db/database.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { holidayDays } from '../holidays/holidays.service.ts';
import * as repo from './programmes.repo.ts';
import { getProgramme } from './programmes.service.ts';
import { addDays, hhmm, sessionDays, sessionInstants } from './schedule.rules.ts';

export type { SessionRow } from './programmes.repo.ts';
export const sessionsInScope = repo.sessionsInScope;

/** How far ahead sessions exist: the daily job keeps this window filled. */
export const WEEKS_AHEAD = 8;

export interface ScheduleInput {
  weekdays: number[];
  every_n_weeks?: number | undefined;
  starts_on: string;
  ends_on?: string | undefined;
  start_time: string;
  end_time: string;
  skip_holidays?: boolean | undefined;
}

function checkTimes(start: string, end: string) {
  if (hhmm(end) <= hhmm(start)) throw fieldError('end_time', 'programmes.endBeforeStart');
}

/**
 * Creates the missing sessions of every running schedule (or one programme's) from its start up to
 * `weeksAhead` weeks after today in its unit's zone. Safe to run any number of times.
 */
export async function generateSessions(
  db: Db,
  actor: Actor,
  opts: { programmeId?: string; weeksAhead?: number; now?: Date } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const weeks = opts.weeksAhead ?? WEEKS_AHEAD;
  let created = 0;
  for (const s of await repo.liveSchedules(db, dayInZone(now, 'Asia/Jakarta'), opts.programmeId)) {
    const zone = s.timezone as Zone;
    const to = addDays(dayInZone(now, zone), weeks * 7);
    if (to < s.starts_on) continue;
    const holidays = s.skip_holidays ? await holidayDays(db, s.unit_id, s.starts_on, to) : new Set<string>();
    const recurrence = {
      weekdays: s.weekdays,
      everyNWeeks: s.every_n_weeks,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
      skipHolidays: s.skip_holidays,
    };
    created += await db.transaction().execute(async (trx) => {
      const claimed = await repo.claimedDays(trx, s.id);
      const days = sessionDays(recurrence, { from: s.starts_on, to }, holidays).filter(
        (d) => !claimed.has(d),
      );
      const n = await repo.insertSessions(
        trx,
        days.map((day) => {
          const at = sessionInstants(day, s.start_time, s.end_time, zone);
          return {
            programme_id: s.programme_id,
            schedule_id: s.id,
            day,
            starts_at: at.startsAt,
            ends_at: at.endsAt,
          };
        }),
      );
      if (n > 0)
        await recordAudit(trx, actor, {
          action: 'sessions.generate',
          entity: 'schedule',
          entityId: s.id,
          unitId: s.unit_id,
          after: { programme_id: s.programme_id, created: n, until: to },
        });
      return n;
    });
  }
  return created;
}

export async function addSchedule(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  input: ScheduleInput,
): Promise<{ id: string; created: number }> {
  const p = await getProgramme(db, scope, programmeId);
  checkTimes(input.start_time, input.end_time);
  if (input.ends_on && input.ends_on < input.starts_on)
    throw fieldError('ends_on', 'programmes.endBeforeStart');
  const v = {
    programme_id: p.id,
    weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
    every_n_weeks: input.every_n_weeks ?? 1,
    starts_on: input.starts_on,
    ends_on: input.ends_on ?? null,
    start_time: hhmm(input.start_time),
    end_time: hhmm(input.end_time),
    skip_holidays: input.skip_holidays ?? true,
  };
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertSchedule(trx, v);
    await recordAudit(trx, actor, {
      action: 'schedules.create',
      entity: 'schedule',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
  return { id, created: await generateSessions(db, actor, { programmeId: p.id }) };
}

/** Sessions of a programme between two days; by default from today in the unit's zone onward. */
export async function sessionsOf(db: Db, scope: Scope, programmeId: string, from?: string, to?: string) {
  const p = await getProgramme(db, scope, programmeId);
  const start = from ?? dayInZone(new Date(), p.timezone as Zone);
  return repo.sessionsBetween(db, p.id, start, to ?? addDays(start, WEEKS_AHEAD * 7));
}

async function sessionFor(trx: Db, programmeId: string, sessionId: string) {
  const s = await repo.findSession(trx, programmeId, sessionId);
  if (!s) throw new AppError('sessions.not_found', 404, 'err.notFound');
  return s;
}

export async function cancelSession(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  sessionId: string,
  reason: string,
) {
  const p = await getProgramme(db, scope, programmeId);
  await db.transaction().execute(async (trx) => {
    const before = await sessionFor(trx, p.id, sessionId);
    if (before.status === 'cancelled') throw fieldError('reason', 'programmes.alreadyCancelled');
    await repo.cancelSessions(trx, p.id, [sessionId], reason);
    await recordAudit(trx, actor, {
      action: 'sessions.cancel',
      entity: 'session',
      entityId: sessionId,
      unitId: p.unit_id,
      before,
      after: { status: 'cancelled', cancel_reason: reason },
    });
  });
}

/** Cancels every scheduled session in [from, to]; returns how many. */
export async function cancelRange(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  input: { from: string; to: string; reason: string },
): Promise<number> {
  const p = await getProgramme(db, scope, programmeId);
  if (input.to < input.from) throw fieldError('to', 'programmes.endBeforeStart');
  return db.transaction().execute(async (trx) => {
    const ids = (await repo.sessionsBetween(trx, p.id, input.from, input.to))
      .filter((s) => s.status === 'scheduled')
      .map((s) => s.id);
    await repo.cancelSessions(trx, p.id, ids, input.reason);
    await recordAudit(trx, actor, {
      action: 'sessions.cancel_range',
      entity: 'programme',
      entityId: p.id,
      unitId: p.unit_id,
      after: { ...input, session_ids: ids },
    });
    return ids.length;
  });
}

export interface SessionTimeInput {
  day: string;
  start_time: string;
  end_time: string;
}

/** Moves a session; the schedule keeps its original day claimed, so generation does not refill it. */
export async function rescheduleSession(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  sessionId: string,
  input: SessionTimeInput,
) {
  const p = await getProgramme(db, scope, programmeId);
  checkTimes(input.start_time, input.end_time);
  const at = sessionInstants(input.day, input.start_time, input.end_time, p.timezone as Zone);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await sessionFor(trx, p.id, sessionId);
      if (before.status === 'cancelled') throw fieldError('day', 'programmes.alreadyCancelled');
      const v = {
        day: input.day,
        starts_at: at.startsAt,
        ends_at: at.endsAt,
        rescheduled_from: before.rescheduled_from ?? (before.day === input.day ? null : before.day),
      };
      await repo.moveSession(trx, sessionId, v);
      await recordAudit(trx, actor, {
        action: 'sessions.reschedule',
        entity: 'session',
        entityId: sessionId,
        unitId: p.unit_id,
        before,
        after: v,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'programme_sessions_schedule_day_key'))
      throw invalid([{ field: 'day', key: 'programmes.sessionTaken' }]);
    throw err;
  }
}

export async function addExtraSession(
  db: Db,
  actor: Actor,
  scope: Scope,
  programmeId: string,
  input: SessionTimeInput,
): Promise<string> {
  const p = await getProgramme(db, scope, programmeId);
  checkTimes(input.start_time, input.end_time);
  const at = sessionInstants(input.day, input.start_time, input.end_time, p.timezone as Zone);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertSession(trx, {
      programme_id: p.id,
      schedule_id: null,
      day: input.day,
      starts_at: at.startsAt,
      ends_at: at.endsAt,
      extra: true,
    });
    await recordAudit(trx, actor, {
      action: 'sessions.add_extra',
      entity: 'session',
      entityId: id,
      unitId: p.unit_id,
      after: { day: input.day, start_time: input.start_time, end_time: input.end_time },
    });
    return id;
  });
}
