// The rules of attendance in one place, without I/O: which marks count as present, the attendance
// rate, runs of consecutive absences, hours attended, and when a session's record locks.
import type { MarkStatus } from '../../db/schema.ts';

export const MARK_STATUSES: readonly MarkStatus[] = [
  'hadir',
  'terlambat',
  'izin',
  'sakit',
  'alpa',
  'dispensasi',
];

/** Present in the hall: on time or late. */
export function isPresent(status: MarkStatus): boolean {
  return status === 'hadir' || status === 'terlambat';
}

/** Away for their own reason, excused or not. */
export function isAbsent(status: MarkStatus): boolean {
  return status === 'izin' || status === 'sakit' || status === 'alpa';
}

/**
 * Called away by the unit (a court hearing, a visit, a transfer): neither present nor absent, so it
 * is left out of the rate and does not break or extend a run of absences.
 */
export function isDispensation(status: MarkStatus): boolean {
  return status === 'dispensasi';
}

export interface RateSummary {
  present: number;
  absent: number;
  dispensed: number;
  /** Sessions that count: present + absent. */
  counted: number;
  /** 0–100 with one decimal, or null when nothing counts yet. */
  rate: number | null;
}

/** Marks of held (not cancelled) sessions only; unmarked sessions are not counted. */
export function attendanceRate(marks: readonly MarkStatus[]): RateSummary {
  const counts: Partial<Record<MarkStatus, number>> = {};
  for (const m of marks) counts[m] = (counts[m] ?? 0) + 1;
  return attendanceRateOfCounts(counts);
}

/** The same rate from marks known only by their count per status (aggregates, grouped queries). */
export function attendanceRateOfCounts(counts: Partial<Record<MarkStatus, number>>): RateSummary {
  let present = 0;
  let absent = 0;
  let dispensed = 0;
  for (const m of MARK_STATUSES) {
    const n = counts[m] ?? 0;
    if (isPresent(m)) present += n;
    else if (isAbsent(m)) absent += n;
    else dispensed += n;
  }
  const counted = present + absent;
  const rate = counted === 0 ? null : Math.round((present / counted) * 1000) / 10;
  return { present, absent, dispensed, counted, rate };
}

/**
 * The run of consecutive absences ending at the latest session, given marks in session order
 * (oldest first). Dispensations are skipped; a presence ends the run.
 */
export function currentAbsenceRun(marksInOrder: readonly MarkStatus[]): number {
  let run = 0;
  for (let i = marksInOrder.length - 1; i >= 0; i--) {
    const m = marksInOrder[i] as MarkStatus;
    if (isDispensation(m)) continue;
    if (!isAbsent(m)) break;
    run++;
  }
  return run;
}

/** The longest run of consecutive absences anywhere in the record (oldest first). */
export function longestAbsenceRun(marksInOrder: readonly MarkStatus[]): number {
  let run = 0;
  let longest = 0;
  for (const m of marksInOrder) {
    if (isDispensation(m)) continue;
    run = isAbsent(m) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Length of a session in hours (two decimals), from its start and end instants. */
export function sessionHours(startsAt: Date, endsAt: Date): number {
  return Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 100) / 100;
}

/**
 * Hours a participant earns towards each curriculum unit from one session: the session's hours
 * shared equally among the units its journal says were covered, only when present.
 */
export function hoursPerUnit(
  status: MarkStatus,
  hours: number,
  unitIds: readonly string[],
): Map<string, number> {
  const out = new Map<string, number>();
  if (!isPresent(status) || unitIds.length === 0) return out;
  const share = hours / unitIds.length;
  for (const u of unitIds) out.set(u, (out.get(u) ?? 0) + share);
  return out;
}

/**
 * A session's record locks `lockDays` whole days after the session's day (in the unit's zone);
 * only the head of the unit may change it after that (who may: attendance.policy.ts).
 */
export function isLocked(sessionDay: string, today: string, lockDays: number): boolean {
  const day = Date.parse(`${sessionDay}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  return now - day > lockDays * 86_400_000;
}

/** Why the roll call of a day does not offer a participant; null when it does. */
export type NotOffered = 'not_enrolled' | 'past_expiry' | 'outside_period';

/**
 * Whom the roll call of a session's day offers (`day` is the unit's local calendar day):
 * - anyone whose place started on or before the day and did not end before it;
 * - an inmate only up to and including their tanggal ekspirasi (the register's date, which a
 *   recorded extension moves): on the day itself they are still held, after it they are not;
 * - a pemagang only within their internship period (both ends included).
 * Mirrored in SQL by attendance.repo.ts (rosterOf), which filters the roster in the database.
 */
export function rollCallStanding(
  p: {
    kind: 'inmate' | 'intern' | 'staff';
    started_on: string;
    ended_on: string | null;
    /** The inmate's tanggal ekspirasi; null when unknown or not an inmate. */
    expiry: string | null;
    period_from: string | null;
    period_to: string | null;
  },
  day: string,
): NotOffered | null {
  if (p.started_on > day || (p.ended_on !== null && p.ended_on < day)) return 'not_enrolled';
  if (p.kind === 'inmate' && p.expiry !== null && p.expiry < day) return 'past_expiry';
  if (
    p.kind === 'intern' &&
    ((p.period_from !== null && p.period_from > day) || (p.period_to !== null && p.period_to < day))
  )
    return 'outside_period';
  return null;
}
