// Synthetic data for load tests: kanwil (one per province, in its own time zone), units of every
// type, inmates with invented Indonesian names and register numbers, programmes with curricula,
// weekly schedules and their sessions. Deterministic: the same options and seed give the same rows.
//
// It is a load-test tool, not a user: it writes straight to the tables with COPY (pg-copy-streams),
// so NO audit records are written and none are expected. Session days come from the app's own
// schedule rules (sessionDays / sessionInstants), skipping the national holidays in the database.
// Codes start with a prefix (default SYN) so generated rows are easy to find, and a second run with
// the same prefix into the same database refuses to start rather than half-fail.
//
//   npm run bench:generate -- --units 530 --inmates 280000 --programmes-per-unit 4 --weeks 26
//
// --production adds a year's production (bench/generate-production.ts) for every programme:
// --participants per programme (25), --products (12) and --materials (8) per unit.
// --marks adds attendance (bench/generate-attendance.ts): every programme topped up to
// --attendance-participants (25) participants and a mark for each on every session up to --today.
// --big-programme 200x152 adds one programme of 200 participants with 152 held sessions (three a
// week up to --today) in the unit holding the most inmates: issue 15's 200-person roll call.
// --kanwil N spreads the units over the first N provinces only (default: one per unit, up to 38).
//
// With DATABASE_URL it migrates and fills that database. Without it, it starts a fresh embedded
// PostgreSQL in a temp folder, prints its URL and keeps serving until Ctrl+C (with --exit it stops
// and removes the folder once done, for timing runs).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb } from '../src/db/database.ts';
import { startEmbeddedPostgres, takeOverShutdownSignals } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type {
  ProgrammeKind,
  RegisterClass,
  RiskLevel,
  TimeZone,
  UnitClass,
  UnitType,
} from '../src/db/schema.ts';
import { HOLIDAYS_2026 } from '../src/modules/holidays/holidays.seed.ts';
import { addDays, mondayOf, sessionDays, sessionInstants } from '../src/modules/programmes/schedule.rules.ts';
import { freePort } from '../test/ports.ts';
import { type Cell, copyRows } from './copy.ts';
import { type AttendanceOptions, type AttendanceResult, generateAttendance } from './generate-attendance.ts';
import {
  generateProduction,
  PRODUCTION_DEFAULTS,
  type ProductionOptions,
  type ProductionResult,
  type ProductionUnit,
} from './generate-production.ts';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}
/** Picks by weight: [[value, weight], ...]. */
export function weighted<T>(r: Rand, xs: ReadonlyArray<readonly [T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return (xs[xs.length - 1] as readonly [T, number])[0];
}
const hex = (n: number) => n.toString(16).padStart(8, '0');
/** A version-4-shaped UUID from the PRNG, so rows can reference each other without RETURNING. */
export function uuid(r: Rand): string {
  const a = hex((r() * 2 ** 32) >>> 0);
  const b = hex((r() * 2 ** 32) >>> 0);
  const c = hex((r() * 2 ** 32) >>> 0);
  const d = hex((r() * 2 ** 32) >>> 0);
  const variant = (8 + ((r() * 4) | 0)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

// ---------------------------------------------------------------------------------------------
// Indonesia: provinces with their time zones and a few cities each

const WIB: TimeZone = 'Asia/Jakarta';
const WITA: TimeZone = 'Asia/Makassar';
const WIT: TimeZone = 'Asia/Jayapura';

export const PROVINCES: ReadonlyArray<{ code: string; name: string; zone: TimeZone; cities: string[] }> = [
  { code: 'ACEH', name: 'Aceh', zone: WIB, cities: ['Banda Aceh', 'Lhokseumawe', 'Langsa', 'Meulaboh'] },
  {
    code: 'SUMUT',
    name: 'Sumatera Utara',
    zone: WIB,
    cities: ['Medan', 'Pematangsiantar', 'Binjai', 'Sibolga'],
  },
  {
    code: 'SUMBAR',
    name: 'Sumatera Barat',
    zone: WIB,
    cities: ['Padang', 'Bukittinggi', 'Solok', 'Pariaman'],
  },
  { code: 'RIAU', name: 'Riau', zone: WIB, cities: ['Pekanbaru', 'Dumai', 'Bengkalis', 'Rengat'] },
  { code: 'KEPRI', name: 'Kepulauan Riau', zone: WIB, cities: ['Tanjungpinang', 'Batam', 'Karimun'] },
  { code: 'JAMBI', name: 'Jambi', zone: WIB, cities: ['Jambi', 'Muara Bungo', 'Kuala Tungkal'] },
  {
    code: 'SUMSEL',
    name: 'Sumatera Selatan',
    zone: WIB,
    cities: ['Palembang', 'Lubuklinggau', 'Prabumulih'],
  },
  {
    code: 'BABEL',
    name: 'Kepulauan Bangka Belitung',
    zone: WIB,
    cities: ['Pangkalpinang', 'Tanjung Pandan'],
  },
  { code: 'BENGKULU', name: 'Bengkulu', zone: WIB, cities: ['Bengkulu', 'Curup', 'Manna'] },
  {
    code: 'LAMPUNG',
    name: 'Lampung',
    zone: WIB,
    cities: ['Bandar Lampung', 'Metro', 'Kotabumi', 'Kalianda'],
  },
  {
    code: 'DKI',
    name: 'DKI Jakarta',
    zone: WIB,
    cities: ['Jakarta Timur', 'Jakarta Pusat', 'Jakarta Selatan'],
  },
  { code: 'BANTEN', name: 'Banten', zone: WIB, cities: ['Serang', 'Tangerang', 'Cilegon', 'Pandeglang'] },
  {
    code: 'JABAR',
    name: 'Jawa Barat',
    zone: WIB,
    cities: ['Bandung', 'Bogor', 'Cirebon', 'Garut', 'Sukabumi'],
  },
  {
    code: 'JATENG',
    name: 'Jawa Tengah',
    zone: WIB,
    cities: ['Semarang', 'Surakarta', 'Pekalongan', 'Cilacap'],
  },
  { code: 'DIY', name: 'Daerah Istimewa Yogyakarta', zone: WIB, cities: ['Yogyakarta', 'Wates', 'Wonosari'] },
  {
    code: 'JATIM',
    name: 'Jawa Timur',
    zone: WIB,
    cities: ['Surabaya', 'Malang', 'Madiun', 'Kediri', 'Jember'],
  },
  { code: 'KALBAR', name: 'Kalimantan Barat', zone: WIB, cities: ['Pontianak', 'Singkawang', 'Ketapang'] },
  {
    code: 'KALTENG',
    name: 'Kalimantan Tengah',
    zone: WIB,
    cities: ['Palangka Raya', 'Sampit', 'Pangkalan Bun'],
  },
  {
    code: 'KALSEL',
    name: 'Kalimantan Selatan',
    zone: WITA,
    cities: ['Banjarmasin', 'Martapura', 'Kotabaru'],
  },
  { code: 'KALTIM', name: 'Kalimantan Timur', zone: WITA, cities: ['Samarinda', 'Balikpapan', 'Bontang'] },
  { code: 'KALTARA', name: 'Kalimantan Utara', zone: WITA, cities: ['Tarakan', 'Nunukan', 'Tanjung Selor'] },
  { code: 'BALI', name: 'Bali', zone: WITA, cities: ['Denpasar', 'Singaraja', 'Tabanan', 'Karangasem'] },
  { code: 'NTB', name: 'Nusa Tenggara Barat', zone: WITA, cities: ['Mataram', 'Sumbawa Besar', 'Bima'] },
  { code: 'NTT', name: 'Nusa Tenggara Timur', zone: WITA, cities: ['Kupang', 'Ende', 'Maumere', 'Atambua'] },
  { code: 'SULUT', name: 'Sulawesi Utara', zone: WITA, cities: ['Manado', 'Bitung', 'Tondano'] },
  { code: 'GORONTALO', name: 'Gorontalo', zone: WITA, cities: ['Gorontalo', 'Limboto'] },
  { code: 'SULTENG', name: 'Sulawesi Tengah', zone: WITA, cities: ['Palu', 'Luwuk', 'Poso', 'Tolitoli'] },
  { code: 'SULBAR', name: 'Sulawesi Barat', zone: WITA, cities: ['Mamuju', 'Polewali', 'Majene'] },
  {
    code: 'SULSEL',
    name: 'Sulawesi Selatan',
    zone: WITA,
    cities: ['Makassar', 'Parepare', 'Bone', 'Palopo'],
  },
  { code: 'SULTRA', name: 'Sulawesi Tenggara', zone: WITA, cities: ['Kendari', 'Baubau', 'Raha'] },
  { code: 'MALUKU', name: 'Maluku', zone: WIT, cities: ['Ambon', 'Tual', 'Masohi'] },
  { code: 'MALUT', name: 'Maluku Utara', zone: WIT, cities: ['Ternate', 'Tobelo', 'Labuha'] },
  { code: 'PAPUA', name: 'Papua', zone: WIT, cities: ['Jayapura', 'Biak', 'Serui'] },
  { code: 'PABAR', name: 'Papua Barat', zone: WIT, cities: ['Manokwari', 'Fakfak', 'Kaimana'] },
  { code: 'PBD', name: 'Papua Barat Daya', zone: WIT, cities: ['Sorong'] },
  { code: 'PAPSEL', name: 'Papua Selatan', zone: WIT, cities: ['Merauke'] },
  { code: 'PAPTENG', name: 'Papua Tengah', zone: WIT, cities: ['Nabire', 'Timika'] },
  { code: 'PAPPEG', name: 'Papua Pegunungan', zone: WIT, cities: ['Wamena'] },
];

const MALE = [
  'Agus',
  'Ahmad',
  'Andi',
  'Arif',
  'Bambang',
  'Budi',
  'Dedi',
  'Dimas',
  'Eko',
  'Fajar',
  'Hendra',
  'Heru',
  'Imam',
  'Joko',
  'Kurniawan',
  'Made',
  'Muhammad',
  'Nyoman',
  'Rahmat',
  'Rizki',
  'Slamet',
  'Sutrisno',
  'Taufik',
  'Teguh',
  'Wahyu',
  'Yohanes',
  'Yusuf',
  'Gede',
  'Ilham',
  'Bayu',
  'Irfan',
  'Ketut',
];
const FEMALE = [
  'Ayu',
  'Dewi',
  'Fitri',
  'Indah',
  'Lestari',
  'Maria',
  'Nur',
  'Putri',
  'Ratna',
  'Rina',
  'Sari',
  'Siti',
  'Sri',
  'Wulan',
  'Yuliana',
  'Kartika',
  'Novi',
  'Ni Luh',
  'Eka',
  'Rahayu',
  'Wahyuni',
  'Anisa',
];
const FAMILY = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Hidayat',
  'Nugroho',
  'Pratama',
  'Setiawan',
  'Kusuma',
  'Siregar',
  'Nasution',
  'Harahap',
  'Lubis',
  'Simanjuntak',
  'Sitorus',
  'Pangaribuan',
  'Rumbiak',
  'Wenda',
  'Manurung',
  'Sulistyo',
  'Purnomo',
  'Gunawan',
  'Firmansyah',
  'Ramadhan',
  'Hakim',
  'Suryadi',
  'Wibowo',
  'Susanto',
  'Tanjung',
  'Daeng',
  'Lamba',
  'Mandagi',
  'Tumbelaka',
  'Rahman',
  'Syahputra',
  'Maulana',
  'Kurnia',
];
const EDUCATION = ['Tidak sekolah', 'SD', 'SMP', 'SMA', 'SMK', 'D3', 'S1'] as const;
const SKILLS = [
  'Menjahit',
  'Pertukangan kayu',
  'Las',
  'Memasak',
  'Bertani',
  'Beternak',
  'Otomotif',
  'Elektronik',
  'Sablon',
  'Cukur rambut',
  'Merajut',
  'Membatik',
  'Perikanan',
  'Kerajinan bambu',
  'Barista',
  'Laundry',
];
const PROGRAMMES: ReadonlyArray<{ name: string; area: string; kind: ProgrammeKind }> = [
  { name: 'Pelatihan Menjahit', area: 'Garmen', kind: 'training' },
  { name: 'Pelatihan Merajut', area: 'Garmen', kind: 'training' },
  { name: 'Produksi Mebel', area: 'Pertukangan kayu', kind: 'production' },
  { name: 'Pelatihan Las Listrik', area: 'Pengelasan', kind: 'certification' },
  { name: 'Tata Boga dan Roti', area: 'Kuliner', kind: 'training' },
  { name: 'Pertanian Hortikultura', area: 'Pertanian', kind: 'production' },
  { name: 'Budidaya Ikan Lele', area: 'Perikanan', kind: 'production' },
  { name: 'Magang Bengkel Otomotif', area: 'Otomotif', kind: 'apprenticeship' },
  { name: 'Barista dan Kopi', area: 'Kuliner', kind: 'certification' },
  { name: 'Sablon dan Desain Kaos', area: 'Grafika', kind: 'training' },
  { name: 'Pangkas Rambut', area: 'Jasa', kind: 'certification' },
  { name: 'Kerajinan Bambu dan Rotan', area: 'Kerajinan', kind: 'production' },
  { name: 'Pembuatan Batako', area: 'Konstruksi', kind: 'production' },
  { name: 'Membatik', area: 'Kerajinan', kind: 'training' },
];
const COMPETENCIES = [
  'Keselamatan dan kesehatan kerja',
  'Mengenal alat dan bahan',
  'Teknik dasar',
  'Teknik lanjutan',
  'Pengendalian mutu',
  'Praktik produksi',
  'Kewirausahaan',
  'Uji kompetensi',
];

const year = (day: string) => Number(day.slice(0, 4));
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

export const REGISTER_WEIGHTS: ReadonlyArray<readonly [RegisterClass, number]> = [
  ['A.I', 2],
  ['A.II', 6],
  ['A.III', 5],
  ['A.IV', 3],
  ['A.V', 2],
  ['B.I', 62],
  ['B.IIa', 12],
  ['B.IIb', 5],
  ['B.III', 3],
];

export interface InmateRow {
  id: string;
  reg_number: string;
  register_class: RegisterClass;
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  entry_date: string;
  expected_release_date: string | null;
  block: string | null;
  room: string | null;
  education: string | null;
  skills: string[];
  interests: string[];
  risk_level: RiskLevel | null;
  health_restriction: boolean;
  nik: string | null;
  status: 'active' | 'released';
}

/**
 * One invented person. `serials` numbers the register per class and year within a unit, so the
 * registration numbers ("B.I 123/2025") are unique in the unit as the register requires.
 */
export function makeInmate(
  r: Rand,
  ctx: { today: string; serials: Map<string, number>; type?: UnitType },
): InmateRow {
  const cls = weighted(r, REGISTER_WEIGHTS);
  const detainee = cls.startsWith('A.');
  const gender: 'L' | 'P' = ctx.type === 'lpp' ? 'P' : r() < 0.93 ? 'L' : 'P';
  const today = Date.parse(`${ctx.today}T00:00:00Z`);
  // Detainees came in weeks or months ago; sentenced inmates up to eight years ago.
  const entry = ymd(today - int(r, 1, detainee ? 200 : 8 * 365) * DAY_MS);
  const age = ctx.type === 'lpka' ? int(r, 14, 17) : int(r, 18, 68);
  const birth = ymd(Date.parse(`${entry}T00:00:00Z`) - (age * 365 + int(r, 0, 364)) * DAY_MS);
  const release = detainee
    ? r() < 0.5
      ? null
      : ymd(Date.parse(`${entry}T00:00:00Z`) + int(r, 30, 240) * DAY_MS)
    : r() < 0.05
      ? // A few have passed their release date: the register shows them released.
        ymd(
          Date.parse(`${entry}T00:00:00Z`) +
            int(r, 0, (today - Date.parse(`${entry}T00:00:00Z`)) / DAY_MS) * DAY_MS,
        )
      : ymd(today + int(r, 30, 6 * 365) * DAY_MS);
  const key = `${cls} ${year(entry)}`;
  const serial = (ctx.serials.get(key) ?? 0) + 1;
  ctx.serials.set(key, serial);
  const first = pick(r, gender === 'L' ? MALE : FEMALE);
  const name = r() < 0.15 ? first : `${first} ${pick(r, FAMILY)}`;
  const skills = r() < 0.4 ? [] : [...new Set([pick(r, SKILLS), ...(r() < 0.3 ? [pick(r, SKILLS)] : [])])];
  const interests = r() < 0.3 ? [] : [pick(r, SKILLS)];
  let nik: string | null = null;
  if (r() < 0.7) {
    nik = `${int(r, 11, 94)}${String(int(r, 1, 7999)).padStart(4, '0')}`;
    nik += `${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}`;
    nik += String(int(r, 1, 9999)).padStart(4, '0');
    if (gender === 'P') nik = `${nik.slice(0, 6)}${String(Number(nik.slice(6, 8)) + 40)}${nik.slice(8)}`;
  }
  const released = !detainee && release !== null && release < ctx.today;
  return {
    id: uuid(r),
    reg_number: `${cls} ${serial}/${year(entry)}`,
    register_class: cls,
    name,
    gender,
    birth_date: birth,
    entry_date: entry,
    expected_release_date: release,
    block: r() < 0.95 ? pick(r, ['A', 'B', 'C', 'D', 'E', 'F']) : null,
    room: r() < 0.95 ? String(int(r, 1, 40)) : null,
    education: r() < 0.9 ? pick(r, EDUCATION) : null,
    skills,
    interests,
    risk_level:
      r() < 0.9
        ? weighted(r, [
            ['rendah', 6],
            ['sedang', 3],
            ['tinggi', 1],
          ] as const)
        : null,
    health_restriction: r() < 0.05,
    nik,
    status: released ? 'released' : 'active',
  };
}

// ---------------------------------------------------------------------------------------------
// The generator

export interface GenerateOptions {
  units: number;
  inmates: number;
  programmesPerUnit: number;
  /** Weeks of sessions from the schedules' start. */
  weeks: number;
  seed: number;
  /** Code prefix of the generated kanwil and units. */
  prefix: string;
  /** First day of the schedules (moved to its week's Monday) and "today" for the register. */
  start: string;
  log?: (msg: string) => void;
  /**
   * Production records too (bench/generate-production.ts): catalogue, participants, the production
   * log of every session in the window, quality checks, invoices, sales and the stock ledgers.
   * Off by default; it uses its own random stream, so the other rows are the same either way.
   */
  production?: ProductionOptions | null;
  /**
   * Enrolments and attendance marks (bench/generate-attendance.ts): every programme topped up to
   * `participantsPerProgramme` participants, a mark for each on every held session up to `today`.
   * Off by default; set-based and deterministic, written after production (its makers count).
   */
  attendance?: AttendanceOptions | null;
  /** Units go to the first `kanwil` provinces only (default: as many as units, up to all 38). */
  kanwil?: number;
  /**
   * One big programme in the lapas or rutan holding the most inmates: `participants` enrolled
   * (with --marks: picked among those staying a year past "today", so every roll call offers
   * them all) and the last `sessions` days of a three-a-week schedule up to "today" held.
   */
  bigProgramme?: { participants: number; sessions: number } | null;
}

export const DEFAULTS: GenerateOptions = {
  units: 50,
  inmates: 50_000,
  programmesPerUnit: 4,
  weeks: 26,
  seed: 2026,
  prefix: 'SYN',
  start: '2026-01-05',
};

export interface GenerateResult {
  kanwil: number;
  units: number;
  inmates: number;
  statusHistory: number;
  programmes: number;
  curriculumUnits: number;
  schedules: number;
  sessions: number;
  seconds: Record<string, number>;
  production: ProductionResult | null;
  attendance: AttendanceResult | null;
  /** The big programme, when asked for: its id, unit and how many sessions it holds. */
  bigProgramme: { id: string; unitId: string; sessions: number; participants: number } | null;
  /** The generated units with their ids, for callers that build on them (the import bench). */
  unitIds: string[];
}

const UNIT_TYPES: ReadonlyArray<readonly [UnitType, number]> = [
  ['lapas', 50],
  ['rutan', 33],
  ['lpka', 5],
  ['lpp', 5],
  ['bapas', 7],
];
const TYPE_NAME: Record<UnitType, string> = {
  lapas: 'Lapas',
  rutan: 'Rutan',
  lpka: 'LPKA',
  lpp: 'LPP',
  bapas: 'Bapas',
};

/** Fills an already migrated database. Returns counts and the seconds each step took. */
export async function generate(url: string, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? (() => {});
  // The prefix is part of the seed: two runs into one database with different prefixes get
  // different ids, and the same options always give the same rows.
  const r = rng(
    [...o.prefix].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, o.seed ^ 2166136261),
  );
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'simandiri-generate' });
  const client = await pool.connect();
  const seconds: Record<string, number> = {};
  const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    seconds[label] = (performance.now() - t0) / 1000;
    return v;
  };
  try {
    const taken = await client.query('select 1 from kanwil where code like $1 limit 1', [`${o.prefix}-%`]);
    if (taken.rowCount)
      throw new Error(`kanwil with prefix ${o.prefix}- already exist here: use --prefix or a fresh database`);
    await client.query('begin');

    // Kanwil: one per province (as many as there are units, up to all provinces).
    const provinces = PROVINCES.slice(
      0,
      Math.max(1, Math.min(PROVINCES.length, o.units, o.kanwil ?? PROVINCES.length)),
    );
    const kanwil = provinces.map((p) => ({ id: uuid(r), ...p }));
    await time('kanwil', () =>
      copyRows(
        client,
        'kanwil',
        ['id', 'code', 'name', 'province', 'timezone'],
        kanwil.map((k) => [k.id, `${o.prefix}-${k.code}`, `Kantor Wilayah ${k.name}`, k.name, k.zone]),
      ),
    );

    // Units, spread over the provinces round-robin (Java gets no special weight: it is load data).
    const classes: UnitClass[] = ['I', 'IIA', 'IIB', 'III'];
    const units = Array.from({ length: o.units }, (_, i) => {
      const k = kanwil[i % kanwil.length] as (typeof kanwil)[number];
      // Every type appears as soon as there are five units.
      const type =
        i < UNIT_TYPES.length ? (UNIT_TYPES[i] as (typeof UNIT_TYPES)[number])[0] : weighted(r, UNIT_TYPES);
      const cls = type === 'lpka' || type === 'lpp' ? pick(r, ['I', 'IIA'] as UnitClass[]) : pick(r, classes);
      const city = pick(r, k.cities);
      return {
        id: uuid(r),
        kanwil: k,
        type,
        cls,
        city,
        code: `${o.prefix}-U${String(i + 1).padStart(4, '0')}`,
      };
    });
    await time('units', () =>
      copyRows(
        client,
        'units',
        ['id', 'kanwil_id', 'code', 'type', 'class', 'name', 'city', 'timezone'],
        units.map((u) => [
          u.id,
          u.kanwil.id,
          u.code,
          u.type,
          u.cls,
          `${TYPE_NAME[u.type]} Kelas ${u.cls} ${u.city} (${u.code})`,
          u.city,
          u.kanwil.zone,
        ]),
      ),
    );
    log(`${kanwil.length} kanwil, ${units.length} units`);

    // Inmates: bapas hold none; the rest share the total by a random weight each.
    const holding = units.filter((u) => u.type !== 'bapas');
    // What the production step needs of each unit (only gathered when it runs).
    const made = new Map<string, ProductionUnit>(
      o.production ? holding.map((u) => [u.id, { id: u.id, inmates: [], programmes: [] }]) : [],
    );
    const weights = holding.map(() => 0.4 + r() * 1.2);
    const sum = weights.reduce((a, b) => a + b, 0);
    const perUnit = weights.map((w) => Math.floor((w / sum) * o.inmates));
    let rest = o.inmates - perUnit.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0 && perUnit.length > 0; i = (i + 1) % perUnit.length, rest--)
      perUnit[i] = (perUnit[i] ?? 0) + 1;
    const released: Array<{ id: string; day: string }> = [];
    const entries: Array<{ id: string; day: string }> = [];
    const t0 = performance.now();
    let lastLog = 0;
    let lastCount = -1;
    const progress = (n: number) => {
      const now = performance.now();
      if (now - lastLog < 1000 && n < o.inmates) return;
      if (n === lastCount) return;
      lastCount = n;
      lastLog = now;
      const s = (now - t0) / 1000;
      log(
        `  inmates ${n.toLocaleString('en')} / ${o.inmates.toLocaleString('en')}  ${Math.round(n / s)} rows/s`,
      );
    };
    function* inmateRows(): Generator<Cell[]> {
      for (const [i, u] of holding.entries()) {
        const serials = new Map<string, number>();
        for (let n = 0; n < (perUnit[i] ?? 0); n++) {
          const p = makeInmate(r, { today: o.start, serials, type: u.type });
          entries.push({ id: p.id, day: p.entry_date });
          if (o.production)
            made.get(u.id)?.inmates.push({
              id: p.id,
              name: p.name,
              release: p.expected_release_date,
              active: p.status === 'active',
            });
          if (p.status === 'released') released.push({ id: p.id, day: p.expected_release_date ?? o.start });
          yield [
            p.id,
            u.id,
            p.reg_number,
            p.register_class,
            p.name,
            p.gender,
            p.birth_date,
            p.entry_date,
            p.expected_release_date,
            p.block,
            p.room,
            p.education,
            p.skills,
            p.interests,
            p.risk_level,
            p.health_restriction,
            p.nik,
            p.status,
          ];
        }
      }
    }
    const inmates = await time('inmates', () =>
      copyRows(
        client,
        'inmates',
        [
          'id',
          'unit_id',
          'reg_number',
          'register_class',
          'name',
          'gender',
          'birth_date',
          'entry_date',
          'expected_release_date',
          'block',
          'room',
          'education',
          'skills',
          'interests',
          'risk_level',
          'health_restriction',
          'nik',
          'status',
        ],
        inmateRows(),
        progress,
      ),
    );
    // Every person's history starts with their admission; those past their release date left then.
    function* historyRows(): Generator<Cell[]> {
      for (const e of entries) yield [uuid(r), e.id, 'active', e.day, null];
      for (const x of released) yield [uuid(r), x.id, 'released', x.day, 'Bebas (data sintetis)'];
    }
    const statusHistory = await time('status history', () =>
      copyRows(
        client,
        'inmate_status_history',
        ['id', 'inmate_id', 'status', 'on_date', 'reason'],
        historyRows(),
      ),
    );
    log(
      `${inmates.toLocaleString('en')} inmates (${released.length} released), ${statusHistory} history rows`,
    );

    // National holidays, if the database has none yet (the app seeds them on its first start).
    const national = await client.query<{ day: string }>(
      'select day::text as day from holidays where unit_id is null',
    );
    if (national.rowCount === 0) {
      await copyRows(
        client,
        'holidays',
        ['day', 'name', 'kind'],
        HOLIDAYS_2026.map((h) => [h.day, h.name, h.kind]),
      );
    }
    const holidays = new Set(
      national.rowCount ? national.rows.map((h) => h.day) : HOLIDAYS_2026.map((h) => h.day),
    );

    // Programmes, each with a curriculum and one weekly schedule, and its sessions.
    const programmes: Cell[][] = [];
    const curriculum: Cell[][] = [];
    const schedules: Cell[][] = [];
    const sessions: Cell[][] = [];
    const startMonday = mondayOf(o.start);
    const windowTo = addDays(startMonday, o.weeks * 7 - 1);
    for (const u of holding) {
      for (let n = 0; n < o.programmesPerUnit; n++) {
        const p = pick(r, PROGRAMMES);
        const programmeId = uuid(r);
        programmes.push([
          programmeId,
          u.id,
          p.name,
          p.kind,
          p.area,
          pick(r, ['Aula', 'Bengkel Kerja', 'Ruang Keterampilan', 'Lahan SAE', 'Dapur Produksi']),
          int(r, 10, 30),
          'running',
          JSON.stringify(r() < 0.5 ? {} : { min_remaining_months: int(r, 3, 12), no_register_f_months: 6 }),
        ]);
        const units = int(r, 3, 6);
        for (let c = 0; c < units; c++)
          curriculum.push([
            uuid(r),
            programmeId,
            c + 1,
            `K${c + 1}`,
            COMPETENCIES[c] ?? 'Praktik',
            int(r, 4, 40),
          ]);
        const scheduleId = uuid(r);
        const days = [...new Set([int(r, 1, 5), ...(r() < 0.4 ? [int(r, 1, 5)] : [])])].sort((a, b) => a - b);
        const everyN = r() < 0.15 ? 2 : 1;
        const morning = r() < 0.7;
        const start = morning ? '09:00' : '13:00';
        const end = morning ? '12:00' : '15:00';
        const startsOn = addDays(startMonday, int(r, 0, 13));
        schedules.push([scheduleId, programmeId, days, everyN, startsOn, null, start, end, true]);
        const forProduction: ProductionUnit['programmes'][number] | undefined = o.production
          ? { id: programmeId, area: p.area, sessions: [] }
          : undefined;
        if (forProduction) made.get(u.id)?.programmes.push(forProduction);
        const recurrence = {
          weekdays: days,
          everyNWeeks: everyN,
          startsOn,
          endsOn: null,
          skipHolidays: true,
        };
        for (const day of sessionDays(recurrence, { from: startsOn, to: windowTo }, holidays)) {
          const at = sessionInstants(day, start, end, u.kanwil.zone);
          const sessionId = uuid(r);
          forProduction?.sessions.push({ id: sessionId, day });
          sessions.push([
            sessionId,
            programmeId,
            scheduleId,
            day,
            at.startsAt.toISOString(),
            at.endsAt.toISOString(),
          ]);
        }
      }
    }
    const big = o.bigProgramme
      ? bigProgramme(o.bigProgramme, {
          holding: holding.map((u, i) => ({
            id: u.id,
            type: u.type,
            zone: u.kanwil.zone,
            n: perUnit[i] ?? 0,
          })),
          seed: o.seed,
          from: startMonday,
          to: o.attendance && o.attendance.today < windowTo ? o.attendance.today : windowTo,
          holidays,
          out: { programmes, curriculum, schedules, sessions },
          log,
        })
      : null;
    await time('programmes', () => copyProgrammeRows(client, { programmes, curriculum, schedules }));
    await time('sessions', () => copyProgrammeRows(client, { sessions }));
    log(
      `${programmes.length} programmes, ${curriculum.length} curriculum units, ${sessions.length} sessions`,
    );
    let production: ProductionResult | null = null;
    if (o.production) {
      const opts = { ...PRODUCTION_DEFAULTS, ...o.production, windowTo };
      // Its own stream: turning production on changes none of the rows above.
      const pr = rng(o.seed ^ 0x70726f64);
      production = await time('production', () =>
        generateProduction(client, pr, [...made.values()], opts, log),
      );
      log(
        `production: ${production.enrolments} enrolments, ${production.products} products, ` +
          `${production.materials} materials, ${production.entries} log entries, ` +
          `${production.productMovements + production.materialMovements} movements, ${production.qcBatches} checks, ` +
          `${production.invoices} invoices, ${production.sales} sales`,
      );
    }
    let attendance: AttendanceResult | null = null;
    if (o.attendance) {
      const opts = o.attendance;
      attendance = await time('attendance', () =>
        generateAttendance(
          client,
          holding.map((u) => u.id),
          big
            ? {
                ...opts,
                overrides: [
                  {
                    programmeId: big.id,
                    participants: big.participants,
                    stayUntil: addDays(opts.today, 365),
                  },
                ],
              }
            : opts,
          log,
        ),
      );
      log(`attendance: ${attendance.enrolments} enrolments added, ${attendance.marks} marks`);
    }
    await time('commit', () => client.query('commit'));
    await time('analyze', () => client.query('analyze'));
    return {
      production,
      attendance,
      bigProgramme: big,
      kanwil: kanwil.length,
      units: units.length,
      inmates,
      statusHistory,
      programmes: programmes.length,
      curriculumUnits: curriculum.length,
      schedules: schedules.length,
      sessions: sessions.length,
      seconds,
      unitIds: units.map((u) => u.id),
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
    await pool.end();
  }
}

/** Programmes, their curricula, schedules and sessions, as the generator lays them out, by COPY. */
export async function copyProgrammeRows(
  client: pg.PoolClient,
  rows: Partial<Record<'programmes' | 'curriculum' | 'schedules' | 'sessions', Cell[][]>>,
): Promise<void> {
  if (rows.programmes)
    await copyRows(
      client,
      'programmes',
      ['id', 'unit_id', 'name', 'kind', 'skill_area', 'location', 'capacity', 'status', 'eligibility'],
      rows.programmes,
    );
  if (rows.curriculum)
    await copyRows(
      client,
      'curriculum_units',
      ['id', 'programme_id', 'position', 'code', 'title', 'target_hours'],
      rows.curriculum,
    );
  if (rows.schedules)
    await copyRows(
      client,
      'schedules',
      [
        'id',
        'programme_id',
        'weekdays',
        'every_n_weeks',
        'starts_on',
        'ends_on',
        'start_time',
        'end_time',
        'skip_holidays',
      ],
      rows.schedules,
    );
  if (rows.sessions)
    await copyRows(
      client,
      'programme_sessions',
      ['id', 'programme_id', 'schedule_id', 'day', 'starts_at', 'ends_at'],
      rows.sessions,
    );
}

/**
 * The big programme's rows, added to the generator's lists: a training programme with the capacity
 * for its participants, a curriculum, a schedule whose last `sessions` days up to `to` are its
 * sessions (three a week, or more days when holidays leave too few). Its own random stream, so the
 * other rows are the same with or without it.
 */
export function bigProgramme(
  b: { participants: number; sessions: number },
  o: {
    holding: ReadonlyArray<{ id: string; type: UnitType; zone: TimeZone; n: number }>;
    seed: number;
    from: string;
    to: string;
    holidays: ReadonlySet<string>;
    out: { programmes: Cell[][]; curriculum: Cell[][]; schedules: Cell[][]; sessions: Cell[][] };
    log: (m: string) => void;
  },
): NonNullable<GenerateResult['bigProgramme']> {
  const r = rng(o.seed ^ 0x62696770);
  const unit = o.holding.filter((u) => u.type === 'lapas' || u.type === 'rutan').sort((x, y) => y.n - x.n)[0];
  if (!unit) throw new Error('--big-programme needs a lapas or rutan among the units');
  let weekdays = [1, 3, 5];
  let days: string[] = [];
  for (const w of [
    [1, 3, 5],
    [1, 2, 3, 5],
    [1, 2, 3, 4, 5],
  ]) {
    weekdays = w;
    const recurrence = { weekdays: w, everyNWeeks: 1, startsOn: o.from, endsOn: null, skipHolidays: true };
    days = sessionDays(recurrence, { from: o.from, to: o.to }, o.holidays).slice(-b.sessions);
    if (days.length >= b.sessions) break;
  }
  if (days.length < b.sessions)
    o.log(`big programme: only ${days.length} session days fit before ${o.to} (asked ${b.sessions})`);
  const programmeId = uuid(r);
  const scheduleId = uuid(r);
  const startsOn = days[0] ?? o.from;
  o.out.programmes.push([
    programmeId,
    unit.id,
    'Pelatihan Menjahit Kelas Besar',
    'training',
    'Garmen',
    'Aula',
    b.participants,
    'running',
    '{}',
  ]);
  for (let c = 0; c < 4; c++)
    o.out.curriculum.push([uuid(r), programmeId, c + 1, `K${c + 1}`, COMPETENCIES[c] ?? 'Praktik', 24]);
  o.out.schedules.push([scheduleId, programmeId, weekdays, 1, startsOn, null, '08:00', '11:00', true]);
  for (const day of days) {
    const at = sessionInstants(day, '08:00', '11:00', unit.zone);
    o.out.sessions.push([
      uuid(r),
      programmeId,
      scheduleId,
      day,
      at.startsAt.toISOString(),
      at.endsAt.toISOString(),
    ]);
  }
  return { id: programmeId, unitId: unit.id, sessions: days.length, participants: b.participants };
}

/** A fresh embedded PostgreSQL in a temp folder, migrated: for benches that need an empty database. */
export async function freshEmbedded(
  port: number,
): Promise<{ url: string; dir: string; stop(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-gen-'));
  await fs.chmod(dir, 0o755);
  const quiet = { info: () => {}, warn: (m: string) => process.stderr.write(`${m}\n`) };
  const server = await startEmbeddedPostgres({ dataDir: dir, port, log: quiet });
  const db = createDb(server.url, { max: 2, applicationName: 'simandiri-bench' });
  try {
    await migrate(db);
  } finally {
    await db.destroy();
  }
  return {
    url: server.url,
    dir,
    async stop() {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string' },
      inmates: { type: 'string' },
      'programmes-per-unit': { type: 'string' },
      weeks: { type: 'string' },
      seed: { type: 'string' },
      prefix: { type: 'string' },
      start: { type: 'string' },
      exit: { type: 'boolean', default: false },
      production: { type: 'boolean', default: false },
      participants: { type: 'string' },
      products: { type: 'string' },
      materials: { type: 'string' },
      marks: { type: 'boolean', default: false },
      'attendance-participants': { type: 'string' },
      today: { type: 'string' },
      kanwil: { type: 'string' },
      'big-programme': { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number, name: string) => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${v}`);
    return n;
  };
  const opts: GenerateOptions = {
    units: Math.max(1, num(values.units, DEFAULTS.units, 'units')),
    inmates: num(values.inmates, DEFAULTS.inmates, 'inmates'),
    programmesPerUnit: num(values['programmes-per-unit'], DEFAULTS.programmesPerUnit, 'programmes-per-unit'),
    weeks: num(values.weeks, DEFAULTS.weeks, 'weeks'),
    seed: num(values.seed, DEFAULTS.seed, 'seed'),
    prefix: values.prefix ?? DEFAULTS.prefix,
    start: values.start ?? DEFAULTS.start,
    log: (m) => process.stderr.write(`${m}\n`),
    production: values.production
      ? {
          participantsPerProgramme: num(
            values.participants,
            PRODUCTION_DEFAULTS.participantsPerProgramme,
            'participants',
          ),
          productsPerUnit: num(values.products, PRODUCTION_DEFAULTS.productsPerUnit, 'products'),
          materialsPerUnit: num(values.materials, PRODUCTION_DEFAULTS.materialsPerUnit, 'materials'),
        }
      : null,
    attendance: values.marks
      ? {
          participantsPerProgramme: num(values['attendance-participants'], 25, 'attendance-participants'),
          today: values.today ?? new Date().toISOString().slice(0, 10),
        }
      : null,
  };
  if (values.kanwil !== undefined) opts.kanwil = Math.max(1, num(values.kanwil, 38, 'kanwil'));
  if (values['big-programme'] !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(values['big-programme']);
    if (!m) throw new Error('--big-programme must be PARTICIPANTSxSESSIONS, e.g. 200x152');
    opts.bigProgramme = { participants: Number(m[1]), sessions: Number(m[2]) };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.start)) throw new Error('--start must be YYYY-MM-DD');
  let url = process.env.DATABASE_URL;
  let embedded: Awaited<ReturnType<typeof freshEmbedded>> | undefined;
  const t0 = performance.now();
  if (url) {
    const db = createDb(url, { max: 2, applicationName: 'simandiri-generate' });
    try {
      await migrate(db);
    } finally {
      await db.destroy();
    }
  } else {
    process.stderr.write('no DATABASE_URL: starting a fresh embedded PostgreSQL in a temp folder...\n');
    embedded = await freshEmbedded(await freePort());
    url = embedded.url;
    process.stderr.write(`embedded PostgreSQL in ${embedded.dir}\n`);
  }
  const tg = performance.now();
  const res = await generate(url, opts);
  const total = (performance.now() - tg) / 1000;
  const rows =
    res.kanwil +
    res.units +
    res.inmates +
    res.statusHistory +
    res.programmes +
    res.curriculumUnits +
    res.schedules +
    res.sessions;
  const pr = res.production;
  const out = [
    `generated in ${total.toFixed(1)} s (${((tg - t0) / 1000).toFixed(1)} s before that for the server and migrations)`,
    `  kanwil ${res.kanwil}, units ${res.units}, inmates ${res.inmates}, status history ${res.statusHistory}`,
    `  programmes ${res.programmes}, curriculum units ${res.curriculumUnits}, schedules ${res.schedules}, sessions ${res.sessions}`,
    ...(pr
      ? [
          `  production: enrolments ${pr.enrolments}, products ${pr.products}, materials ${pr.materials}, ` +
            `log entries ${pr.entries}, product movements ${pr.productMovements}, material movements ` +
            `${pr.materialMovements}, quality checks ${pr.qcBatches} (${pr.qcLines} lines), invoices ${pr.invoices}, sales ${pr.sales}`,
        ]
      : []),
    ...(res.attendance
      ? [`  attendance: enrolments added ${res.attendance.enrolments}, marks ${res.attendance.marks}`]
      : []),
    ...(res.bigProgramme
      ? [
          `  big programme ${res.bigProgramme.id}: ${res.bigProgramme.participants} places, ${res.bigProgramme.sessions} sessions`,
        ]
      : []),
    `  inmates: ${res.seconds.inmates?.toFixed(1)} s, ${Math.round(res.inmates / (res.seconds.inmates ?? 1))} rows/s`,
    `  all rows: ${rows} in ${total.toFixed(1)} s, ${Math.round(rows / total)} rows/s`,
    `  steps (s): ${Object.entries(res.seconds)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`,
    `  node RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (embedded) {
    if (values.exit) {
      await embedded.stop();
      return;
    }
    process.stdout.write(`\nDATABASE_URL=${url}\nServing until Ctrl+C (the folder is removed then).\n`);
    const server = embedded;
    // Our own handler stops the server and removes the folder (the library's would only stop it).
    takeOverShutdownSignals();
    await new Promise<void>((resolve) => {
      for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve());
    });
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/generate.ts')) {
  try {
    await cli();
  } catch (err) {
    process.stderr.write(
      `generate failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  }
}
