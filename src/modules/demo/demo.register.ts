// Demo: the register of Rutan Kelas IIB Magetan through 2026, as a practitioner would expect it:
// detainees move A.I -> A.II -> A.III within the KUHAP limits and are sentenced (B) or released;
// sentenced inmates leave on their tanggal ekspirasi; new detainees arrive through the year.
// Pure and deterministic: the seed applies the part of this story that has happened by its day.

import { daysBetween } from '../../app/days.ts';
import type { RegisterClass, RiskLevel } from '../../db/schema.ts';
import { addDays } from '../programmes/schedule.rules.ts';

/** The register as the demo first seeds it: the day before the knitting intake opened. */
export const REGISTER_DAY = '2026-01-04';

export type DetaineeClass = 'A.I' | 'A.II' | 'A.III' | 'A.IV' | 'A.V';

/**
 * KUHAP (UU 8/1981) arts. 24-28: the longest detention at each stage, the first order plus its
 * extension, in days. A detainee's tanggal ekspirasi is the end of the stage's order. (Art. 29's
 * further 2 x 30 days for offences punishable by 9 years or more is not used by the demo.)
 */
export const DETENTION_LIMIT_DAYS: Record<DetaineeClass, number> = {
  'A.I': 60, // penyidik: 20 + 40 (art. 24)
  'A.II': 50, // penuntut umum: 20 + 30 (art. 25)
  'A.III': 90, // hakim pengadilan negeri: 30 + 60 (art. 26)
  'A.IV': 90, // hakim pengadilan tinggi: 30 + 60 (art. 27)
  'A.V': 110, // hakim Mahkamah Agung: 50 + 60 (art. 28)
};

/** mulberry32: a tiny deterministic generator, so the demo never changes between runs. */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  return { int, pick };
}
export type Gen = ReturnType<typeof generator>;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
export const fromDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
export const randomDay = (g: Gen, from: string, to: string) =>
  fromDayNumber(g.int(dayNumber(from), dayNumber(to)));

/** 'YYYY-MM-DD' plus n months (negative goes back), clamped to the end of a shorter month. */
export function addMonths(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** B.IIb: 1 day to 3 months; B.IIa: over 3 months up to 1 year; B.I: over 1 year. */
export function classOfSentence(months: number): RegisterClass {
  return months <= 3 ? 'B.IIb' : months <= 12 ? 'B.IIa' : 'B.I';
}

/** One line of a person's register: from `from`, this number, class and tanggal ekspirasi. */
export interface RegisterState {
  from: string;
  reg_number: string;
  register_class: RegisterClass;
  expected_release_date: string;
  block: string;
  /** Set only for narapidana with more than a year left when sentenced (the risk-and-needs assessment). */
  risk_level?: RiskLevel;
  /** For B: the whole sentence in months, counted from the arrest (detention counts). */
  sentence_months?: number;
}

export interface RegisterExit {
  change: 'release' | 'transfer';
  on: string;
  reason: string;
}

/** Who the person is: what does not change in the register. */
export interface Identity {
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  nik: string;
  room: string;
  education: string;
  skills: string[];
  interests: string[];
  health_restriction: boolean;
}

export interface DemoPerson extends Identity {
  /** Arrival at the Rutan (detention counts from here). */
  entry_date: string;
  /** In order; the first is what the register first records. */
  states: RegisterState[];
  exit?: RegisterExit;
}

/** The state on `day`, or undefined before the arrival, on or after the exit day, or before the first state. */
export function stateOn(p: DemoPerson, day: string): RegisterState | undefined {
  if (p.exit && p.exit.on <= day) return undefined;
  return p.states.filter((s) => s.from <= day).at(-1);
}

/** Numbers are per class and year, handed out in the order the demo makes them, never twice. */
export class RegNumbers {
  private readonly next = new Map<string, number>();
  constructor(private readonly g: Gen) {}
  take(cls: RegisterClass, on: string): string {
    const key = `${cls} ${on.slice(0, 4)}`;
    const n = (this.next.get(key) ?? this.g.int(8, 40)) + this.g.int(1, 4);
    this.next.set(key, n);
    return `${cls} ${n}/${on.slice(0, 4)}`;
  }
}

const RISK: readonly RiskLevel[] = ['rendah', 'rendah', 'rendah', 'sedang', 'sedang', 'tinggi'];
const NAPI_BLOCKS = ['B', 'C', 'D'];

/** A sentenced state from the verdict day `on`; the ekspirasi counts from the arrest. */
export function sentenced(
  g: Gen,
  numbers: RegNumbers,
  p: { entry_date: string; gender: 'L' | 'P' },
  on: string,
  months: number,
): RegisterState {
  const cls = classOfSentence(months);
  const expected = addMonths(p.entry_date, months);
  // The risk-and-needs assessment is for narapidana with more than 1 year left.
  const assessed = addMonths(on, 12) < expected;
  return {
    from: on,
    reg_number: numbers.take(cls, on),
    register_class: cls,
    expected_release_date: expected,
    block: p.gender === 'P' ? 'W' : g.pick(NAPI_BLOCKS),
    sentence_months: months,
    ...(assessed ? { risk_level: g.pick(RISK) } : {}),
  };
}

/** A detention stage from `on`: the order runs to the stage's KUHAP limit. */
export function detained(
  numbers: RegNumbers,
  p: { gender: 'L' | 'P' },
  cls: DetaineeClass,
  on: string,
): RegisterState {
  return {
    from: on,
    reg_number: numbers.take(cls, on),
    register_class: cls,
    expected_release_date: addDays(on, DETENTION_LIMIT_DAYS[cls]),
    block: p.gender === 'P' ? 'W' : 'A',
  };
}

/** Months a judge would give for a case already `servedDays` in detention: always longer. */
export function sentenceAfter(g: Gen, servedDays: number): number {
  const least = Math.ceil(servedDays / 30) + 2;
  return Math.max(least, g.pick([5, 6, 8, 10, 12, 14, 18, 24, 30, 36]));
}

/**
 * A detainee's path from arrest: A.I, A.II, A.III (and for some an appeal, A.IV), each shorter
 * than its limit, then the verdict. `durations` are the days spent at each stage.
 */
export function detaineePath(
  g: Gen,
  numbers: RegNumbers,
  p: { entry_date: string; gender: 'L' | 'P' },
  durations: readonly number[],
  opts: { appeal: boolean; acquitted: boolean },
): { states: RegisterState[]; exit?: RegisterExit } {
  const classes: DetaineeClass[] = opts.appeal ? ['A.I', 'A.II', 'A.III', 'A.IV'] : ['A.I', 'A.II', 'A.III'];
  const states: RegisterState[] = [];
  let on = p.entry_date;
  for (const [k, cls] of classes.entries()) {
    states.push(detained(numbers, p, cls, on));
    const limit = DETENTION_LIMIT_DAYS[cls];
    on = addDays(on, Math.min(limit - 1, durations[k] ?? limit - 1));
  }
  if (opts.acquitted)
    return { states, exit: { change: 'release', on, reason: 'Putusan bebas Pengadilan Negeri Magetan' } };
  const s = sentenced(g, numbers, p, on, sentenceAfter(g, daysBetween(p.entry_date, on)));
  states.push(s);
  return { states, exit: served(s) };
}

/** A sentenced inmate leaves on the tanggal ekspirasi. */
export function served(s: RegisterState): RegisterExit {
  return { change: 'release', on: s.expected_release_date, reason: 'Bebas: masa pidana selesai' };
}
