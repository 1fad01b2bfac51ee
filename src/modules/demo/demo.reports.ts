// Demo: the monthly reports (Laporan Bulanan Pembinaan Kemandirian) through the reports service, on
// the days their people wrote, signed and read them. Rutan Magetan: February to October drafted by
// the petugas on the first working days of the next month, signed and submitted by Ari Rahmanto and
// acknowledged by the Kanwil a few days later; May was returned once with a note and acknowledged
// in its revised version; November is drafted and waits for the Kepala's signature. Madiun submitted
// October and November, Ngawi its October late, Kerobokan October and November. Once (skipped when
// the unit has any report), nothing after `now`.
import type { Actor, Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { Role, TimeZone } from '../../db/schema.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import {
  acknowledgeReport,
  draftReport,
  listReports,
  returnReport,
  reviseReport,
  setNarrative,
  submitReport,
} from '../reports/reports.service.ts';
import { staff } from './demo.ctx.ts';
import { weekdayFrom } from './demo.premi.ts';
import { atLocal } from './demo.units.seed.ts';

type Step =
  | { kind: 'draft'; on: string; narrative: string }
  | { kind: 'submit'; on: string }
  | { kind: 'acknowledge'; on: string; note?: string }
  | { kind: 'return'; on: string; note: string }
  | { kind: 'revise'; on: string; reason: string; narrative: string };

interface MonthStory {
  month: string;
  steps: Step[];
}

/** The knitting class month by month, as Sri Wahyuni wrote it. */
const MAGETAN_NARRATIVES: Record<string, string> = {
  '2026-02':
    'Kelas merajut bersama PT. Arta Jayendra Perkasa berjalan setiap Rabu di Aula Rutan. Peserta ' +
    'menyelesaikan tusuk dasar dan mulai produksi gantungan kunci sejak 4 Februari; hasil pertama ' +
    'diuji mutu oleh instruktur mitra. Tiga pemagang Magang Nasional ikut berlatih bersama peserta.',
  '2026-03':
    'Sesi 18 Maret tidak diadakan karena cuti bersama Nyepi dan Idulfitri. Peserta yang lebih ' +
    'terampil mulai membuat dompet rajut; tagihan pembelian hasil Februari sudah diterbitkan ke mitra.',
  '2026-04':
    'Sisa benang dari mitra diolah menjadi tatakan gelas dan bros untuk dijual sendiri. Pada bazar ' +
    'Hari Bakti Pemasyarakatan ke-62 (27 April) hasil rajutan dan produk sisa uji mutu terjual tunai ' +
    'dan QRIS.',
  '2026-05':
    'Sejak Mei peserta terbaik membuat tas rajut, dikerjakan dalam dua sesi. Sesi 27 Mei libur ' +
    'Iduladha. Beberapa peserta tahanan dipanggil sidang sehingga tercatat dispensasi.',
  '2026-06':
    'Monitoring dan evaluasi PKS bersama mitra dilaksanakan 24 Juni di Aula Rutan. Stock opname bahan ' +
    'semester I pada 30 Juni menemukan selisih 2 label merek, sudah disetujui Kepala Rutan.',
  '2026-07':
    'Masa magang tiga pemagang Magang Nasional berakhir 18 Juli. Produksi tas dan dompet stabil; ' +
    'instruktur mitra menekankan kerapian finishing karena beberapa barang dikembalikan untuk diperbaiki.',
  '2026-08':
    'Satu peserta dipindahkan ke Lapas Kelas I Madiun pada 12 Agustus untuk menjalani sisa pidana; ' +
    'saldo premi yang bersangkutan ikut dikirim ke Lapas Madiun. Kelas tetap berjalan tiap Rabu.',
  '2026-09':
    'Peserta yang bebas diganti tahanan dan narapidana baru yang lolos asesmen. Peserta lama membantu ' +
    'instruktur mengajari tusuk dasar kepada peserta baru.',
  '2026-10':
    'Pesanan tas rajut dari mitra meningkat menjelang akhir tahun. Penyetoran PNBP bulan sebelumnya ' +
    'sudah dilakukan melalui SIMPONI; premi peserta dibayarkan sesuai hasil uji mutu.',
  '2026-11':
    'Bulan ini kelas merajut berjalan setiap Rabu tanpa ada sesi yang batal. Peserta baru sudah lancar ' +
    'membuat gantungan kunci dan dompet, sedangkan peserta lama mengerjakan tas pesanan mitra untuk ' +
    'akhir tahun. Satu peserta tidak hadir pada dua sesi terakhir (sakit, lalu tanpa keterangan); ' +
    'wali pemasyarakatan sudah diminta memanggil yang bersangkutan.',
};

const MAGETAN_MAY_RETURN =
  'Mohon dilengkapi: narasi belum menjelaskan tindak lanjut atas barang yang tidak lolos uji mutu ' +
  'dan berapa peserta tahanan yang mendapat dispensasi sidang.';
const MAGETAN_MAY_REVISED =
  `${MAGETAN_NARRATIVES['2026-05']} Barang yang tidak lolos uji mutu karena jahitan dan ukuran ` +
  'dikembalikan ke perajin untuk diperbaiki; yang rusak dicatat dan tidak dibeli mitra. Dispensasi ' +
  'sidang diberikan kepada peserta tahanan yang dipanggil Pengadilan Negeri Magetan.';

/**
 * February to October: drafted on the first working day after the 1st, signed the next working day,
 * acknowledged two to four working days later; May returned, revised and acknowledged.
 */
function magetanMonths(): MonthStory[] {
  const months: MonthStory[] = [];
  const after = (day: string, n: number) => weekdayFrom(addDays(day, n));
  for (let m = 2; m <= 10; m++) {
    const month = `2026-${String(m).padStart(2, '0')}`;
    const drafted = after(`2026-${String(m + 1).padStart(2, '0')}-01`, 1);
    const signed = after(drafted, 1);
    const steps: Step[] = [
      { kind: 'draft', on: drafted, narrative: MAGETAN_NARRATIVES[month] ?? '' },
      { kind: 'submit', on: signed },
    ];
    if (month === '2026-05') {
      const returned = after(signed, 2);
      const revised = after(returned, 3);
      const resigned = after(revised, 1);
      steps.push(
        { kind: 'return', on: returned, note: MAGETAN_MAY_RETURN },
        {
          kind: 'revise',
          on: revised,
          reason: 'Melengkapi narasi sesuai catatan Kanwil',
          narrative: MAGETAN_MAY_REVISED,
        },
        { kind: 'submit', on: resigned },
        { kind: 'acknowledge', on: after(resigned, 2) },
      );
    } else steps.push({ kind: 'acknowledge', on: after(signed, 2 + (m % 3)) });
    months.push({ month, steps });
  }
  months.push({
    month: '2026-11',
    steps: [{ kind: 'draft', on: '2026-12-01', narrative: MAGETAN_NARRATIVES['2026-11'] ?? '' }],
  });
  return months;
}

export interface ReportUnit {
  code: string;
  zone: TimeZone;
  petugas: string;
  kepala: string;
  /** Who reads it at the Kanwil (none for a region without a demo account). */
  kanwil?: string;
  months: MonthStory[];
}

/** A month drafted by the petugas on `drafted` and signed and submitted by the Kepala on `signed`. */
const submitted = (month: string, drafted: string, signed: string, narrative: string): MonthStory => ({
  month,
  steps: [
    { kind: 'draft', on: drafted, narrative },
    { kind: 'submit', on: signed },
  ],
});

export const DEMO_REPORTS: readonly ReportUnit[] = [
  {
    code: 'RUTAN-MGT',
    zone: 'Asia/Jakarta',
    petugas: 'petugas.magetan',
    kepala: 'ari.rahmanto',
    kanwil: 'kanwil.jatim',
    months: magetanMonths(),
  },
  {
    code: 'LAPAS-MDN',
    zone: 'Asia/Jakarta',
    petugas: 'petugas.madiun',
    kepala: 'kepala.madiun',
    months: [
      submitted(
        '2026-10',
        '2026-11-02',
        '2026-11-03',
        'Kelas batik tulis (Senin) dan pertukangan kayu (Kamis) berjalan penuh. CV. Batik Pring Mas ' +
          'membeli sapu tangan, syal dan kain yang lolos uji mutu; rak buku dan talenan dipesan ' +
          'pembeli tetap. Peserta yang bebas digantikan peserta baru hasil asesmen.',
      ),
      submitted(
        '2026-11',
        '2026-12-01',
        '2026-12-01',
        'Pesanan kain batik motif Madiun meningkat menjelang akhir tahun; peserta terampil mengerjakan ' +
          'kain, peserta baru sapu tangan. Bengkel kayu melayani pesanan talenan dan rak buku. Kehadiran ' +
          'kedua kelas tetap tinggi.',
      ),
    ],
  },
  {
    code: 'LAPAS-NGW',
    zone: 'Asia/Jakarta',
    petugas: 'petugas.ngawi',
    kepala: 'kepala.ngawi',
    months: [
      submitted(
        '2026-10',
        '2026-11-09',
        '2026-11-10',
        'Laporan terlambat karena petugas pembinaan mengikuti diklat di Surabaya. Kelas menjahit ' +
          'berjalan tiap Selasa; kehadiran belum stabil dan banyak tas belanja dikembalikan mitra ' +
          'karena jahitan tali kurang kuat. Instruktur mengulang materi jahit ganda.',
      ),
    ],
  },
  {
    code: 'LAPAS-KRB',
    zone: 'Asia/Makassar',
    petugas: 'petugas.kerobokan',
    kepala: 'kepala.kerobokan',
    months: [
      submitted(
        '2026-10',
        '2026-11-02',
        '2026-11-03',
        'Kelas kerajinan perak bersama UD. Perak Celuk Sari berjalan tiap Rabu. Perak ditimbang masuk ' +
          'dan keluar setiap sesi tanpa selisih. Anting dan cincin yang lolos uji mutu dibeli mitra ' +
          'untuk toko suvenir di Ubud.',
      ),
      submitted(
        '2026-11',
        '2026-12-01',
        '2026-12-01',
        'Peserta terampil membuat liontin motif bunga jepun, yang lain anting dan cincin. Tagihan yang ' +
          'terbit awal Oktober sudah dibayar mitra melalui transfer.',
      ),
    ],
  },
];

const HOUR: Record<Step['kind'], string> = {
  draft: '09:00',
  submit: '13:30',
  acknowledge: '10:00',
  return: '10:00',
  revise: '09:30',
};

/** Writes the reports of each unit that has none yet; returns how many steps it took. */
export async function seedDemoReports(
  db: Db,
  accounts: ReadonlyMap<string, Actor>,
  unitIds: ReadonlyMap<string, string>,
  now: Date,
): Promise<number> {
  let n = 0;
  const as = (username: string | undefined, roles: Role[]) => {
    const actor = username ? accounts.get(username) : undefined;
    return actor?.userId ? staff(db, actor, roles) : undefined;
  };
  for (const u of DEMO_REPORTS) {
    const unitId = unitIds.get(u.code);
    const petugas = as(u.petugas, ['petugas']);
    const kepala = as(u.kepala, ['kepala_upt']);
    const kanwil = as(u.kanwil, ['kanwil']);
    if (!unitId || !petugas || !kepala) continue;
    if ((await listReports(petugas(now), { unitId })).rows.length > 0) continue;
    for (const m of u.months) {
      let id = '';
      for (const step of m.steps) {
        const at = atLocal(step.on, HOUR[step.kind], u.zone);
        if (at.getTime() > now.getTime()) break;
        const who = (c: ((now: Date) => Ctx) | undefined) => c?.(at);
        if (step.kind === 'draft') {
          const ctx = who(petugas);
          if (!ctx) break;
          id = (await draftReport(ctx, { unitId, month: m.month, narrative: step.narrative })).id;
        } else if (step.kind === 'submit') {
          const ctx = who(kepala);
          if (!ctx) break;
          await submitReport(ctx, { id, signedOn: step.on });
        } else if (step.kind === 'acknowledge' || step.kind === 'return') {
          const ctx = who(kanwil);
          if (!ctx) break;
          if (step.kind === 'return') await returnReport(ctx, { id, note: step.note });
          else await acknowledgeReport(ctx, { id, ...(step.note ? { note: step.note } : {}) });
        } else {
          const ctx = who(petugas);
          if (!ctx) break;
          id = (await reviseReport(ctx, { id, reason: step.reason })).id;
          await setNarrative(ctx, { id, narrative: step.narrative });
        }
        n++;
      }
    }
  }
  return n;
}
