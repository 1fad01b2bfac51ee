// The recurrence rules of a programme's schedule as pure functions: which days a schedule meets on
// within a window, and the UTC instants of a session held at a local time in a unit's zone.

import { ZONE_OFFSET } from '../../app/format.ts';
import type { TimeZone } from '../../db/schema.ts';

const DAY_MS = 86_400_000;

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** ISO weekday of a calendar day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(toUtc(day)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

export interface Recurrence {
  weekdays: readonly number[];
  everyNWeeks: number;
  startsOn: string;
  endsOn: string | null;
  skipHolidays: boolean;
}

/**
 * The days in [from, to] (inclusive, 'YYYY-MM-DD') on which the schedule meets. Every N weeks is
 * counted from the week of startsOn, so "every 2 weeks from a Wednesday" keeps that rhythm even when
 * the window starts in an off week. Holidays are skipped only when the schedule says so.
 */
export function sessionDays(
  r: Recurrence,
  window: { from: string; to: string },
  holidays: ReadonlySet<string> = new Set(),
): string[] {
  // biome-ignore lint/complexity/useMathMinMax: these are 'YYYY-MM-DD' strings, not numbers
  const from = window.from > r.startsOn ? window.from : r.startsOn;
  const to = r.endsOn && r.endsOn < window.to ? r.endsOn : window.to;
  const n = Math.max(1, Math.trunc(r.everyNWeeks));
  const firstMonday = toUtc(mondayOf(r.startsOn));
  const wanted = new Set(r.weekdays);
  const out: string[] = [];
  // Arithmetic on UTC milliseconds (no string parsing per day): the daily job walks every schedule.
  const end = toUtc(to);
  for (let ms = toUtc(from); ms <= end; ms += DAY_MS) {
    const weekday = ((Math.floor(ms / DAY_MS) + 3) % 7) + 1; // 1 January 1970 was a Thursday
    if (!wanted.has(weekday)) continue;
    const week = Math.floor((ms - firstMonday) / (7 * DAY_MS));
    if (week % n !== 0) continue;
    const day = fromUtc(ms);
    if (r.skipHolidays && holidays.has(day)) continue;
    out.push(day);
  }
  return out;
}

/** 'HH:MM' from 'HH:MM' or 'HH:MM:SS' (PostgreSQL's time). */
export const hhmm = (time: string) => time.slice(0, 5);

/** Indonesia keeps no daylight saving, so a local time maps to UTC by the zone's fixed offset. */
export function sessionInstants(
  day: string,
  startTime: string,
  endTime: string,
  zone: TimeZone,
): { startsAt: Date; endsAt: Date } {
  const at = (t: string) => new Date(`${day}T${hhmm(t)}:00${ZONE_OFFSET[zone]}`);
  return { startsAt: at(startTime), endsAt: at(endTime) };
}

/** The first and last day of a month given as 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = fromUtc(Date.UTC(y, m, 0));
  return { from, to };
}

/** 'YYYY-MM' shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The Monday-to-Sunday weeks that cover a month, each as its seven days. */
export function monthWeeks(month: string): string[][] {
  const { from, to } = monthRange(month);
  const weeks: string[][] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7))
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(monday, i)));
  return weeks;
}
