// Pure rules of the retention job (UU 27/2022): the day before which a released person's last
// contact must lie, the pseudonym that replaces their name, and the pattern that finds their name
// in free text. No I/O, so they are tested without a database.
import { createHash } from 'node:crypto';

/**
 * The cut-off for a run on `day` ('YYYY-MM-DD'): people whose last follow-up (or release) is
 * BEFORE this day are past the period. 29 February falls back to 28 February in a common year.
 */
export function cutoffOf(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) - years;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * The stable pseudonym of one person: "Anonim-" and six hex digits of a digest of the record's
 * random id, never of the NIK, name or registration number, so it reveals nothing about them and
 * the same person gets the same pseudonym in every table and every run.
 */
export function pseudonymOf(inmateId: string): string {
  const h = createHash('sha256').update(`simandiri-retention:${inmateId}`).digest('hex');
  return `Anonim-${h.slice(0, 6).toUpperCase()}`;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * A PostgreSQL regular expression (case-insensitive with the 'gi' flags) matching the person's
 * whole name and each part of it of three letters or more, as whole words: free-text notes about
 * them ("Budi izin", "Sdr. Budi Santoso") keep their sense with the pseudonym in place of the name.
 * Null when the name has nothing to match.
 */
export function namePattern(name: string): string | null {
  // Word boundaries need a letter or digit at each end of what they enclose.
  const edges = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  const whole = name.trim().replace(/\s+/g, ' ').replace(edges, '');
  const parts = whole
    .split(' ')
    .map((p) => p.replace(edges, ''))
    .filter((p) => [...p.replace(/[^\p{L}]/gu, '')].length >= 3);
  const alts = [...new Set([whole, ...parts])]
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(SPECIAL, '\\$&'));
  return alts.length ? `\\m(${alts.join('|')})\\M` : null;
}
