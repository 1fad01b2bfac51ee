// Session generation: a rolling window of sessions ahead of each running schedule, in each unit's
// own zone, skipping holidays; never duplicating a session nor bringing back a cancelled one. Run
// daily by the job (programmes.module.ts), and at once for a schedule just entered or changed.
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holidaysOfUnits } from '../holidays/holidays.service.ts';
import { addDays, sessionDays, sessionInstants } from './schedule.rules.ts';
import * as repo from './sessions.repo.ts';

/** How far ahead sessions exist: the daily job keeps this window filled. */
export const WEEKS_AHEAD = 8;

export type FillSchedule = Awaited<ReturnType<typeof repo.schedulesToFill>>[number];

/**
 * Inserts the missing sessions of `schedules` (set-based, one statement per 5,000 rows) up to
 * `weeks` weeks after today in each unit's own zone. Candidate days start at the schedule's first
 * day when `backfill`, else at today in the unit's zone (the daily job: days before today were
 * filled by earlier runs or when the schedule was entered). Returns the count per schedule.
 */
export async function fillSchedules(
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

export const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

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
