// Pure rules of the follow-ups after release (no I/O): when each of the 1, 3, 6 and 12-month
// follow-ups falls due, how a milestone stands on a unit's day, and which answers fit together.
import type { FieldError } from '../../app/errors.ts';
import type { FollowUpMonth, IncomeBand, WorkStatus } from '../../db/schema.ts';

export const MONTHS: readonly FollowUpMonth[] = [1, 3, 6, 12];
export const WORK_STATUSES: readonly WorkStatus[] = ['employed', 'own_business', 'not_working'];
export const INCOME_BANDS: readonly IncomeBand[] = ['none', 'lt_1m', '1m_3m', '3m_5m', 'gt_5m'];

/** How far ahead the due list looks: a follow-up due within this many days is listed as coming. */
export const AHEAD_DAYS = 30;

/**
 * The day a follow-up falls due: the release day plus N calendar months, the month's last day when
 * the release day does not exist in it (released 31 January: the 1-month follow-up is due on 28 or
 * 29 February), as PostgreSQL's `date + interval 'N months'` counts (the due list's query).
 */
export function dueOn(releasedOn: string, months: number): string {
  const [y, m, d] = releasedOn.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The month after which a milestone is no longer listed as due: the next milestone's month (the
 * 12-month one stays three months). A missed follow-up can still be recorded from the person's page.
 */
export function windowEndMonth(month: FollowUpMonth): number {
  return month === 1 ? 3 : month === 3 ? 6 : month === 6 ? 12 : 15;
}

export type MilestoneStatus = 'recorded' | 'overdue' | 'due' | 'upcoming' | 'later' | 'missed';

/**
 * A milestone on the unit's day `today`: recorded; overdue (its due day has passed); due (today);
 * upcoming (within AHEAD_DAYS); later; or missed (the next milestone's window has opened unrecorded).
 */
export function milestoneStatus(
  releasedOn: string,
  month: FollowUpMonth,
  today: string,
  recorded: boolean,
): MilestoneStatus {
  if (recorded) return 'recorded';
  const due = dueOn(releasedOn, month);
  if (today >= dueOn(releasedOn, windowEndMonth(month))) return 'missed';
  if (due < today) return 'overdue';
  if (due === today) return 'due';
  return due <= addDays(today, AHEAD_DAYS) ? 'upcoming' : 'later';
}

export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export interface FollowUpAnswers {
  contacted_on: string;
  contact_lost: boolean;
  work_status: WorkStatus | null;
  income_band: IncomeBand | null;
  in_trade: boolean | null;
  reoffended: boolean;
}

/**
 * What is wrong with the answers, per field, against the release day and the unit's today: the
 * contact cannot be before the release or in the future; the person is either reached (their work
 * is then required) or contact was lost (then work, income and trade are not known and stay empty;
 * a re-offence may still be known from the records).
 */
export function answerProblems(a: FollowUpAnswers, releasedOn: string, today: string): FieldError[] {
  const out: FieldError[] = [];
  if (a.contacted_on < releasedOn)
    out.push({ field: 'contacted_on', key: 'followUps.beforeRelease', params: { date: releasedOn } });
  else if (a.contacted_on > today) out.push({ field: 'contacted_on', key: 'followUps.future' });
  if (a.contact_lost) {
    if (a.work_status !== null) out.push({ field: 'work_status', key: 'followUps.lostNoWork' });
    if (a.income_band !== null) out.push({ field: 'income_band', key: 'followUps.lostNoWork' });
    if (a.in_trade !== null) out.push({ field: 'in_trade', key: 'followUps.lostNoWork' });
  } else if (a.work_status === null) out.push({ field: 'work_status', key: 'followUps.workRequired' });
  return out;
}
