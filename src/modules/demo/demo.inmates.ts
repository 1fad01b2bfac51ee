// Demo: about sixty synthetic inmates at Rutan Kelas IIB Magetan, detainees and sentenced, with
// invented names, numbers and NIKs. A seeded generator makes the same people on every run.
import type { Db } from '../../db/database.ts';
import type { RegisterClass, RiskLevel } from '../../db/schema.ts';
import type { Actor } from '../audit/audit.service.ts';
import { addRegisterF, countInUnit, createInmate } from '../inmates/inmates.service.ts';

/** mulberry32: a tiny deterministic generator, so the demo never changes between runs. */
function generator(seed: number) {
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

const MEN = [
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
  'Nur',
  'Purnomo',
  'Rudi',
  'Slamet',
  'Sugeng',
  'Teguh',
  'Wahyu',
  'Yusuf',
  'Zainal',
];
const WOMEN = ['Ani', 'Dewi', 'Endang', 'Lestari', 'Murni', 'Ratna', 'Sri', 'Wulan'];
const FAMILY = [
  'Santoso',
  'Prasetyo',
  'Wibowo',
  'Saputra',
  'Hidayat',
  'Setiawan',
  'Susanto',
  'Nugroho',
  'Pratama',
  'Kusuma',
  'Hartono',
  'Suryadi',
  'Wijaya',
  'Purwanto',
  'Rahmawati',
  'Handayani',
];
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
 * How each register is represented: detainees enter recently, sentenced inmates earlier. Detainees
 * at the district court (A.III) face months more of detention, so some can join a programme.
 */
const PLAN: ReadonlyArray<{
  cls: RegisterClass;
  count: number;
  entry: [string, string];
  months: [number, number];
}> = [
  { cls: 'A.I', count: 5, entry: ['2025-12-15', '2026-01-15'], months: [1, 2] },
  { cls: 'A.II', count: 7, entry: ['2025-11-15', '2026-01-10'], months: [1, 3] },
  { cls: 'A.III', count: 8, entry: ['2025-10-01', '2026-01-05'], months: [7, 10] },
  { cls: 'B.I', count: 24, entry: ['2023-06-01', '2025-10-31'], months: [14, 72] },
  { cls: 'B.IIa', count: 10, entry: ['2025-06-01', '2025-12-31'], months: [9, 14] },
  { cls: 'B.IIb', count: 6, entry: ['2025-12-20', '2026-01-15'], months: [1, 3] },
];

const DETAINEE_RISK: readonly RiskLevel[] = ['rendah', 'sedang', 'rendah', 'tinggi', 'rendah'];

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const fromDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

export interface DemoInmate {
  reg_number: string;
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  entry_date: string;
  expected_release_date: string;
  block: string;
  room: string;
  education: string;
  skills: string[];
  interests: string[];
  risk_level?: RiskLevel;
  health_restriction: boolean;
  nik: string;
}

/** The demo's people, the same on every call. */
export function demoInmates(): DemoInmate[] {
  const g = generator(20260121);
  const out: DemoInmate[] = [];
  const names = new Set<string>();
  for (const plan of PLAN) {
    let serial = g.int(10, 60);
    for (let k = 0; k < plan.count; k++) {
      const gender: 'L' | 'P' = g.int(1, 8) === 1 ? 'P' : 'L';
      let name = '';
      do name = `${g.pick(gender === 'L' ? MEN : WOMEN)} ${g.pick(FAMILY)}`;
      while (names.has(name));
      names.add(name);
      const entry = fromDayNumber(g.int(dayNumber(plan.entry[0]), dayNumber(plan.entry[1])));
      const birth = fromDayNumber(g.int(dayNumber('1966-01-01'), dayNumber('2005-12-31')));
      serial += g.int(1, 9);
      const detainee = plan.cls.startsWith('A.');
      out.push({
        reg_number: `${plan.cls} ${serial}/${entry.slice(0, 4)}`,
        name,
        gender,
        birth_date: birth,
        entry_date: entry,
        expected_release_date: addMonths(entry, g.int(plan.months[0], plan.months[1])),
        block: gender === 'P' ? 'W' : detainee ? 'A' : g.pick(['B', 'C', 'D']),
        room: String(g.int(1, 8)),
        education: g.pick(EDUCATION),
        skills: [...new Set([g.pick(SKILLS), g.pick(SKILLS)])],
        interests: [...new Set([g.pick(INTERESTS), g.pick(INTERESTS)])],
        // Risk is assessed for sentenced inmates, and for detainees after their first weeks (not
        // yet for A.I). Detainees' levels follow their order, so the generator's draws stay the same.
        ...(detainee
          ? plan.cls === 'A.I'
            ? {}
            : { risk_level: DETAINEE_RISK[k % DETAINEE_RISK.length] as RiskLevel }
          : { risk_level: g.pick<RiskLevel>(['rendah', 'rendah', 'rendah', 'sedang', 'sedang', 'tinggi']) }),
        health_restriction: false,
        nik: `3520${String(g.int(10, 99))}${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(g.int(1, 9999)).padStart(4, '0')}`,
      });
    }
  }
  // One person whose health limits the work they can do (the eligibility rules use this).
  const frail = out.find((p) => p.reg_number.startsWith('B.I '));
  if (frail) frail.health_restriction = true;
  return out;
}

export async function seedDemoInmates(db: Db, actor: Actor, unitId: string): Promise<number> {
  if (!unitId || (await countInUnit(db, unitId)) > 0) return 0;
  const viewer = { id: '', unitId, scope: { all: true as const } };
  const people = demoInmates();
  const ids: string[] = [];
  for (const p of people) ids.push(await createInmate(db, actor, viewer, { ...p, unit_id: unitId }));
  // A few sentenced inmates with Register F entries in the months before the class began.
  const sentenced = people.flatMap((p, i) => (p.reg_number.startsWith('B.') ? [i] : []));
  const offenders = [sentenced[2], sentenced[9], sentenced[17], sentenced[25]];
  const dates = ['2025-11-04', '2025-08-19', '2025-12-22', '2026-01-08'];
  for (const [k, idx] of offenders.entries()) {
    const id = idx === undefined ? undefined : ids[idx];
    const v = VIOLATIONS[k];
    const person = idx === undefined ? undefined : people[idx];
    if (!id || !v || !person) continue;
    // An entry can only follow the person's arrival.
    const planned = dates[k] ?? '2026-01-08';
    const on = planned > person.entry_date ? planned : fromDayNumber(dayNumber(person.entry_date) + 10);
    await addRegisterF(db, actor, viewer, id, {
      entry_date: on,
      violation: v[0],
      sanction: v[1],
    });
  }
  return ids.length;
}
