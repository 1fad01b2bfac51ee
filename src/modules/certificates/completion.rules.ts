// The completion rule and the certificate's printed particulars, without I/O: may this participant
// complete (attendance rate and core units), their initials, and the certificate number's shape.
import type { CompetencyStatus, EnrolmentStatus, MarkStatus } from '../../db/schema.ts';
import { attendanceRate } from '../attendance/attendance.rules.ts';

export interface UnitStanding {
  code: string | null;
  title: string;
  core: boolean;
  /** The latest assessment; null when never assessed. */
  status: CompetencyStatus | null;
}

export type CompletionReason =
  | { code: 'not_active'; status: EnrolmentStatus }
  | { code: 'no_attendance' }
  | { code: 'attendance_below'; rate: number; min: number }
  /** The unit's code, or its title when it has none. */
  | { code: 'unit_not_competent'; unit: string }
  /** An inmate whose tanggal ekspirasi passed before the completion day, with no extension recorded. */
  | { code: 'past_expiry'; expiry: string };

export interface CompletionResult {
  eligible: boolean;
  /** 0–100 with one decimal, or null when no held session has a counting mark. */
  rate: number | null;
  reasons: CompletionReason[];
}

/**
 * A participant completes when still taking part, their attendance rate over the marks of held
 * sessions reaches the programme's minimum, and every core curriculum unit is assessed competent.
 * Every unmet condition is reported, so staff see all that is missing at once.
 */
export function completionCheck(input: {
  status: EnrolmentStatus;
  minAttendance: number;
  marks: readonly MarkStatus[];
  units: readonly UnitStanding[];
  /**
   * For an inmate: their tanggal ekspirasi (which a recorded extension moves) and the day they
   * complete (the issue day, or the day a completed place ended). A person past their date should
   * have been released; the register must be put right before a certificate is issued.
   */
  release?: { expiry: string | null; onDay: string } | undefined;
}): CompletionResult {
  const reasons: CompletionReason[] = [];
  // A completed participant may still be issued one (after a revoked certificate, or completed
  // from the participants page); a suspended or withdrawn one may not.
  if (input.status !== 'active' && input.status !== 'completed')
    reasons.push({ code: 'not_active', status: input.status });
  const { rate } = attendanceRate(input.marks);
  if (rate === null) reasons.push({ code: 'no_attendance' });
  else if (rate < input.minAttendance)
    reasons.push({ code: 'attendance_below', rate, min: input.minAttendance });
  for (const u of input.units) {
    if (u.core && u.status !== 'competent')
      reasons.push({ code: 'unit_not_competent', unit: u.code ?? u.title });
  }
  const r = input.release;
  if (r && r.expiry !== null && r.expiry < r.onDay) reasons.push({ code: 'past_expiry', expiry: r.expiry });
  return { eligible: reasons.length === 0, rate, reasons };
}

/**
 * What the public page shows instead of a name: "Siti Aminah binti Karso" -> "S. A. b. K.".
 * Only letters count, so a stray digit or bracket in a register name never shows.
 */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w.match(/\p{L}/u)?.[0])
    .filter((c): c is string => c !== undefined)
    .map((c, i) => `${i === 0 ? c.toUpperCase() : c}.`)
    .join(' ')
    .replace(/^(.)/, (c) => c.toUpperCase());
}

const FILLER = new Set(['pelatihan', 'program', 'kelas', 'kegiatan', 'dan', 'di', 'bagi', 'untuk']);

/**
 * A short code for the programme in the certificate number: the initials of its meaningful words
 * ("Budidaya Ikan Lele" -> "BIL"), or for a single word its consonants ("Merajut" -> "MRJT").
 */
export function programmeShort(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w.toLowerCase()));
  if (words.length === 0) return 'PRG';
  if (words.length === 1) {
    const w = (words[0] ?? '').toUpperCase();
    const consonants = w[0] + w.slice(1).replace(/[AEIOU]/g, '');
    return consonants.slice(0, 5);
  }
  return words
    .map((w) => (w[0] ?? '').toUpperCase())
    .join('')
    .slice(0, 6);
}

/** "007/SERT-RUTAN-MGT/MRJT/2026": the sequence counts per unit per calendar year. */
export function certificateNumber(
  seq: number,
  unitCode: string,
  programmeName: string,
  year: number,
): string {
  return `${String(seq).padStart(3, '0')}/SERT-${unitCode}/${programmeShort(programmeName)}/${year}`;
}
