// The pure rules of the reintegration outcomes (issue 16): each rate is shown with the number of
// people behind it, and no rate at all for fewer than five people (too few to say anything, and a
// small group's rate could point at one person). No I/O: unit-tested alone.
import type { OutcomeCounts } from '../rollups/rollups.figures.ts';

/** The fewest people a rate is shown for. */
export const MIN_PEOPLE = 5;

/** A rate: how many of how many, and the percent (one decimal) or null when n is under MIN_PEOPLE. */
export interface Rate {
  count: number;
  n: number;
  pct: number | null;
}

/** count of n as a percent, suppressed (null) for n < MIN_PEOPLE. */
export function rateOf(count: number, n: number): Rate {
  if (!Number.isInteger(count) || !Number.isInteger(n) || count < 0 || count > n)
    throw new RangeError(`a rate of ${count} out of ${n}`);
  const pct = n < MIN_PEOPLE ? null : Math.round((count / n) * 1000) / 10;
  return { count, n, pct };
}

/** The three rates of a group's outcomes. */
export interface OutcomeRates {
  /** Followed up at least once, of the released. */
  followedUp: Rate;
  /** In work or own business, of those reached at the six-month follow-up. */
  working6: Rate;
  /** Re-offended, of those with a twelve-month answer. */
  reoffended12: Rate;
}

export function outcomeRates(c: OutcomeCounts): OutcomeRates {
  return {
    followedUp: rateOf(c.followedUp, c.released),
    working6: rateOf(c.m6Working, c.m6),
    reoffended12: rateOf(c.m12Reoffended, c.m12),
  };
}

/** A rate as printed: "62,5% (n = 8)" or "– (n = 3)" when suppressed. */
export function rateText(r: Rate, formatPct: (pct: number) => string): string {
  return `${r.pct === null ? '–' : formatPct(r.pct)} (n = ${r.n})`;
}

/** The longest period of release months one view covers. */
export const MAX_MONTHS = 60;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

export type PeriodRefusal =
  | { field: 'to'; key: 'outcomes.periodOrder' }
  | { field: 'from'; key: 'outcomes.periodLong' }
  | { field: 'from'; key: 'outcomes.periodFuture' };

/**
 * The release months a view covers ('YYYY-MM', both included): from/to as given (a missing end:
 * this month, a missing start: January of the end's year), else the whole `year`, else this year.
 * Refused: an end before the start, more than MAX_MONTHS months, or a start after this month.
 */
export function periodOf(
  q: { year?: number | undefined; from?: string | undefined; to?: string | undefined },
  thisMonth: string,
): { from: string; to: string } | PeriodRefusal {
  let from: string;
  let to: string;
  if (q.from || q.to) {
    to = q.to ?? thisMonth;
    from = q.from ?? `${to.slice(0, 4)}-01`;
  } else {
    const year = q.year ?? Number(thisMonth.slice(0, 4));
    from = `${year}-01`;
    to = `${year}-12`;
  }
  if (from > thisMonth) return { field: 'from', key: 'outcomes.periodFuture' };
  if (to < from) return { field: 'to', key: 'outcomes.periodOrder' };
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS)
    return { field: 'from', key: 'outcomes.periodLong' };
  return { from, to };
}
