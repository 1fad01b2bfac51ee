// The pure rules of the monthly report: which months may be reported on, when a report is due and
// whether it is late, and what may happen to a version in each status. No I/O: unit-tested alone.
import type { MonthlyReportStatus } from '../../db/schema.ts';

export const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' -> 'YYYY-MM-01' (the column), and back. */
export const monthStart = (month: string) => `${month}-01`;
export const monthOf = (day: string) => day.slice(0, 7);

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The last day of 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** The months before 'YYYY-MM', newest first, `n` of them. */
export function monthsBefore(month: string, n: number): string[] {
  const out: string[] = [];
  let [y, m] = month.split('-').map(Number) as [number, number];
  for (let i = 0; i < n; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Why a month may not be reported on yet, or null: a report covers a month that has ended in the
 * unit's own calendar (today is a day of the unit's zone, 'YYYY-MM-DD').
 */
export function monthRefusal(
  month: string,
  today: string,
): 'reports.monthFuture' | 'reports.monthNotEnded' | null {
  const current = monthOf(today);
  if (month > current) return 'reports.monthFuture';
  if (month === current) return 'reports.monthNotEnded';
  return null;
}

/** A month's report is due on the 5th of the next month, in the unit's calendar. */
export const dueOn = (month: string) => `${nextMonth(month)}-05`;

/**
 * Late: not submitted and the due day has passed, or first submitted after it (days in the unit's
 * zone). A revision after an on-time submission does not make it late.
 */
export function isLate(month: string, today: string, submittedOn: string | null): boolean {
  const due = dueOn(month);
  return submittedOn === null ? today > due : submittedOn > due;
}

/** What may be done to one version in its status (the newest version only, for revise). */
export const MAY = {
  narrative: (s: MonthlyReportStatus) => s === 'draft',
  submit: (s: MonthlyReportStatus) => s === 'draft',
  review: (s: MonthlyReportStatus) => s === 'submitted',
  revise: (s: MonthlyReportStatus, latest: boolean) => latest && s !== 'draft',
} as const;
