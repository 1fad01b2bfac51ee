// A programme's schedules and the sessions generated from them: a rolling window ahead, never
// duplicating a session nor bringing back a cancelled one; cancel, reschedule, add an extra session.
// A holiday set on a day cancels that day's sessions: the holiday calendar calls back here (see
// the end of this file), so the calendar does not depend on programmes.

import { fieldError, invalid, isUniqueViolation, notFound } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holidaysOfUnits, onHolidaySet } from '../holidays/holidays.service.ts';
import { programme } from './programmes.policy.ts';
import { referencedIds } from './programmes.repo.ts';
import { addDays, hhmm, sessionDays, sessionInstants } from './schedule.rules.ts';
import * as repo from './sessions.repo.ts';

export type { SessionRow } from './sessions.repo.ts';

/** Every session of the programmes in the principal's scope between two days (the unit calendar). */
export function sessionsInScope(ctx: Pick<Ctx, 'db' | 'who'>, from: string, to: string) {
  return repo.sessionsInScope(ctx.db, ctx.who.scope, from, to);
}

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

type FillSchedule = Awaited<ReturnType<typeof repo.schedulesToFill>>[number];

/**
 * Inserts the missing sessions of `schedules` (set-based, one statement per 5,000 rows) up to
 * `weeks` weeks after today in each unit's own zone. Candidate days start at the schedule's first
 * day when `backfill`, else at today in the unit's zone (the daily job: days before today were
 * filled by earlier runs or when the schedule was entered). Returns the count per schedule.
 */
async function fillSchedules(
  ctx: Ctx,
  schedules: readonly FillSchedule[],
  weeks: number,
  backfill: boolean,
): Promise<Map<string, number>> {
  const trx = ctx.db;
  const todays = new Map<string, string>(); // "today" once per zone, not per schedule
  const plan = schedules.map((s) => {
    const day = todays.get(s.timezone) ?? today(ctx, s.timezone);
    todays.set(s.timezone, day);
    const from = backfill || s.starts_on > day ? s.starts_on : day;
    return { s, from, to: addDays(day, weeks * 7) };
  });
  const live = plan.filter((p) => p.from <= p.to && (p.s.ends_on === null || p.s.ends_on >= p.from));
  const counts = new Map<string, number>();
  if (live.length === 0) return counts;
  // 'YYYY-MM-DD' strings sort as days do.
  const minFrom = live.map((p) => p.from).sort()[0] ?? '';
  const maxTo =
    live
      .map((p) => p.to)
      .sort()
      .at(-1) ?? '';
  const unitIds = [...new Set(live.map((p) => p.s.unit_id))];
  const [holidays, claimed] = await Promise.all([
    holidaysOfUnits(ctx, unitIds, minFrom, maxTo),
    repo.claimedDaysOf(
      trx,
      live.map((p) => p.s.id),
      minFrom,
    ),
  ]);
  const national = holidays.get('') ?? new Set<string>();
  const rows: repo.SessionValues[] = [];
  for (const { s, from, to } of live) {
    const local = holidays.get(s.unit_id);
    const off = local ? new Set([...national, ...local]) : national;
    const held = claimed.get(s.id);
    const zone = s.timezone;
    const recurrence = {
      weekdays: s.weekdays,
      everyNWeeks: s.every_n_weeks,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
      skipHolidays: s.skip_holidays,
    };
    for (const day of sessionDays(recurrence, { from, to }, off)) {
      if (held?.has(day)) continue;
      const at = sessionInstants(day, s.start_time, s.end_time, zone);
      rows.push({
        programme_id: s.programme_id,
        schedule_id: s.id,
        day,
        starts_at: at.startsAt,
        ends_at: at.endsAt,
      });
      counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
    }
  }
  const inserted = await repo.insertSessionsBulk(trx, rows);
  // Rows that met an existing (schedule, day) are rare (a concurrent run); keep the total honest.
  if (inserted !== rows.length) {
    counts.clear();
    if (inserted > 0) counts.set('', inserted);
  }
  return counts;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Schedules per transaction in the daily job; a unit's schedules are never split. */
const BATCH = 500;

/**
 * Creates the missing sessions of every running schedule (or one programme's, from its first day,
 * so a schedule entered after the fact gets its past sessions too) up to `weeksAhead` weeks after
 * today in each unit's zone. Batches of whole units, one transaction and ONE audit record each.
 * Safe to run any number of times: never duplicates a session nor brings back a cancelled one.
 */
export async function generateSessions(
  ctx: Ctx,
  opts: { programmeId?: string; weeksAhead?: number } = {},
): Promise<number> {
  const weeks = opts.weeksAhead ?? WEEKS_AHEAD;
  if (opts.programmeId) {
    const programmeId = opts.programmeId;
    return ctx.db.transaction().execute(async (trx) => {
      const schedules = await repo.liveSchedules(trx, programmeId);
      const counts = await fillSchedules(withDb(ctx, trx), schedules, weeks, true);
      const n = total(counts);
      if (n > 0)
        await recordAudit(trx, ctx.who.actor, {
          action: 'sessions.generate',
          entity: 'programme',
          entityId: programmeId,
          unitId: schedules[0]?.unit_id ?? null,
          after: { created: n, per_schedule: Object.fromEntries(counts) },
        });
      return n;
    });
  }
  // WIB is the westernmost zone, so its "today" is the earliest of any unit's.
  const all = await repo.schedulesToFill(ctx.db, today(ctx, 'Asia/Jakarta'));
  const batches: FillSchedule[][] = [];
  let batch: FillSchedule[] = [];
  for (const [i, s] of all.entries()) {
    batch.push(s);
    const next = all[i + 1];
    if (!next || (batch.length >= BATCH && next.unit_id !== s.unit_id)) {
      batches.push(batch);
      batch = [];
    }
  }
  let created = 0;
  for (const b of batches) {
    created += await ctx.db.transaction().execute(async (trx) => {
      const counts = await fillSchedules(withDb(ctx, trx), b, weeks, false);
      const n = total(counts);
      if (n > 0) {
        const perUnit: Record<string, number> = {};
        for (const s of b)
          if (counts.has(s.id)) perUnit[s.unit_id] = (perUnit[s.unit_id] ?? 0) + (counts.get(s.id) ?? 0);
        await recordAudit(trx, ctx.who.actor, {
          action: 'sessions.generate_batch',
          entity: 'sessions',
          entityId: null,
          after: {
            created: n,
            schedules: b.length,
            units: new Set(b.map((s) => s.unit_id)).size,
            per_unit: perUnit,
          },
        });
      }
      return n;
    });
  }
  return created;
}

export async function addSchedule(
  ctx: Ctx,
  programmeId: string,
  input: ScheduleInput,
): Promise<{ id: string; created: number }> {
  const p = await programme(ctx, programmeId, { for: 'manage' });
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
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertSchedule(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'schedules.create',
      entity: 'schedule',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
  return { id, created: await generateSessions(ctx, { programmeId: p.id }) };
}

export interface ScheduleEditInput {
  weekdays: number[];
  every_n_weeks?: number | undefined;
  ends_on?: string | undefined;
  start_time: string;
  end_time: string;
  skip_holidays?: boolean | undefined;
}

async function scheduleFor(trx: Ctx['db'], programmeId: string, scheduleId: string) {
  const s = await repo.findSchedule(trx, programmeId, scheduleId);
  if (!s) throw notFound('schedules');
  return s;
}

/**
 * Changes a schedule's days, rhythm, times or end. Its generated sessions not yet begun are
 * replaced by ones following the new rule; sessions already held, cancelled, moved by hand or
 * referred to (attendance) stay as they are. One transaction, one audit record.
 */
export async function editSchedule(
  ctx: Ctx,
  programmeId: string,
  scheduleId: string,
  input: ScheduleEditInput,
): Promise<{ removed: number; created: number }> {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  checkTimes(input.start_time, input.end_time);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await scheduleFor(trx, p.id, scheduleId);
    if (input.ends_on && input.ends_on < before.starts_on)
      throw fieldError('ends_on', 'programmes.endBeforeStart');
    const v = {
      weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
      every_n_weeks: input.every_n_weeks ?? 1,
      ends_on: input.ends_on ?? null,
      start_time: hhmm(input.start_time),
      end_time: hhmm(input.end_time),
      skip_holidays: input.skip_holidays ?? before.skip_holidays,
    };
    await repo.updateSchedule(trx, scheduleId, v);
    const pending = await repo.pendingGenerated(trx, scheduleId, ctx.now, { moved: false });
    const used = await referencedIds(
      trx,
      'programme_sessions',
      pending.map((x) => x.id),
    );
    const removed = pending.filter((x) => !used.has(x.id)).map((x) => x.id);
    await repo.deleteSessions(trx, removed);
    const schedules = (await repo.liveSchedules(trx, p.id)).filter((x) => x.id === scheduleId);
    const created = total(await fillSchedules(withDb(ctx, trx), schedules, WEEKS_AHEAD, false));
    await recordAudit(trx, ctx.who.actor, {
      action: 'schedules.update',
      entity: 'schedule',
      entityId: scheduleId,
      unitId: p.unit_id,
      before,
      after: { ...v, sessions_removed: removed.length, sessions_created: created },
    });
    return { removed: removed.length, created };
  });
}

/**
 * Ends a schedule on a day: it meets no more after it, and its sessions after that day not yet
 * begun are cancelled with the reason given (kept, so the calendar shows why they do not happen).
 */
export async function endSchedule(
  ctx: Ctx,
  programmeId: string,
  scheduleId: string,
  input: { ends_on: string; reason: string },
): Promise<number> {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await scheduleFor(trx, p.id, scheduleId);
    if (input.ends_on < before.starts_on) throw fieldError('ends_on', 'programmes.endBeforeStart');
    await repo.updateSchedule(trx, scheduleId, { ends_on: input.ends_on });
    const ids = (
      await repo.pendingGenerated(trx, scheduleId, ctx.now, { after: input.ends_on, moved: true })
    ).map((x) => x.id);
    await repo.cancelSessions(trx, p.id, ids, input.reason);
    await recordAudit(trx, ctx.who.actor, {
      action: 'schedules.end',
      entity: 'schedule',
      entityId: scheduleId,
      unitId: p.unit_id,
      before,
      after: { ends_on: input.ends_on, reason: input.reason, cancelled_session_ids: ids },
    });
    return ids.length;
  });
}

/**
 * For a holiday entered after sessions were generated: cancels, in the caller's transaction, the
 * scheduled sessions on that day of schedules that skip holidays, in the holiday's unit (or every
 * unit for a national holiday or cuti bersama), when the day is today or later in the unit's zone.
 */
export async function cancelSessionsOnHoliday(
  ctx: Pick<Ctx, 'db'>,
  holiday: { unit_id: string | null; day: string; name: string },
): Promise<string[]> {
  const rows = await repo.cancelOnHoliday(
    ctx.db,
    holiday.unit_id,
    holiday.day,
    `Hari libur: ${holiday.name}`,
  );
  return rows.map((r) => r.id);
}

/** Sessions of a programme between two days; by default from today in the unit's zone onward. */
export async function sessionsOf(ctx: Ctx, programmeId: string, from?: string, to?: string) {
  const p = await programme(ctx, programmeId);
  const start = from ?? today(ctx, p.timezone);
  return repo.sessionsBetween(ctx.db, p.id, start, to ?? addDays(start, WEEKS_AHEAD * 7));
}

async function sessionFor(trx: Ctx['db'], programmeId: string, sessionId: string) {
  const s = await repo.findSession(trx, programmeId, sessionId);
  if (!s) throw notFound('sessions');
  return s;
}

export async function cancelSession(ctx: Ctx, programmeId: string, sessionId: string, reason: string) {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await sessionFor(trx, p.id, sessionId);
    if (before.status === 'cancelled') throw fieldError('reason', 'programmes.alreadyCancelled');
    await repo.cancelSessions(trx, p.id, [sessionId], reason);
    await recordAudit(trx, ctx.who.actor, {
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
  ctx: Ctx,
  programmeId: string,
  input: { from: string; to: string; reason: string },
): Promise<number> {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  if (input.to < input.from) throw fieldError('to', 'programmes.endBeforeStart');
  return ctx.db.transaction().execute(async (trx) => {
    const ids = (await repo.sessionsBetween(trx, p.id, input.from, input.to))
      .filter((s) => s.status === 'scheduled')
      .map((s) => s.id);
    await repo.cancelSessions(trx, p.id, ids, input.reason);
    await recordAudit(trx, ctx.who.actor, {
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
  ctx: Ctx,
  programmeId: string,
  sessionId: string,
  input: SessionTimeInput,
) {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  checkTimes(input.start_time, input.end_time);
  const at = sessionInstants(input.day, input.start_time, input.end_time, p.timezone);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await sessionFor(trx, p.id, sessionId);
      if (before.status === 'cancelled') throw fieldError('day', 'programmes.alreadyCancelled');
      const v = {
        day: input.day,
        starts_at: at.startsAt,
        ends_at: at.endsAt,
        rescheduled_from: before.rescheduled_from ?? (before.day === input.day ? null : before.day),
      };
      await repo.moveSession(trx, sessionId, v);
      await recordAudit(trx, ctx.who.actor, {
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
  ctx: Ctx,
  programmeId: string,
  input: SessionTimeInput,
): Promise<string> {
  const p = await programme(ctx, programmeId, { for: 'manage' });
  checkTimes(input.start_time, input.end_time);
  const at = sessionInstants(input.day, input.start_time, input.end_time, p.timezone);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertSession(trx, {
      programme_id: p.id,
      schedule_id: null,
      day: input.day,
      starts_at: at.startsAt,
      ends_at: at.endsAt,
      extra: true,
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'sessions.add_extra',
      entity: 'session',
      entityId: id,
      unitId: p.unit_id,
      after: { day: input.day, start_time: input.start_time, end_time: input.end_time },
    });
    return id;
  });
}

// Adding or moving a holiday cancels, in its own transaction, the sessions already generated on that
// day; the calendar knows nothing of programmes, so it calls back.
onHolidaySet(cancelSessionsOnHoliday);
