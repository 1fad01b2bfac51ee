// Demo: the journal of every held session of "Pelatihan Merajut" up to today, working through the
// knitting curriculum in order (each unit takes its target hours, then production practice), with
// generated documentation photos; then competency progress: most participants in progress, some
// competent on the early units, and the two narapidana with the best attendance competent on every
// core unit taught so far (so they can complete and be certified). Only people still in the class are
// assessed. Deterministic for a given day.
import { dayInZone } from '../../app/format.ts';
import { type Actor, type Ctx, systemCtx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { CompetencyStatus, TimeZone } from '../../db/schema.ts';
import { attendanceRate, sessionHours } from '../attendance/attendance.rules.ts';
import { participantsOf } from '../attendance/attendance.service.ts';
import { assessUnit, marksByEnrolment, programmeMatrix } from '../competencies/competencies.service.ts';
import { addPhotos, journalOf, saveJournal } from '../journal/journal.service.ts';
import { programmeDetail, programmeIdByName } from '../programmes/programmes.service.ts';
import { sessionsOf } from '../programmes/sessions.service.ts';
import { unitRandom } from './demo.attendance.ts';
import { stitchPng } from './demo.png.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

const TOPICS: Record<string, readonly string[]> = {
  'RJT-01': ['Mengenal jenis benang dan ukuran hakpen', 'Memegang hakpen dan membuat simpul awal'],
  'RJT-02': [
    'Tusuk rantai (chain): 20 rantai rata',
    'Tusuk tunggal pada baris rantai',
    'Menambah dan mengurangi tusukan',
    'Latihan lembaran 15 × 15 cm',
  ],
  'RJT-03': [
    'Membaca simbol pola rajut',
    'Alas tas bulat',
    'Badan tas: putaran spiral',
    'Motif pada badan tas',
    'Tali dan pegangan tas',
    'Merangkai tas rajut utuh',
  ],
  'RJT-04': [
    'Pola dompet persegi',
    'Dompet: badan dan tutup',
    'Memasang ritsleting dan kancing',
    'Dompet koin bermotif',
  ],
  'RJT-05': ['Gantungan kunci bentuk bunga', 'Gantungan kunci karakter (amigurumi kecil)'],
  'RJT-06': [
    'Merapikan ujung benang dan blocking',
    'Standar mutu: kerapian, ukuran, kekuatan',
    'Pengemasan dan label produk',
  ],
};

const MATERIALS: Record<string, string> = {
  'RJT-01': 'Benang katun susu 3 ply, hakpen 3 mm dan 4 mm',
  'RJT-02': 'Benang katun susu, hakpen 4 mm, lembar latihan',
  'RJT-03': 'Benang nilon, hakpen 3 mm, lembar pola tas, penanda tusukan',
  'RJT-04': 'Benang katun susu, ritsleting 15 cm, kancing magnet, jarum jahit',
  'RJT-05': 'Benang akrilik warna, dakron isian, ring gantungan kunci',
  'RJT-06': 'Gunting, jarum tapestry, label produk, plastik kemasan',
};

const EVIDENCE: Record<string, string> = {
  'RJT-01': 'Simpul awal dan pegangan hakpen benar; 10 tusuk dasar rapi',
  'RJT-02': 'Lembaran 15 × 15 cm tusuk tunggal, tepi lurus dan tegangan rata',
  'RJT-03': 'Menyelesaikan satu tas rajut sesuai pola dalam waktu yang ditentukan',
  'RJT-04': 'Dompet rajut dengan ritsleting terpasang rapi',
  'RJT-05': 'Tiga gantungan kunci seragam ukurannya',
  'RJT-06': 'Produk lolos cek mutu: ujung benang tersembunyi, ukuran sesuai, kemasan berlabel',
};
const NOT_YET = 'Tegangan benang belum rata dan tepi bergelombang; ulangi latihan lembaran';

const NOTES = [
  'Peserta yang lebih cepat membantu teman yang tertinggal.',
  'Hasil latihan dikumpulkan untuk dinilai pada sesi berikutnya.',
  'Dua peserta meminta benang tambahan untuk latihan di blok hunian (dicatat petugas).',
];

const COLOURS: ReadonlyArray<readonly [number, number, number]> = [
  [196, 62, 92],
  [44, 110, 160],
  [214, 140, 36],
  [70, 140, 90],
  [130, 80, 160],
  [120, 100, 80],
];
const CREAM = [245, 236, 220] as const;

interface Unit {
  id: string;
  code: string | null;
  title: string;
  core: boolean;
  target_hours: number;
}

export interface PlannedSession {
  units: Unit[];
  /** After the curriculum is covered: production practice, not a first teaching of the units. */
  practice: boolean;
}

/**
 * Which units each session covers: the curriculum in order, each unit for its target hours (a
 * session that finishes one unit starts the next); after the last unit, production practice that
 * rotates through the product units with finishing.
 */
export function curriculumPlan(units: readonly Unit[], hours: readonly number[]): PlannedSession[] {
  const plan: PlannedSession[] = [];
  const products = units.length > 3 ? units.slice(2, -1) : units;
  const last = units.at(-1);
  let i = 0;
  let left = units[0]?.target_hours ?? 0;
  for (const h of hours) {
    if (i >= units.length) {
      const product = products[plan.filter((p) => p.practice).length % Math.max(1, products.length)];
      const covered = [product, last].filter((u): u is Unit => u !== undefined);
      plan.push({ units: [...new Map(covered.map((u) => [u.id, u])).values()], practice: true });
      continue;
    }
    const covered: Unit[] = [];
    let rest = h;
    while (rest > 0.001 && i < units.length) {
      covered.push(units[i] as Unit);
      const used = Math.min(rest, left);
      rest -= used;
      left -= used;
      if (left <= 0.001) {
        i++;
        left = units[i]?.target_hours ?? 0;
      }
    }
    plan.push({ units: covered, practice: false });
  }
  return plan;
}

/** Journals for held sessions that have none; returns how many it wrote. */
async function seedJournals(
  db: Db,
  programmeId: string,
  ids: { instructor: Actor; petugasId: string | null },
  now: Date,
): Promise<{ written: number; plan: Array<PlannedSession & { day: string }> }> {
  const system = systemCtx(db, now);
  const d = await programmeDetail(system, programmeId);
  const today = dayInZone(now, d.programme.timezone as TimeZone);
  const held = (await sessionsOf(system, programmeId, '2000-01-01', today)).filter(
    (s) => s.status === 'scheduled' && s.ends_at.getTime() <= now.getTime(),
  );
  const units: Unit[] = d.curriculum.map((c) => ({ ...c, code: c.code ?? null }));
  const plan = curriculumPlan(
    units,
    held.map((s) => sessionHours(s.starts_at, s.ends_at)),
  );
  // The partner's instructor writes the journals (seeding reads every unit).
  const instructor: Ctx = {
    db,
    who: { ...systemPrincipal(ids.instructor.name), id: ids.instructor.userId, actor: ids.instructor },
    now: new Date(),
  };
  const seen = new Map<string, number>();
  let written = 0;
  for (const [j, s] of held.entries()) {
    const covered = plan[j]?.units ?? [];
    const first = covered[0];
    if (!first) continue;
    const key = first.code ?? first.id;
    const k = seen.get(key) ?? 0;
    if (!plan[j]?.practice) seen.set(key, k + 1);
    const j0 = await journalOf(instructor, s.id);
    if (j0.journal) continue;
    const topics = TOPICS[key] ?? [first.title];
    const planned = plan[j];
    const topic = planned?.practice
      ? `Praktik produksi: ${first.title.toLowerCase()}`
      : (topics[Math.min(k, topics.length - 1)] ?? first.title);
    const allowed = new Set(j0.instructorOptions.map((u) => u.id));
    const present = [ids.instructor.userId, j % 4 === 2 ? ids.petugasId : null].filter(
      (u): u is string => u !== null && allowed.has(u),
    );
    await saveJournal(instructor, s.id, {
      topic,
      unit_ids: covered.map((u) => u.id),
      instructor_ids: present,
      other_instructors: j % 5 === 3 ? 'Ibu Wahyuni (UMKM Rajut Sarangan)' : undefined,
      materials:
        covered
          .map((u) => MATERIALS[u.code ?? ''] ?? '')
          .filter(Boolean)
          .join('; ') || undefined,
      notes: unitRandom(j, 7) < 0.3 ? NOTES[j % NOTES.length] : undefined,
    });
    if (j % 3 === 0) {
      const colour = COLOURS[units.indexOf(first) % COLOURS.length] ?? COLOURS[0] ?? CREAM;
      const photos = [
        { filename: `dokumentasi-${s.day}-1.png`, content: stitchPng(160, 120, colour, CREAM) },
      ];
      if (j % 6 === 0)
        photos.push({
          filename: `dokumentasi-${s.day}-2.png`,
          content: stitchPng(160, 120, CREAM, colour, 8),
        });
      await addPhotos(instructor, s.id, { uploads: photos, maxBytes: 1024 * 1024 });
    }
    written++;
  }
  return {
    written,
    plan: held.map((s, j) => ({
      day: s.day,
      units: plan[j]?.units ?? [],
      practice: plan[j]?.practice ?? false,
    })),
  };
}

/** Assessments, once: skipped when the programme has any already. Returns how many it recorded. */
async function seedCompetencies(
  db: Db,
  programmeId: string,
  assessor: Actor,
  plan: ReadonlyArray<PlannedSession & { day: string }>,
): Promise<number> {
  // The assessor is the unit's petugas; seeding reads every unit.
  const ctx: Ctx = {
    db,
    who: { ...systemPrincipal(assessor.name), id: assessor.userId, actor: assessor },
    now: new Date(),
  };
  const m = await programmeMatrix(ctx, programmeId);
  if (m.rows.some((r) => r.record.some((u) => u.status !== 'not_started'))) return 0;
  // The day each unit was last taught (before production practice), and whether it has begun.
  const lastDay = new Map<string, string>();
  for (const p of plan) if (!p.practice) for (const u of p.units) lastDay.set(u.id, p.day);
  const marks = await marksByEnrolment({ db }, programmeId);
  const active = m.rows.filter((r) => r.status === 'active');
  // Certificates go to narapidana (a detainee's stay is too uncertain to plan a completion).
  const classes = new Map(
    (await participantsOf({ db }, { programmeId })).map((p) => [p.id, p.register_class]),
  );
  const napi = active.filter((r) => r.kind === 'inmate' && classes.get(r.id)?.startsWith('B.'));
  const pool = napi.length > 0 ? napi : active;
  const ranked = pool
    .map((r) => ({ r, rate: attendanceRate(marks.get(r.id) ?? []) }))
    .sort(
      (a, b) =>
        (b.rate.rate ?? -1) - (a.rate.rate ?? -1) ||
        b.rate.present - a.rate.present ||
        a.r.name.localeCompare(b.r.name, 'id'),
    );
  const best = new Set(ranked.slice(0, 2).map((x) => x.r.id));
  let recorded = 0;
  for (const [i, r] of active.entries()) {
    for (const [u, unit] of m.units.entries()) {
      if (!plan.some((p) => p.units.some((x) => x.id === unit.id))) continue;
      const day = lastDay.get(unit.id);
      const taught = day !== undefined;
      // One draw per participant, so progress is cumulative: RJT-02 competent only after RJT-01.
      const r0 = unitRandom(i + 11, 3);
      let status: CompetencyStatus = 'in_progress';
      if (best.has(r.id) && unit.core && taught) status = 'competent';
      else if (u === 0 && taught && r0 < 0.6) status = 'competent';
      else if (u === 1 && taught && r0 < 0.3) status = 'competent';
      else if (u === 1 && taught && r0 < 0.4) status = 'not_yet_competent';
      const verdict = status === 'competent' || status === 'not_yet_competent';
      await assessUnit(ctx, r.id, {
        unit_id: unit.id,
        status,
        ...(verdict
          ? {
              assessed_on: day && day < r.started_on ? r.started_on : day,
              evidence: status === 'competent' ? (EVIDENCE[unit.code ?? ''] ?? unit.title) : NOT_YET,
            }
          : {}),
      });
      recorded++;
    }
  }
  return recorded;
}

export async function seedDemoJournal(
  db: Db,
  ids: { unitId: string; instructor: Actor; petugasId: string | null },
  now: Date = new Date(),
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.instructor.userId) return 0;
  const { written, plan } = await seedJournals(db, programmeId, ids, now);
  return written + (await seedCompetencies(db, programmeId, ids.instructor, plan));
}
