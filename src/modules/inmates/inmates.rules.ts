// Pure rules of the inmate register: registration numbers, the category that follows from the
// register class, masking the NIK, remaining sentence and recent disciplinary entries. No I/O.
import type { ExpiryChangeKind, RegisterClass } from '../../db/schema.ts';
import { maskNik } from '../audit/audit.chain.ts';

export { maskNik };

export const REGISTER_CLASSES: readonly RegisterClass[] = [
  'A.I',
  'A.II',
  'A.III',
  'A.IV',
  'A.V',
  'B.I',
  'B.IIa',
  'B.IIb',
  'B.III',
];

const CANONICAL = new Map(REGISTER_CLASSES.map((c) => [c.toLowerCase(), c]));

/**
 * "b.i 123/2025", "B.I-123/2025", "BI.123/2025" -> { register_class: 'B.I', number: 'B.I 123/2025' }.
 * The class part is letter, dot, roman numeral and for B.II a lower-case a or b; then a serial
 * and a four-digit year. Anything else is null.
 */
export function parseRegNumber(raw: string): { number: string; registerClass: RegisterClass } | null {
  const m = /^\s*([AB])\s*\.?\s*(III|II|IV|V|I)\s*([ab])?\s*[\s.\-/]?\s*0*(\d{1,6})\s*\/\s*(\d{4})\s*$/i.exec(
    raw,
  );
  if (!m) return null;
  const [, letter = '', roman = '', sub = '', serial = '', year = ''] = m;
  const cls = CANONICAL.get(`${letter}.${roman}${sub}`.toLowerCase());
  if (!cls) return null;
  const y = Number(year);
  if (y < 1950 || y > 2100 || Number(serial) === 0) return null;
  return { number: `${cls} ${Number(serial)}/${year}`, registerClass: cls };
}

export type Category = 'tahanan' | 'narapidana';

/** Registers A.* hold detainees (not yet sentenced); B.* hold sentenced inmates. */
export function categoryOf(cls: RegisterClass): Category {
  return cls.startsWith('A.') ? 'tahanan' : 'narapidana';
}

/** A NIK is 16 digits; null when absent. Shown and returned only masked. */
export function maskedNik(nik: string | null | undefined): string | null {
  return nik ? maskNik(nik) : null;
}

function parts(day: string): [number, number, number] {
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return [y, m, d];
}

/**
 * Whole months from `today` until the expected release date (0 when passed); null when unknown.
 * A month counts once the same day of the month is reached.
 */
export function remainingMonths(expectedRelease: string | null, today: string): number | null {
  if (!expectedRelease) return null;
  if (expectedRelease <= today) return 0;
  const [ty, tm, td] = parts(today);
  const [ry, rm, rd] = parts(expectedRelease);
  let months = (ry - ty) * 12 + (rm - tm);
  if (rd < td) months -= 1;
  return Math.max(0, months);
}

/** 'YYYY-MM-DD' minus n months, clamped to the end of a shorter month. */
export function monthsBefore(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const total = y * 12 + (m - 1) - n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** True when any Register F entry falls on or after `months` months before `today`, up to `today`. */
export function hasRegisterFWithin(
  entries: ReadonlyArray<{ entry_date: string }>,
  months: number,
  today: string,
): boolean {
  const from = monthsBefore(today, months);
  return entries.some((e) => e.entry_date >= from && e.entry_date <= today);
}

/** Which status a change leads to, and from which statuses it may be made. */
export const STATUS_CHANGES = {
  release: { to: 'released', from: ['active'] },
  transfer: { to: 'transferred', from: ['active'] },
  readmit: { to: 'active', from: ['released', 'transferred'] },
} as const;
export type StatusChange = keyof typeof STATUS_CHANGES;

/**
 * Still "active" after their tanggal ekspirasi: the register is wrong (the person should have been
 * released) unless an extension moves the date. `today` is the unit's local day. The ekspirasi day
 * itself is still within the term (the person leaves on that day), so it is not yet past.
 * Mirrored in SQL by inmates.repo.ts (pastExpirySql) for the list filter and the dashboard count.
 */
export function isPastExpiry(
  p: { status: string; expected_release_date: string | null },
  today: string,
): boolean {
  return p.status === 'active' && p.expected_release_date !== null && p.expected_release_date < today;
}

export type { ExpiryChangeKind };
export const EXPIRY_CHANGE_KINDS: readonly ExpiryChangeKind[] = ['detention_extension', 'correction'];

export interface ExpiryChangeInput {
  kind: ExpiryChangeKind;
  new_expiry: string;
  reference?: string | undefined;
  authority?: string | undefined;
  order_date?: string | undefined;
  basis?: string | undefined;
}

export interface ExpiryProblem {
  field: string;
  key:
    | 'err.required'
    | 'inmates.expiry.detaineesOnly'
    | 'inmates.expiry.mustExtend'
    | 'inmates.expiry.unchanged'
    | 'inmates.expiry.orderInFuture'
    | 'inmates.expiry.basisShort'
    | 'inmates.releaseBeforeEntry';
}

const filled = (s: string | undefined) => (s ?? '').trim().length > 0;

/**
 * What a change of tanggal ekspirasi must carry. A new detention order (perpanjangan penahanan) is
 * for detainees only, names its number, issuing authority and date (not in the future), and
 * extends: the new end date is later than the current one. A correction (for example a sentenced
 * person's date recomputed after a verdict, remisi or a typing error) states its basis and changes
 * the date. Either way the date cannot fall before the entry date. Empty list: acceptable.
 */
export function expiryChangeProblems(
  input: ExpiryChangeInput,
  inmate: { register_class: RegisterClass; entry_date: string; expected_release_date: string | null },
  today: string,
): ExpiryProblem[] {
  const out: ExpiryProblem[] = [];
  const current = inmate.expected_release_date;
  if (input.kind === 'detention_extension') {
    if (categoryOf(inmate.register_class) !== 'tahanan')
      out.push({ field: 'kind', key: 'inmates.expiry.detaineesOnly' });
    if (!filled(input.reference)) out.push({ field: 'reference', key: 'err.required' });
    if (!filled(input.authority)) out.push({ field: 'authority', key: 'err.required' });
    if (!input.order_date) out.push({ field: 'order_date', key: 'err.required' });
    else if (input.order_date > today) out.push({ field: 'order_date', key: 'inmates.expiry.orderInFuture' });
    if (current !== null && input.new_expiry <= current)
      out.push({ field: 'new_expiry', key: 'inmates.expiry.mustExtend' });
  } else {
    if (!filled(input.basis)) out.push({ field: 'basis', key: 'err.required' });
    else if ((input.basis ?? '').trim().length < 5)
      out.push({ field: 'basis', key: 'inmates.expiry.basisShort' });
    if (input.order_date && input.order_date > today)
      out.push({ field: 'order_date', key: 'inmates.expiry.orderInFuture' });
    if (input.new_expiry === current) out.push({ field: 'new_expiry', key: 'inmates.expiry.unchanged' });
  }
  if (input.new_expiry < inmate.entry_date)
    out.push({ field: 'new_expiry', key: 'inmates.releaseBeforeEntry' });
  return out;
}
