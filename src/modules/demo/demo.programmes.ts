// Demo: the knitting class of the story. "Pelatihan Merajut" at Rutan Kelas IIB Magetan with PT.
// Arta Jayendra Perkasa under its PKS, every Wednesday 09:00-12:00 WIB in the Aula from 21 January
// 2026, open-ended, with its sessions generated through today + 8 weeks.

import type { Ctx } from '../../app/principal.ts';
import { listAgreements } from '../agreements/agreements.service.ts';
import { seedHolidays } from '../holidays/holidays.service.ts';
import { partnerIdByName } from '../partners/partners.service.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { createProgramme, programmeIdByName } from '../programmes/programmes.service.ts';
import { addSchedule, generateSessions } from '../programmes/sessions.service.ts';
import { DEMO_PARTNER } from './demo.agreements.ts';

export const DEMO_PROGRAMME = 'Pelatihan Merajut';

const CURRICULUM = [
  { code: 'RJT-01', title: 'Mengenal benang, hakpen dan tusuk dasar', target_hours: 6 },
  { code: 'RJT-02', title: 'Tusuk rantai (chain) dan tusuk tunggal (single crochet)', target_hours: 12 },
  { code: 'RJT-03', title: 'Membaca dan membuat pola tas rajut', target_hours: 18 },
  { code: 'RJT-04', title: 'Dompet rajut', target_hours: 12 },
  { code: 'RJT-05', title: 'Gantungan kunci rajut', target_hours: 6 },
  { code: 'RJT-06', title: 'Penyelesaian (finishing) dan standar mutu produk', target_hours: 9 },
];

/** Seeds as the system (`ctx`: national scope, its audit actor), at `ctx.now`. */
export async function seedDemoProgrammes(ctx: Ctx, ids: { unitId: string; petugasId: string }) {
  // Sessions skip holidays, so the national calendar must be there first (it only fills an empty one).
  await seedHolidays(ctx);
  let created = 0;
  let id = await programmeIdByName(ctx, ids.unitId, DEMO_PROGRAMME);
  if (!id) {
    const partnerId = await partnerIdByName(ctx.db, ids.unitId, DEMO_PARTNER);
    const pks = partnerId
      ? (await listAgreements(ctx, { partnerId, page: 1 })).rows.find((a) => a.kind === 'pks')
      : undefined;
    const umkm = (await listProgramAksi(ctx)).find((p) =>
      p.title.startsWith('Pelatihan kerja dan produksi UMKM'),
    );
    id = await createProgramme(ctx, {
      unit_id: ids.unitId,
      name: DEMO_PROGRAMME,
      kind: 'training',
      skill_area: 'Rajut tangan (hand crochet): tas, dompet, gantungan kunci',
      partner_id: partnerId,
      agreement_id: pks?.id,
      location: 'Aula Rutan',
      capacity: 20,
      status: 'running',
      program_aksi_ids: umkm ? [umkm.id] : [],
      eligibility: {
        // Two months: the court stage of a detainee (A.III, up to 90 days) can still take part.
        min_remaining_months: 2,
        no_register_f_months: 6,
        risk_levels: ['rendah', 'sedang'],
        allow_health_restriction: true,
      },
      curriculum: CURRICULUM,
    });
    const r = await addSchedule(ctx, id, {
      weekdays: [3],
      every_n_weeks: 1,
      starts_on: '2026-01-21',
      start_time: '09:00',
      end_time: '12:00',
      skip_holidays: true,
    });
    created += 2 + r.created;
  }
  // On later starts the window moves on: top it up like the daily job does.
  return created + (await generateSessions(ctx, { programmeId: id }));
}
