// Arithmetic on calendar days written 'YYYY-MM-DD' (SQL `date` values stay such strings): no zone,
// no clock, so a day never shifts.

/** Days from one calendar day to another (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
