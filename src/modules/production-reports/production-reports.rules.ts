// The arithmetic of the production reports, as pure functions: calendar months as ranges of local
// days, the twelve months a chart shows, the pass rate, and an invoice's age. Days are the unit's
// own calendar days ('YYYY-MM-DD', as the production log and the quality check store them), so a
// month's boundary is the unit's midnight, whatever the server's zone.

/** 'YYYY-MM' with a real month (01-12); the schemas use the same pattern. */
export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** 'YYYY-MM' to its first and last day. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `n` months ending with `month`, oldest first (a chart's x axis). */
export function monthsEnding(month: string, n = 12): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(month, i - n + 1));
}

/**
 * Passed items as a percentage of the items the partner checked (passed and rejected), one decimal;
 * null when nothing was checked, so "no check yet" is never shown as 0%.
 */
export function passRate(passed: number, rejected: number): number | null {
  const checked = passed + rejected;
  if (checked === 0) return null;
  return Math.round((passed / checked) * 1000) / 10;
}

/** What a month's production comes to: the figures every report and tile adds up. */
export interface ProductionFigures {
  finished: number;
  sent: number;
  passed: number;
  rejected: number;
  value: number;
  own_stock: number;
}

export const NO_PRODUCTION: ProductionFigures = {
  finished: 0,
  sent: 0,
  passed: 0,
  rejected: 0,
  value: 0,
  own_stock: 0,
};

/** The sum of several months' or programmes' figures. */
export function addFigures(rows: readonly ProductionFigures[]): ProductionFigures {
  const out = { ...NO_PRODUCTION };
  for (const r of rows) for (const k of Object.keys(out) as (keyof ProductionFigures)[]) out[k] += r[k];
  return out;
}
