// The demo intake for "Pelatihan Merajut": 24 eligible people assessed in early January 2026, a TPP
// accepting 15 (5 waitlisted, 4 rejected) approved by the Kepala UPT, and the class of 15 inmates,
// 3 interns and 2 staff. Detainees among the accepted gave their consent before enrolment.
import type { Db } from '../../db/database.ts';
import type { Actor } from '../audit/audit.service.ts';
import { enrolPerson } from '../enrolments/enrolments.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import * as selection from '../selection/selection.service.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

const OPENED_ON = '2026-01-05';
const TPP_ON = '2026-01-12';
const START = '2026-01-21';
const all = { all: true as const };

const INTERNS = [
  { name: 'Rina Marlina', institution: 'BBPVP Semarang (Kemnaker)' },
  { name: 'Yusuf Pratama', institution: 'BBPVP Semarang (Kemnaker)' },
  { name: 'Fitri Handayani', institution: 'BPVP Surakarta (Kemnaker)' },
];
const STAFF = ['Dwi Hartono', 'Nur Aini'];
const REJECTIONS = [
  'Nilai minat dan bakat di bawah peserta lain',
  'Lebih sesuai untuk pelatihan pertukangan kayu',
  'Belum menunjukkan minat pada kerajinan tangan',
  'Nilai perilaku di bawah peserta lain',
];

/** Deterministic scores: a spread over the five criteria, highest for the first candidates. */
function scoresFor(i: number): Record<string, number> {
  const base = [5, 4, 4, 3, 3, 2][Math.floor(i / 4)] ?? 2;
  return {
    minat: Math.min(5, base + (i % 2)),
    bakat: base,
    pengalaman: Math.max(0, base - 1 + (i % 3 === 0 ? 1 : 0)),
    perilaku: Math.min(5, base + 1),
    kesehatan: 4,
  };
}

export async function seedDemoSelection(
  db: Db,
  ids: { unitId: string; petugas: Actor; kepala: Actor },
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName(db, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.kepala.userId || !ids.petugas.userId) return 0;
  if ((await selection.intakesOf(db, all, programmeId)).length > 0) return 0;
  const intakeId = await selection.openIntake(db, ids.petugas, all, programmeId, { opened_on: OPENED_ON });
  const d = await selection.intakeDetail(db, all, intakeId, OPENED_ON);
  const eligible = d.proposals.filter((p) => p.result.eligible).slice(0, 24);
  for (const [i, p] of eligible.entries()) {
    const candidateId = await selection.addCandidate(
      db,
      ids.petugas,
      all,
      intakeId,
      { inmate_id: p.id },
      OPENED_ON,
    );
    await selection.scoreCandidate(db, ids.petugas, all, { intakeId, candidateId }, scoresFor(i));
  }
  const ranked = (await selection.intakeDetail(db, all, intakeId, OPENED_ON)).candidates;
  await selection.recordTpp(db, ids.petugas, all, intakeId, {
    held_on: TPP_ON,
    members: [
      'Ari Rahmanto (Kepala Rutan)',
      'Kepala KPLP',
      'Kasubsi Pelayanan Tahanan',
      'Wali Pemasyarakatan',
    ],
    notes: 'Sidang TPP seleksi peserta Pelatihan Merajut angkatan I.',
    decisions: ranked.map((c, i) =>
      i < 15
        ? { candidate_id: c.id, decision: 'accepted' as const }
        : i < 20
          ? {
              candidate_id: c.id,
              decision: 'waitlisted' as const,
              reason: 'Kuota angkatan I penuh; prioritas angkatan II',
            }
          : {
              candidate_id: c.id,
              decision: 'rejected' as const,
              reason: REJECTIONS[i % REJECTIONS.length] ?? 'Nilai di bawah peserta lain',
            },
    ),
  });
  await selection.approveTpp(db, ids.kepala, all, intakeId);
  let created = 1 + ranked.length;
  for (const c of ranked.slice(0, 15)) {
    if (c.category === 'tahanan')
      await selection.recordConsent(
        db,
        ids.petugas,
        all,
        { intakeId, candidateId: c.id },
        { note: 'Bersedia mengikuti pelatihan atas kemauan sendiri; disampaikan di hadapan wali.' },
      );
    await selection.enrolCandidate(
      db,
      ids.petugas,
      all,
      { intakeId, candidateId: c.id },
      { started_on: START },
    );
    created++;
  }
  for (const p of INTERNS) {
    await enrolPerson(db, ids.petugas, all, programmeId, {
      kind: 'intern',
      name: p.name,
      institution: p.institution,
      period_from: '2026-01-19',
      period_to: '2026-04-17',
      started_on: START,
    });
    created++;
  }
  for (const name of STAFF) {
    await enrolPerson(db, ids.petugas, all, programmeId, { kind: 'staff', name, started_on: START });
    created++;
  }
  return created;
}
