// Demo: the PKS of Wednesday 21 January 2026 between Rutan Kelas IIB Magetan and PT. Arta Jayendra
// Perkasa for knitting training and the company's instructor (the monitoring visit: demo.monev.ts).

import type { Actor } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { act, createAgreement } from '../agreements/agreements.service.ts';
import { createInstructor, createPartner, partnerIdByName } from '../partners/partners.service.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { DEMO_PASSWORD } from './demo.accounts.ts';
import { actingAs } from './demo.ctx.ts';

export const DEMO_PARTNER = 'PT. Arta Jayendra Perkasa';

export async function seedDemoAgreements(
  db: Db,
  actor: Actor,
  ids: { unitId: string; kepalaId: string; petugasId: string },
): Promise<number> {
  if (await partnerIdByName(db, ids.unitId, DEMO_PARTNER)) return 0;
  const petugas = actingAs(db, actor, ids.petugasId);
  const partnerId = await createPartner(petugas, {
    unit_id: ids.unitId,
    type: 'company',
    legal_name: DEMO_PARTNER,
    address: 'Jl. Raya Maospati No. 17',
    city: 'Magetan',
    notes: 'Perusahaan rajut tangan (hand crochet): tas, dompet dan gantungan kunci.',
    contacts: [
      { name: 'Mandawati', position: 'Direktur' },
      { name: 'Arya Rusli', position: 'Komisaris' },
    ],
  });
  await createInstructor(petugas, partnerId, {
    username: 'instruktur.arta',
    full_name: 'Siti Aminah',
    password: DEMO_PASSWORD,
    // The demo instructor signs in with the documented password, not a one-time one.
    must_change_password: false,
  });

  const umkm = (await listProgramAksi({ db })).find((p) =>
    p.title.startsWith('Pelatihan kerja dan produksi UMKM'),
  );
  const id = await createAgreement(petugas, {
    partner_id: partnerId,
    kind: 'pks',
    title: 'Perjanjian Kerja Sama Pelatihan Merajut bagi Warga Binaan Rutan Kelas IIB Magetan',
    number_first: 'W15.PAS.17-HM.01.02-012/2026',
    number_second: '001/AJP/PKS/I/2026',
    signed_on: '2026-01-21',
    signed_place: 'Magetan',
    valid_from: '2026-01-21',
    parties: [
      {
        role: 'first',
        name: 'Rutan Kelas IIB Magetan',
        signatory_name: 'Ari Rahmanto',
        signatory_position: 'Kepala Rutan Kelas IIB Magetan',
      },
      { role: 'second', name: DEMO_PARTNER, signatory_name: 'Mandawati', signatory_position: 'Direktur' },
    ],
    program_aksi_ids: umkm ? [umkm.id] : [],
    terms: {
      scope:
        'Pelatihan merajut tangan (hand crochet) bagi warga binaan yang terpilih melalui asesmen, setiap hari Rabu di Aula Rutan, ' +
        'menghasilkan tas, dompet dan gantungan kunci bernilai ekonomi sebagai produk UMKM.',
      obligations_first: [
        'Menyediakan tempat pelatihan (Aula Rutan) setiap hari Rabu',
        'Menyeleksi warga binaan peserta melalui asesmen',
        'Menjamin keamanan dan ketertiban selama pelatihan',
        'Mencatat kehadiran dan perkembangan keterampilan peserta',
      ],
      obligations_second: [
        'Menyediakan instruktur pelatihan merajut',
        'Menyediakan benang dan bahan pelatihan',
        'Melakukan uji mutu atas hasil rajutan',
        'Membeli hasil rajutan yang lolos uji mutu dengan tarif per barang',
      ],
      materials_by: 'partner',
      pay_model: 'piece_rate',
      piece_rates: [
        { product: 'Tas rajut', unit: 'buah', rate: 35000 },
        { product: 'Dompet rajut', unit: 'buah', rate: 15000 },
        { product: 'Gantungan kunci rajut', unit: 'buah', rate: 5000 },
      ],
      // Rejects that cannot be reworked but are sound may be sold by the Rutan (its bazaar).
      rejects_saleable: true,
    },
  });
  await act(actingAs(db, actor, ids.kepalaId), id, { action: 'sign' });
  await act(petugas, id, { action: 'activate' });
  return 1;
}
