// The demo intake for "Pelatihan Merajut": 24 eligible people assessed in early January 2026, a TPP
// accepting 15 (5 waitlisted, 4 rejected) approved by the Kepala UPT, and the class of 15 inmates,
// 3 interns and 2 staff. Detainees among the accepted gave their consent before enrolment. The TPP is
// chaired by the Kasubsi Pelayanan Tahanan with the KPR, walis and the clinic; the Kepala Rutan
// approves its recommendation and is not a member. Magang Nasional interns are placed for 6 months.

import { type Actor, actingAs, type Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { changeEnrolmentStatus, enrolPerson, listEnrolments } from '../enrolments/enrolments.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import * as selection from '../selection/selection.service.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

const OPENED_ON = '2026-01-05';
const TPP_ON = '2026-01-12';
const START = '2026-01-21';
/** The demo's staff at work: the system in their name (national scope), audited as them. */
const as = (db: Db, actor: Actor): Ctx => ({ db, who: actingAs(actor), now: new Date() });

const INTERNS = [
  { name: 'Rina Marlina', institution: 'Magang Nasional Kemnaker (lulusan Universitas Negeri Malang)' },
  { name: 'Yusuf Pratama', institution: 'Magang Nasional Kemnaker (lulusan Politeknik Negeri Madiun)' },
  { name: 'Fitri Handayani', institution: 'Magang Nasional Kemnaker (lulusan Universitas PGRI Madiun)' },
];
/** Magang Nasional: six months at the placement. */
export const INTERN_PERIOD = { from: '2026-01-19', to: '2026-07-18' } as const;
/** The TPP of a Rutan: no Kepala (he approves its recommendation); the KPR, as a Rutan has no KPLP. */
export const TPP_MEMBERS = [
  'Kasubsi Pelayanan Tahanan (ketua)',
  'Petugas Pembinaan Kemandirian (sekretaris)',
  'Kepala Pengamanan Rutan (KPR)',
  'Wali Pemasyarakatan Blok A',
  'Wali Pemasyarakatan Blok B-D',
  'Dokter Klinik Rutan',
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
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.kepala.userId || !ids.petugas.userId) return 0;
  const petugas = as(db, ids.petugas);
  if ((await selection.intakesOf(petugas, programmeId)).length > 0) return 0;
  const intakeId = await selection.openIntake(petugas, programmeId, { opened_on: OPENED_ON });
  const d = await selection.intakeDetail(petugas, intakeId, OPENED_ON);
  const eligible = d.proposals.filter((p) => p.result.eligible).slice(0, 24);
  for (const [i, p] of eligible.entries()) {
    const candidateId = await selection.addCandidate(petugas, intakeId, { inmate_id: p.id }, OPENED_ON);
    await selection.scoreCandidate(petugas, { intakeId, candidateId }, scoresFor(i));
  }
  const ranked = (await selection.intakeDetail(petugas, intakeId, OPENED_ON)).candidates;
  await selection.recordTpp(petugas, intakeId, {
    held_on: TPP_ON,
    members: [...TPP_MEMBERS],
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
  await selection.approveTpp(as(db, ids.kepala), intakeId);
  let created = 1 + ranked.length;
  for (const c of ranked.slice(0, 15)) {
    if (c.category === 'tahanan')
      await selection.recordConsent(
        petugas,
        { intakeId, candidateId: c.id },
        { note: 'Bersedia mengikuti pelatihan atas kemauan sendiri; disampaikan di hadapan wali.' },
      );
    await selection.enrolCandidate(petugas, { intakeId, candidateId: c.id }, { started_on: START });
    created++;
  }
  for (const p of INTERNS) {
    await enrolPerson(petugas, programmeId, {
      kind: 'intern',
      name: p.name,
      institution: p.institution,
      period_from: INTERN_PERIOD.from,
      period_to: INTERN_PERIOD.to,
      started_on: START,
    });
    created++;
  }
  for (const name of STAFF) {
    await enrolPerson(petugas, programmeId, { kind: 'staff', name, started_on: START });
    created++;
  }
  return created;
}

/** When their six months end, the interns' places end too (completed), on the period's last day. */
export async function endDemoInternships(
  db: Db,
  ids: { unitId: string; petugas: Actor; today: string },
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.petugas.userId) return 0;
  const petugas = as(db, ids.petugas);
  let ended = 0;
  for (const e of await listEnrolments(petugas, programmeId)) {
    if (e.kind !== 'intern' || e.status !== 'active' || !e.period_to || e.period_to >= ids.today) continue;
    await changeEnrolmentStatus(petugas, e.id, {
      status: 'completed',
      note: 'Masa Magang Nasional selesai',
      on_date: e.period_to,
    });
    ended++;
  }
  return ended;
}
