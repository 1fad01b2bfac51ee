// Demo: the mid-year monitoring and evaluation (monev) of the knitting PKS, on Wednesday 24 June
// 2026. Its findings are read from the records on that day (sessions held and cancelled, who is still
// in the class, who left and why, the attendance rate), so the note never tells what the data does not.

import { type Actor, systemCtx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { agreementDetail, listAgreements, recordEvaluation } from '../agreements/agreements.service.ts';
import { attendanceRate } from '../attendance/attendance.rules.ts';
import { sessionsOfProgramme } from '../attendance/attendance.service.ts';
import { sessionSummary } from '../attendance-reports/attendance-reports.service.ts';
import { listEnrolments } from '../enrolments/enrolments.service.ts';
import { partnerIdByName } from '../partners/partners.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { DEMO_PARTNER } from './demo.agreements.ts';
import { actingAs } from './demo.ctx.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

export const MONEV_DAY = '2026-06-24';
const LONG = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const long = (day: string) => LONG.format(new Date(`${day}T00:00:00Z`));

/** What the records show on `day`: the facts the monev note reports. */
export async function monevFacts(db: Db, programmeId: string, day: string) {
  const sessions = (await sessionsOfProgramme({ db }, { programmeId, upTo: day })).filter((s) => s.day < day);
  const held = sessions.filter((s) => s.status === 'scheduled');
  const cancelled = sessions.filter((s) => s.status === 'cancelled').map((s) => s.day);
  const marks: Parameters<typeof attendanceRate>[0][number][] = [];
  for (const s of held)
    for (const r of (await sessionSummary(systemCtx(db), s.id)).roster) if (r.status) marks.push(r.status);
  const inmates = (await listEnrolments(systemCtx(db), programmeId)).filter((e) => e.kind === 'inmate');
  const left = inmates.filter((e) => e.ended_on !== null && e.ended_on <= day);
  return {
    held: held.length,
    cancelled,
    enrolled: inmates.length,
    still: inmates.length - left.length,
    released: left.filter((e) => e.end_reason === 'released').length,
    transferred: left.filter((e) => e.end_reason === 'transferred').length,
    rate: attendanceRate(marks).rate,
  };
}

/** Records the monev once its day has come; returns 1 when it did. */
export async function seedDemoMonev(
  db: Db,
  actor: Actor,
  ids: { unitId: string; petugasId: string; today: string },
): Promise<number> {
  if (!ids.unitId || !ids.petugasId || ids.today <= MONEV_DAY) return 0;
  const programmeId = await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME);
  const partnerId = await partnerIdByName(db, ids.unitId, DEMO_PARTNER);
  const petugas = actingAs(db, actor, ids.petugasId);
  const pks = partnerId
    ? (await listAgreements(petugas, { partnerId, page: 1 })).rows.find((a) => a.kind === 'pks')
    : undefined;
  if (!programmeId || !pks) return 0;
  if ((await agreementDetail(petugas, pks.id)).evaluations.length > 0) return 0;
  const f = await monevFacts(db, programmeId, MONEV_DAY);
  const holidays = f.cancelled.map(long).join(' dan ');
  const gone = [
    f.released > 0 ? `${f.released} bebas` : '',
    f.transferred > 0 ? `${f.transferred} dipindahkan` : '',
  ].filter(Boolean);
  await recordEvaluation(petugas, pks.id, {
    evaluated_on: MONEV_DAY,
    evaluator: 'Sri Wahyuni',
    findings:
      `Pelatihan berjalan setiap Rabu: ${f.held} sesi terlaksana sejak 21 Januari 2026` +
      (holidays ? ` (${holidays} libur nasional/cuti bersama)` : '') +
      `. ${f.still} dari ${f.enrolled} peserta warga binaan masih mengikuti pelatihan` +
      (gone.length > 0 ? `; ${gone.join(', ')} sehingga tempatnya berakhir` : '') +
      `. Tingkat kehadiran ${String(f.rate ?? 0).replace('.', ',')}% dari seluruh catatan presensi.`,
    score: 84,
    actions: [
      'Tempat yang kosong diisi dari daftar tunggu melalui sidang TPP berikutnya',
      'Mitra dan Rutan menjadwalkan uji kompetensi unit RJT-01 sampai RJT-03',
    ],
  });
  return 1;
}
