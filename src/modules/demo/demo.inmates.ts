// Demo: about sixty synthetic inmates at Rutan Kelas IIB Magetan, detainees and sentenced, with
// invented names, numbers and NIKs, and what happens to them through the year (demo.register.ts).
// A seeded generator makes the same people on every run.

import { daysBetween } from '../../app/days.ts';
import { type Actor, actingAs, type Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { RegisterClass, RiskLevel } from '../../db/schema.ts';
import {
  addRegisterF,
  changeExpiry,
  changeStatus,
  countInUnit,
  createInmate,
  listInmates,
  updateInmate,
} from '../inmates/inmates.service.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import {
  addMonths,
  DETENTION_LIMIT_DAYS,
  type DemoPerson,
  type DetaineeClass,
  detaineePath,
  type Gen,
  generator,
  type Identity,
  REGISTER_DAY,
  type RegisterState,
  RegNumbers,
  randomDay,
  sentenced,
  served,
  stateOn,
} from './demo.register.ts';

export const MEN = [
  'Agus',
  'Bambang',
  'Budi',
  'Dedi',
  'Eko',
  'Fajar',
  'Hadi',
  'Joko',
  'Kurniawan',
  'Lukman',
  'Mulyono',
  'Purnomo',
  'Rudi',
  'Slamet',
  'Sugeng',
  'Teguh',
  'Wahyu',
  'Yusuf',
  'Zainal',
];
export const WOMEN = ['Ani', 'Dewi', 'Endang', 'Lestari', 'Murni', 'Ratna', 'Sri', 'Wulan'];
/** Javanese family names differ by gender: -o/-an/-i for men, -wati/-yani/-sari for women. */
export const MEN_FAMILY = [
  'Santoso',
  'Prasetyo',
  'Wibowo',
  'Saputra',
  'Hidayat',
  'Susanto',
  'Nugroho',
  'Pratama',
  'Hartanto',
  'Suryadi',
  'Purwanto',
  'Sulistyo',
  'Kurniadi',
];
export const WOMEN_FAMILY = ['Rahmawati', 'Handayani', 'Wulandari', 'Puspitasari', 'Susanti', 'Safitri'];
/** Names the demo gives to staff, partners and interns: no inmate may share one. */
export const TAKEN = new Set([
  'Ari Rahmanto',
  'Sri Wahyuni',
  'Dimas Prasetyo',
  'Agus Setiawan',
  'Budi Santoso',
  'Ratna Kusumawati',
  'Hendra Wijaya',
  'Siti Aminah',
  'Mandawati',
  'Arya Rusli',
  'Rina Marlina',
  'Yusuf Pratama',
  'Fitri Handayani',
  'Dwi Hartono',
  'Nur Aini',
  // The staff of the other demo units (demo.units.ts).
  'Heru Kristanto',
  'Indah Permatasari',
  'Rizal Firmansyah',
  'I Gusti Ngurah Wirawan',
  'Ni Kadek Sukmawati',
]);
const EDUCATION = ['SD', 'SMP', 'SMP', 'SMA', 'SMA', 'SMK', 'SMK', 'D3', 'S1'];
const SKILLS = [
  'bertani',
  'beternak',
  'pertukangan kayu',
  'menjahit',
  'memasak',
  'las',
  'otomotif',
  'sablon',
  'batik',
];
const INTERESTS = [
  'merajut',
  'menjahit',
  'pertanian',
  'perikanan',
  'tata boga',
  'kerajinan tangan',
  'barbershop',
  'sablon',
];
const VIOLATIONS: ReadonlyArray<[string, string]> = [
  ['Membawa telepon genggam ke dalam kamar', 'Tutupan sunyi 6 hari'],
  ['Berkelahi dengan sesama warga binaan', 'Tutupan sunyi 6 hari; hak kunjungan ditunda'],
  ['Tidak mengikuti apel pagi tiga kali berturut-turut', 'Teguran tertulis'],
  ['Menyimpan barang terlarang (korek api rakitan)', 'Teguran tertulis'],
];

/**
 * How the register stood on REGISTER_DAY. Detainees are at one stage each, within its limit;
 * sentenced inmates were sentenced before, and all are still inside when the class begins.
 */
const PLAN: ReadonlyArray<{ cls: RegisterClass; count: number }> = [
  { cls: 'A.I', count: 5 },
  { cls: 'A.II', count: 7 },
  { cls: 'A.III', count: 8 },
  { cls: 'B.I', count: 24 },
  { cls: 'B.IIa', count: 10 },
  { cls: 'B.IIb', count: 6 },
];
/** New detainees brought in by the police through the year, about one a month. */
const ARRIVALS = [
  '2026-02-09',
  '2026-03-16',
  '2026-04-20',
  '2026-05-25',
  '2026-06-29',
  '2026-08-03',
  '2026-09-07',
  '2026-10-05',
  '2026-10-26',
  '2026-11-16',
];
/** Kecamatan codes of Kabupaten Magetan (35.20.01 to 35.20.18). */
const DISTRICTS = 18;

/** Where people come from: a regency's NIK code (province + regency) and its number of kecamatan. */
export interface Regency {
  code: string;
  districts: number;
}
const MAGETAN: Regency = { code: '3520', districts: DISTRICTS };

/** NIK: province and regency (35 20: Magetan), district, birth date DDMMYY (day + 40 for women), serial. */
export function nikFor(g: Gen, gender: 'L' | 'P', birth: string, regency: Regency = MAGETAN): string {
  const day = Number(birth.slice(8, 10)) + (gender === 'P' ? 40 : 0);
  const district = String(g.int(1, regency.districts)).padStart(2, '0');
  const serial = String(g.int(1, 9999)).padStart(4, '0');
  return `${regency.code}${district}${String(day).padStart(2, '0')}${birth.slice(5, 7)}${birth.slice(2, 4)}${serial}`;
}

/** A person's name: a first and a family name of their gender. */
export interface NamePools {
  men: readonly string[];
  menFamily: readonly string[];
  women: readonly string[];
  womenFamily: readonly string[];
}
export const JAVANESE: NamePools = {
  men: MEN,
  menFamily: MEN_FAMILY,
  women: WOMEN,
  womenFamily: WOMEN_FAMILY,
};

/** Someone new to the register: a name nobody in `names` (nor the staff) has, and the rest. */
export function identity(
  g: Gen,
  names: Set<string>,
  o: { pools?: NamePools; regency?: Regency; womenOneIn?: number } = {},
): Identity {
  const pools = o.pools ?? JAVANESE;
  // One in twelve are women at the Rutan; a men's Lapas (womenOneIn 0) holds none.
  const oneIn = o.womenOneIn ?? 12;
  const gender: 'L' | 'P' = oneIn > 0 && g.int(1, oneIn) === 1 ? 'P' : 'L';
  let name = '';
  do
    name =
      gender === 'L'
        ? `${g.pick(pools.men)} ${g.pick(pools.menFamily)}`
        : `${g.pick(pools.women)} ${g.pick(pools.womenFamily)}`;
  while (names.has(name) || TAKEN.has(name));
  names.add(name);
  const birth = randomDay(g, '1966-01-01', '2005-12-31');
  return {
    name,
    gender,
    birth_date: birth,
    nik: nikFor(g, gender, birth, o.regency),
    room: String(g.int(1, 8)),
    education: g.pick(EDUCATION),
    skills: [...new Set([g.pick(SKILLS), g.pick(SKILLS)])],
    interests: [...new Set([g.pick(INTERESTS), g.pick(INTERESTS)])],
    health_restriction: false,
  };
}

/** Days at A.I, A.II, A.III, A.IV: each stage ends before its limit. */
const stageDays = (g: Gen) => [g.int(25, 58), g.int(20, 48), g.int(40, 88), g.int(30, 85)];

/** A person held on REGISTER_DAY at class `cls`, with their whole story in the year. */
function initialPerson(g: Gen, numbers: RegNumbers, names: Set<string>, cls: RegisterClass, k: number) {
  const who = identity(g, names);
  if (cls.startsWith('A.')) {
    // Pick the start of the current stage, then the days before it, so that REGISTER_DAY falls in it.
    const at = ['A.I', 'A.II', 'A.III'].indexOf(cls);
    const days = stageDays(g);
    const limit = DETENTION_LIMIT_DAYS[cls as DetaineeClass];
    const start = randomDay(g, addDays(REGISTER_DAY, -(limit - 25)), addDays(REGISTER_DAY, -1));
    // The current stage runs past REGISTER_DAY (each stage stays within its limit: detaineePath).
    days[at] = Math.max(days[at] ?? 0, daysBetween(start, REGISTER_DAY) + g.int(1, 20));
    const entry = addDays(start, -days.slice(0, at).reduce((a, b) => a + b, 0));
    const path = detaineePath(g, numbers, { entry_date: entry, gender: who.gender }, days, {
      appeal: k % 4 === 3,
      acquitted: cls === 'A.II' && k === 5,
    });
    return { ...who, entry_date: entry, ...path };
  }
  // Sentenced before REGISTER_DAY after months of detention; still inside when the class begins.
  let months: number;
  let expected: string;
  if (cls === 'B.I') {
    months = g.int(13, 84);
    expected = randomDay(g, '2026-03-01', addMonths(REGISTER_DAY, months - 4));
  } else if (cls === 'B.IIa') {
    months = g.int(5, 12);
    expected = randomDay(g, '2026-02-02', addMonths('2025-11-01', months));
  } else {
    months = g.int(2, 3);
    expected = randomDay(g, '2026-01-22', addMonths('2025-11-25', months));
  }
  const entry = addMonths(expected, -months);
  // Detention until the verdict: two to five months, and before REGISTER_DAY.
  const verdict = [addDays(entry, g.int(60, 150)), addDays(REGISTER_DAY, -g.int(3, 10))].sort()[0] ?? entry;
  const state = sentenced(g, numbers, { entry_date: entry, gender: who.gender }, verdict, months);
  return { ...who, entry_date: entry, states: [state], exit: served(state) };
}

export interface DemoRegister {
  /** Everyone held on REGISTER_DAY, in the order the register first lists them. */
  initial: DemoPerson[];
  /** Detainees who arrive later, each on their first state's day. */
  arrivals: DemoPerson[];
}

/** The demo's register through the year, the same on every call. */
export function demoRegister(): DemoRegister {
  const g = generator(20260121);
  const numbers = new RegNumbers(g);
  const names = new Set<string>();
  const initial: DemoPerson[] = [];
  for (const plan of PLAN)
    for (let k = 0; k < plan.count; k++) initial.push(initialPerson(g, numbers, names, plan.cls, k));
  // One person whose health limits the work they can do (the eligibility rules use this).
  const frail = initial.find((p) => p.states[0]?.register_class === 'B.I');
  if (frail) frail.health_restriction = true;
  // The longest sentence moves to the Lapas for the rest of it.
  const longest = initial
    .filter((p) => p.gender === 'L' && p.states.at(-1)?.register_class === 'B.I')
    .sort((a, b) => (b.exit?.on ?? '').localeCompare(a.exit?.on ?? ''))[0];
  if (longest)
    longest.exit = {
      change: 'transfer',
      on: '2026-08-12',
      reason: 'Dipindahkan ke Lapas Kelas I Madiun untuk menjalani sisa pidana',
    };
  const arrivals = ARRIVALS.map((on, k) => {
    const who = identity(g, names);
    const path = detaineePath(g, numbers, { entry_date: on, gender: who.gender }, stageDays(g), {
      appeal: k % 5 === 2,
      acquitted: k === 3,
    });
    return { ...who, entry_date: on, ...path };
  });
  return { initial, arrivals };
}

export interface DemoInmate extends Identity {
  reg_number: string;
  entry_date: string;
  expected_release_date: string;
  block: string;
  risk_level?: RiskLevel;
}

/** What the register records for `p` in `state`. */
export function registerEntry(p: DemoPerson, state: RegisterState): DemoInmate {
  const { states: _s, exit: _e, ...who } = p;
  return {
    ...who,
    reg_number: state.reg_number,
    entry_date: p.entry_date,
    expected_release_date: state.expected_release_date,
    block: state.block,
    ...(state.risk_level ? { risk_level: state.risk_level } : {}),
  };
}

/** The register as first seeded (on REGISTER_DAY): about sixty people, the same on every call. */
export function demoInmates(): DemoInmate[] {
  return demoRegister().initial.map((p) => {
    const s = stateOn(p, REGISTER_DAY);
    if (!s) throw new Error(`${p.name} is not held on ${REGISTER_DAY}`);
    return registerEntry(p, s);
  });
}

export async function seedDemoInmates(db: Db, actor: Actor, unitId: string): Promise<number> {
  if (!unitId || (await countInUnit({ db }, unitId)) > 0) return 0;
  const ctx: Ctx = { db, who: { ...actingAs(actor), unitId }, now: new Date() };
  const people = demoInmates();
  const ids: string[] = [];
  for (const p of people) ids.push(await createInmate(ctx, { ...p, unit_id: unitId }));
  // A few sentenced inmates with Register F entries in the months before the class began.
  const sentenced = people.flatMap((p, i) => (p.reg_number.startsWith('B.') ? [i] : []));
  const offenders = [sentenced[2], sentenced[9], sentenced[17], sentenced[25]];
  const dates = ['2025-11-04', '2025-08-19', '2025-12-22', '2025-12-29'];
  for (const [k, idx] of offenders.entries()) {
    const id = idx === undefined ? undefined : ids[idx];
    const v = VIOLATIONS[k];
    const person = idx === undefined ? undefined : people[idx];
    if (!id || !v || !person) continue;
    // An entry can only follow the person's arrival.
    const planned = dates[k] ?? '2025-12-29';
    const on = planned > person.entry_date ? planned : addDays(person.entry_date, 10);
    await addRegisterF(ctx, id, {
      entry_date: on,
      violation: v[0],
      sanction: v[1],
    });
  }
  return ids.length;
}

const AUTHORITY: Record<string, [string, string]> = {
  'A.II': ['Kejaksaan Negeri Magetan', 'PRINT-{n}/M.5.32/Eku.2/{y}'],
  'A.III': ['Pengadilan Negeri Magetan', '{n}/Pen.Pid/{y}/PN Mgt'],
  'A.IV': ['Pengadilan Tinggi Surabaya', '{n}/Pen.Pid/{y}/PT Sby'],
  'A.V': ['Mahkamah Agung', '{n}/Pen.Pid/{y}/MA'],
};

/** What moves the tanggal ekspirasi at a new state: a detention order, or the verdict's sentence. */
function basisOf(s: RegisterState) {
  const year = s.from.slice(0, 4);
  const serial = s.reg_number.split(' ')[1]?.split('/')[0] ?? '1';
  const order = AUTHORITY[s.register_class];
  if (order)
    return {
      kind: 'detention_extension' as const,
      new_expiry: s.expected_release_date,
      reference: order[1].replace('{n}', serial).replace('{y}', year),
      authority: order[0],
      order_date: s.from,
    };
  return {
    kind: 'correction' as const,
    new_expiry: s.expected_release_date,
    order_date: s.from,
    basis: `Putusan Pengadilan Negeri Magetan No. ${serial}/Pid.B/${year}/PN Mgt: pidana penjara ${s.sentence_months ?? 0} bulan, dikurangi masa penahanan`,
  };
}

/**
 * The register's year up to `today`: arrivals, stage changes and verdicts (a new number, class and
 * tanggal ekspirasi, audited as an update of the register), releases and the transfer, each on its
 * day. Only what is missing is applied: a person's current number says how far their story has
 * gone. Returns how many changes it made.
 */
export async function seedDemoRegister(db: Db, actor: Actor, unitId: string, today: string): Promise<number> {
  if (!unitId) return 0;
  const ctx: Ctx = { db, who: { ...actingAs(actor), unitId }, now: new Date() };
  const { initial, arrivals } = demoRegister();
  let changed = 0;
  for (const p of [...initial, ...arrivals]) {
    const first = p.states[0];
    if (!first || first.from > today) continue;
    const found = (await listInmates(ctx, { q: p.name, page: 1 })).rows.find(
      (r) => r.name === p.name && r.unit_id === unitId,
    );
    let id = found?.id;
    const at = found ? p.states.findIndex((s) => s.reg_number === found.reg_number) : 0;
    if (!found) {
      // Only later arrivals are created here; the first register is seedDemoInmates'.
      if (first.from <= REGISTER_DAY) continue;
      id = await createInmate(ctx, { ...registerEntry(p, first), unit_id: unitId });
      changed++;
    }
    if (!id || at < 0) continue;
    for (const [k, s] of p.states.entries()) {
      const previous = p.states[k - 1];
      if (k <= at || !previous) continue;
      if (s.from > today) break;
      // The new number and class first (with the date in force), then the new date with its basis:
      // the next stage's detention order, or the verdict.
      await updateInmate(ctx, id, {
        ...registerEntry(p, s),
        expected_release_date: previous.expected_release_date,
        risk_level: s.risk_level,
      });
      await changeExpiry(ctx, id, basisOf(s), { today });
      changed++;
    }
    if (p.exit && p.exit.on <= today && (found?.status ?? 'active') === 'active') {
      await changeStatus(ctx, id, {
        change: p.exit.change,
        on_date: p.exit.on,
        reason: p.exit.reason,
      });
      changed++;
    }
  }
  return changed;
}
