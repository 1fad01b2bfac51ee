// Pure rules of the breach register (UU 27/2022 Pasal 46): the 3 x 24 hour notification deadline
// counted from the moment the breach was found, and where each breach stands against it.
import { ZONE_OFFSET } from '../../app/format.ts';
import type { BreachRecipient, TimeZone } from '../../db/schema.ts';

/** Pasal 46 ayat (1): written notice "paling lambat 3 x 24 jam" to the people affected and to the authority. */
export const NOTIFY_WITHIN_HOURS = 3 * 24;
export const RECIPIENTS: readonly BreachRecipient[] = ['subjects', 'authority'];

/** The instant by which both notices are due: exactly 72 hours after the finding (not working days). */
export function notificationDeadline(foundAt: Date): Date {
  return new Date(foundAt.getTime() + NOTIFY_WITHIN_HOURS * 3_600_000);
}

export interface NoticeState {
  dueAt: Date;
  /** Recipients still without a recorded notice. */
  pending: BreachRecipient[];
  /** Recipients whose notice was recorded after the deadline. */
  late: BreachRecipient[];
  /** Every notice recorded. */
  notified: boolean;
  /** Still unnotified and past the deadline. */
  overdue: boolean;
  /** Minutes until the deadline (negative once past), while anything is pending. */
  minutesLeft: number;
}

export function noticeState(
  b: { foundAt: Date; notices: ReadonlyArray<{ recipient: BreachRecipient; notifiedAt: Date }> },
  now: Date,
): NoticeState {
  const dueAt = notificationDeadline(b.foundAt);
  const pending = RECIPIENTS.filter((r) => !b.notices.some((n) => n.recipient === r));
  const late = b.notices.filter((n) => n.notifiedAt > dueAt).map((n) => n.recipient);
  const minutesLeft = Math.floor((dueAt.getTime() - now.getTime()) / 60_000);
  return {
    dueAt,
    pending,
    late,
    notified: pending.length === 0,
    overdue: pending.length > 0 && minutesLeft < 0,
    minutesLeft,
  };
}

/** Days, hours and minutes of a (positive) span of minutes, for "2 hari 5 jam lagi". */
export function splitMinutes(total: number): { days: number; hours: number; minutes: number } {
  const m = Math.abs(total);
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}

/**
 * An instant typed by a person: "2026-01-21T09:30" means that wall-clock time in the unit's zone;
 * a value with its own offset ("…+08:00", "…Z", as API clients send) is taken as given.
 * Returns null for anything that is not a real date and time.
 */
export function parseLocalInstant(value: string, zone: TimeZone): Date | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      value.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, offset] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset ?? ZONE_OFFSET[zone]}`);
  if (Number.isNaN(at.getTime())) return null;
  // Reject dates JavaScript would roll over (31 February): the typed day must exist.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59) return null;
  return at;
}

/** "2026-01-21T09:30" for an instant, as a datetime-local input shows it in the zone. */
export function localInputValue(at: Date, zone: TimeZone): string {
  const shifted = new Date(at.getTime() + offsetMinutes(zone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function offsetMinutes(zone: TimeZone): number {
  const [h, m] = ZONE_OFFSET[zone].slice(1).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
