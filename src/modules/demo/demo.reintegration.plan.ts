// Demo (issue 16): what happens to the knitting class after release, as pure dates. The people are
// chosen from the data (the register decides who left and when); this file only says, from each
// person's release day or the seed's today, when their consents, applications, help and follow-ups
// fall. No I/O: demo.reintegration.ts writes it through the services, and the test checks the rules.
import { addDays } from '../programmes/schedule.rules.ts';
import { addMonths } from './demo.register.ts';

/** The Bapas that supervises people from Magetan (its area: Kota and Kabupaten Madiun, Magetan, Ngawi, Ponorogo, Pacitan). */
export const DEMO_BAPAS = {
  kanwil: 'JATIM',
  code: 'BAPAS-MDN',
  type: 'bapas',
  class: 'II',
  name: 'Bapas Kelas II Madiun',
  city: 'Madiun',
  timezone: 'Asia/Jakarta',
} as const;

/** The probation officer (PK) of the Bapas: sees only the people whose case names him. */
export const DEMO_BAPAS_ACCOUNT = {
  username: 'pk.madiun',
  full_name: 'Galih Setyawan',
  nip: '199107122015031002',
  position: 'Pembimbing Kemasyarakatan Ahli Pertama, Bapas Kelas II Madiun',
  roles: ['pembimbing_kemasyarakatan'],
} as const;

/** A released participant's release must be at least this many months before the seed's today. */
export const RELEASED_MONTHS_AGO = 4;

/** The three released participants' stories, in release order. */
export const RELEASED_STORIES = ['hired', 'business', 'lost'] as const;
export type ReleasedStory = (typeof RELEASED_STORIES)[number];

export interface FollowUpPlan {
  month_no: 1 | 3;
  /** Days after the due day (release + N months) the call is made. */
  late: number;
  contact_lost?: boolean;
  work_status?: 'employed' | 'own_business' | 'not_working';
  income_band?: 'none' | 'lt_1m' | '1m_3m';
  in_trade?: boolean;
  note: string;
}

export const FOLLOW_UPS: Record<ReleasedStory, readonly FollowUpPlan[]> = {
  hired: [
    {
      month_no: 1,
      late: 3,
      work_status: 'employed',
      income_band: '1m_3m',
      in_trade: true,
      note: 'Bekerja di rumah sebagai perajut PT. Arta Jayendra Perkasa; menyetor tas dan dompet rajut setiap minggu.',
    },
    {
      month_no: 3,
      late: 2,
      work_status: 'employed',
      income_band: '1m_3m',
      in_trade: true,
      note: 'Masih bekerja sebagai perajut rumahan; sekarang juga mengerjakan pesanan tas motif baru.',
    },
  ],
  business: [
    {
      month_no: 1,
      late: 2,
      work_status: 'own_business',
      income_band: 'lt_1m',
      in_trade: true,
      note: 'Mulai menjual gantungan kunci dan dompet rajut di pasar dan kepada tetangga.',
    },
    {
      month_no: 3,
      late: 3,
      work_status: 'own_business',
      income_band: '1m_3m',
      in_trade: true,
      note: 'Menitipkan tas rajut di kios oleh-oleh Telaga Sarangan; menerima pesanan lewat WhatsApp.',
    },
  ],
  lost: [
    {
      month_no: 1,
      late: 3,
      work_status: 'not_working',
      income_band: 'none',
      in_trade: false,
      note: 'Membantu orang tua di sawah; belum merajut lagi. Disarankan mendaftar lowongan perajut rumahan.',
    },
    {
      month_no: 3,
      late: 1,
      contact_lost: true,
      note: 'Nomor telepon tidak aktif; penjamin tidak mengetahui keberadaannya sejak bulan lalu.',
    },
  ],
};

/** A released person's days, from their release day `r`. */
export function releasedDays(r: string) {
  return {
    /** Both consents, given at the pre-release interview. */
    consentOn: addDays(r, -35),
    checklistDoneOn: addDays(r, -10),
    /** The job offer's window (the hired one's). */
    offerOpens: addDays(r, -45),
    offerCloses: addDays(r, 45),
    appliedOn: addDays(r, -21),
    interviewOn: addDays(r, -14),
    hiredOn: addDays(r, 1),
    /** The business plan is written before release; the starter kit is handed over on the day. */
    starterKitOn: r,
    followUpOn: (f: FollowUpPlan) => addDays(addMonths(r, f.month_no), f.late),
  };
}

/**
 * The participants still inside with a release ahead, nearest first: the first gets a PB within 30
 * days (supervised by the PK), the second a CMB within 90 days, the third a PB within 90 days.
 * Each only when it fits the rules: PB after two thirds of the sentence, CMB within its last six
 * months, always before the tanggal ekspirasi.
 */
export const PIPELINE = [
  { kind: 'PB', inDays: 21, decree: 'PAS-2417.PK.05.09 Tahun 2026', decreeDaysAgo: 12, pk: true },
  { kind: 'CMB', inDays: 60, decree: 'PAS-2563.PK.05.10 Tahun 2026', decreeDaysAgo: 6, pk: false },
  { kind: 'PB', inDays: 80, decree: 'PAS-2598.PK.05.09 Tahun 2026', decreeDaysAgo: 3, pk: false },
] as const;

/** Whether an integrasi on `day` fits the person's sentence (entry to tanggal ekspirasi). */
export function integrasiFits(
  kind: 'PB' | 'CB' | 'CMB',
  day: string,
  entry: string,
  expiry: string,
): boolean {
  if (day >= expiry || day <= entry) return false;
  const span = Date.parse(expiry) - Date.parse(entry);
  if (kind === 'PB') return (Date.parse(day) - Date.parse(entry)) / span >= 2 / 3;
  if (kind === 'CMB') return addMonths(expiry, -6) <= day;
  return true;
}
