// Demo: the other units, so the Kanwil and national pages compare real figures. Lapas Kelas I
// Madiun (batik tulis with a partner, woodwork sold by the Lapas itself), Lapas Kelas IIB Ngawi (a
// sewing class begun in April) and Lapas Kelas IIA Kerobokan in Bali (silverwork, WITA). Each has
// its partner and PKS, narapidana with invented names whose register obeys the same rules as
// Magetan's (demo.register.ts), weekly sessions with their roll calls, competencies, a few
// certificates, production with the partner's checks and invoices, sales and, where the class earns
// piece rates, the monthly premi runs. Pure data here; demo.units.seed.ts writes it through the
// services. Different sizes, attendance and pass rates, so the comparisons mean something.
import type { TimeZone } from '../../db/schema.ts';
import { identity, JAVANESE, MEN, type NamePools, type Regency, WOMEN } from './demo.inmates.ts';
import {
  addMonths,
  type DemoPerson,
  generator,
  RegNumbers,
  randomDay,
  sentenced,
  served,
} from './demo.register.ts';

export interface DemoProduct {
  name: string;
  /** product_kinds.code */
  kind: string;
  route: 'partner' | 'own';
  /** The partner's piece rate (partner route) or the unit's sale price (own route). */
  rate: number;
  description: string;
  /** Items a participant present finishes at a session, on average, once the class produces. */
  perSession: number;
  /** Only for the more skilled (0 to 1: the share of the class that makes it). */
  skilled?: number;
}

export interface DemoClass {
  name: string;
  skill_area: string;
  location: string;
  capacity: number;
  /** 1 = Monday ... 5 = Friday */
  weekday: number;
  start_time: string;
  end_time: string;
  starts_on: string;
  /** Participants enrolled at the start (some more join later as others leave). */
  participants: number;
  /** The first session that produces (0-based): the first weeks are basic technique. */
  producesFrom: number;
  curriculum: ReadonlyArray<{ code: string; title: string; target_hours: number; evidence: string }>;
  products: readonly DemoProduct[];
  /** Attendance: 1 is the knitting class's pattern; above 1, more often late or absent. */
  absence: number;
  /** The partner's quality check: the share of items that pass. */
  pass: number;
  /** Sessions called off, with the reason (a holiday the national calendar does not know). */
  cancelled?: ReadonlyArray<{ day: string; reason: string }>;
  certificates: number;
}

export interface DemoUnitStory {
  code: string;
  name: string;
  kepalaName: string;
  zone: TimeZone;
  seed: number;
  regency: Regency;
  names: NamePools;
  /** One in how many is a woman (0: a men's Lapas). */
  womenOneIn: number;
  court: string;
  petugas: string;
  kepala: string;
  partner: {
    legal_name: string;
    type: 'company' | 'other';
    address: string;
    city: string;
    notes: string;
    contact: { name: string; position: string };
  };
  agreement: {
    title: string;
    number_first: string;
    number_second: string;
    signed_on: string;
    signed_place: string;
    scope: string;
    obligations_first: string[];
    obligations_second: string[];
  };
  classes: readonly DemoClass[];
  /** Premi runs are posted for each month from this one (none without it). */
  premiFrom?: string;
  /** Buyers of the unit's own products, one order a month. */
  buyers: readonly string[];
}

const BALINESE: NamePools = {
  men: ['I Wayan', 'I Made', 'I Nyoman', 'I Ketut', 'I Putu', 'I Gede', 'I Kadek', 'I Komang'],
  menFamily: ['Sudarsana', 'Artawan', 'Suardana', 'Mahendra', 'Widiana', 'Arimbawa', 'Sukadana', 'Purnawan'],
  women: ['Ni Luh', 'Ni Made', 'Ni Wayan', 'Ni Putu', 'Ni Komang'],
  womenFamily: ['Ariani', 'Sukerti', 'Suartini', 'Yuliantari', 'Sariasih'],
};
/** Kerobokan also holds people from Java and Lombok: a few Javanese names among the Balinese. */
const BALI_AND_JAVA: NamePools = {
  ...BALINESE,
  men: [...BALINESE.men, ...MEN.slice(0, 4)],
  women: [...BALINESE.women, ...WOMEN.slice(0, 2)],
};

export const DEMO_UNIT_STORIES: readonly DemoUnitStory[] = [
  {
    code: 'LAPAS-MDN',
    name: 'Lapas Kelas I Madiun',
    kepalaName: 'Heru Kristanto',
    zone: 'Asia/Jakarta',
    seed: 35190108,
    regency: { code: '3519', districts: 15 },
    names: JAVANESE,
    womenOneIn: 0,
    court: 'Pengadilan Negeri Madiun',
    petugas: 'petugas.madiun',
    kepala: 'kepala.madiun',
    partner: {
      legal_name: 'CV. Batik Pring Mas',
      type: 'company',
      address: 'Jl. Serayu No. 21',
      city: 'Madiun',
      notes:
        'Usaha batik tulis dan cap motif Madiun (pecel, porang, pring); menyalurkan ke galeri di Madiun dan Surabaya.',
      contact: { name: 'Retno Wulansari', position: 'Pemilik' },
    },
    agreement: {
      title: 'Perjanjian Kerja Sama Pelatihan dan Produksi Batik Tulis bagi Narapidana Lapas Kelas I Madiun',
      number_first: 'W15.PAS.5-HM.01.02-034/2026',
      number_second: '007/BPM/PKS/I/2026',
      signed_on: '2026-01-26',
      signed_place: 'Madiun',
      scope:
        'Pelatihan membatik tulis (mencanting, mewarna, melorod) setiap hari Senin di Bengkel Kerja Lapas, ' +
        'dan pembelian kain, syal dan sapu tangan batik yang lolos uji mutu dengan tarif per barang.',
      obligations_first: [
        'Menyediakan ruang kerja, kompor dan wajan malam di Bengkel Kerja Lapas',
        'Menyeleksi narapidana peserta dan menjamin keamanan selama pelatihan',
        'Mencatat kehadiran, produksi dan perkembangan keterampilan peserta',
      ],
      obligations_second: [
        'Menyediakan instruktur batik dan bahan (kain mori, malam, pewarna)',
        'Melakukan uji mutu hasil batik',
        'Membeli hasil yang lolos uji mutu dengan tarif per barang',
      ],
    },
    premiFrom: '2026-02',
    buyers: [
      'Koperasi Pegawai Lapas Madiun',
      'Kantor Kelurahan Kejuron',
      'SMK Negeri 1 Wonoasri',
      'Bapak Sutrisno (Perumahan Griya Asri)',
      'Masjid Al-Hidayah Taman',
    ],
    classes: [
      {
        name: 'Pelatihan Batik Tulis',
        skill_area: 'Batik tulis: kain, syal dan sapu tangan motif Madiun',
        location: 'Bengkel Kerja Lapas',
        capacity: 20,
        weekday: 1,
        start_time: '08:30',
        end_time: '11:30',
        starts_on: '2026-02-02',
        participants: 13,
        producesFrom: 3,
        absence: 0.8,
        pass: 0.9,
        certificates: 3,
        cancelled: [{ day: '2026-04-27', reason: 'Upacara Hari Bakti Pemasyarakatan ke-62' }],
        curriculum: [
          {
            code: 'BTK-01',
            title: 'Alat dan bahan batik: canting, malam, kain mori',
            target_hours: 6,
            evidence: 'Menyiapkan malam dan canting sendiri, menyebut fungsi tiap alat',
          },
          {
            code: 'BTK-02',
            title: 'Mencanting garis dan isen-isen',
            target_hours: 15,
            evidence: 'Lembar latihan isen-isen cecek dan sawut rapi tanpa tetesan',
          },
          {
            code: 'BTK-03',
            title: 'Pewarnaan colet dan celup',
            target_hours: 12,
            evidence: 'Sapu tangan dua warna, warna rata dan tidak luntur',
          },
          {
            code: 'BTK-04',
            title: 'Melorod dan penyelesaian kain',
            target_hours: 9,
            evidence: 'Kain dilorod bersih, dijahit tepi dan dilipat sesuai standar mitra',
          },
        ],
        products: [
          {
            name: 'Sapu tangan batik tulis',
            kind: 'pakaian',
            route: 'partner',
            rate: 12000,
            description: 'Sapu tangan katun 40 × 40 cm, batik tulis dua warna.',
            perSession: 1.2,
          },
          {
            name: 'Syal batik tulis',
            kind: 'pakaian',
            route: 'partner',
            rate: 35000,
            description: 'Syal rayon 180 × 45 cm, batik tulis motif pring.',
            perSession: 0.5,
            skilled: 0.6,
          },
          {
            name: 'Kain batik tulis motif Madiun',
            kind: 'pakaian',
            route: 'partner',
            rate: 120000,
            description: 'Kain katun primisima 2 m, batik tulis motif pecel dan porang.',
            perSession: 0.25,
            skilled: 0.3,
          },
        ],
      },
      {
        name: 'Pertukangan Kayu',
        skill_area: 'Mebel dan kerajinan kayu: kursi, rak, talenan',
        location: 'Bengkel Kayu Lapas',
        capacity: 12,
        weekday: 4,
        start_time: '08:00',
        end_time: '11:00',
        starts_on: '2026-03-05',
        participants: 10,
        producesFrom: 4,
        absence: 1,
        pass: 1,
        certificates: 2,
        curriculum: [
          {
            code: 'KYU-01',
            title: 'Keselamatan kerja dan perkakas tangan',
            target_hours: 6,
            evidence: 'Memakai APD, mengasah pahat dan mengatur gergaji dengan benar',
          },
          {
            code: 'KYU-02',
            title: 'Sambungan kayu: purus, lubang dan pen',
            target_hours: 15,
            evidence: 'Sambungan purus-lubang pas tanpa celah pada benda uji',
          },
          {
            code: 'KYU-03',
            title: 'Merakit mebel sederhana',
            target_hours: 15,
            evidence: 'Rak buku dua susun dirakit siku dan kokoh',
          },
          {
            code: 'KYU-04',
            title: 'Amplas dan finishing politur',
            target_hours: 9,
            evidence: 'Permukaan halus, politur rata tanpa bekas kuas',
          },
        ],
        products: [
          {
            name: 'Talenan kayu jati',
            kind: 'mebel',
            route: 'own',
            rate: 35000,
            description: 'Talenan jati 35 × 25 cm dari potongan sisa, finishing minyak food grade.',
            perSession: 0.8,
          },
          {
            name: 'Rak buku kayu',
            kind: 'mebel',
            route: 'own',
            rate: 350000,
            description: 'Rak buku dua susun kayu mahoni, finishing politur.',
            perSession: 0.1,
            skilled: 0.5,
          },
          {
            name: 'Kursi kayu jati',
            kind: 'mebel',
            route: 'own',
            rate: 450000,
            description: 'Kursi makan kayu jati dengan sandaran, dipesan satuan.',
            perSession: 0.08,
            skilled: 0.3,
          },
        ],
      },
    ],
  },
  {
    code: 'LAPAS-NGW',
    name: 'Lapas Kelas IIB Ngawi',
    kepalaName: 'Indah Permatasari',
    zone: 'Asia/Jakarta',
    seed: 35210407,
    regency: { code: '3521', districts: 19 },
    names: JAVANESE,
    womenOneIn: 0,
    court: 'Pengadilan Negeri Ngawi',
    petugas: 'petugas.ngawi',
    kepala: 'kepala.ngawi',
    partner: {
      legal_name: 'CV. Sandang Mulya',
      type: 'company',
      address: 'Jl. Raya Ngawi-Solo Km 4',
      city: 'Ngawi',
      notes: 'Konveksi kaos dan tas belanja kain untuk toko dan instansi di Ngawi dan Madiun.',
      contact: { name: 'Hartini', position: 'Direktur' },
    },
    agreement: {
      title: 'Perjanjian Kerja Sama Pelatihan Menjahit bagi Narapidana Lapas Kelas IIB Ngawi',
      number_first: 'W15.PAS.11-HM.01.02-009/2026',
      number_second: '012/SM/PKS/III/2026',
      signed_on: '2026-03-30',
      signed_place: 'Ngawi',
      scope:
        'Pelatihan menjahit dengan mesin jahit industri setiap hari Selasa di Ruang Kegiatan Kerja, ' +
        'menghasilkan tas belanja kain dan kaos yang dibeli mitra per buah setelah lolos uji mutu.',
      obligations_first: [
        'Menyediakan ruang dan listrik untuk enam mesin jahit',
        'Menyeleksi narapidana peserta dan menjamin keamanan selama pelatihan',
        'Mencatat kehadiran dan produksi peserta',
      ],
      obligations_second: [
        'Meminjamkan mesin jahit dan menyediakan kain serta benang',
        'Menyediakan instruktur menjahit',
        'Membeli hasil jahitan yang lolos uji mutu dengan tarif per barang',
      ],
    },
    buyers: ['Pengunjung layanan kunjungan'],
    classes: [
      {
        name: 'Pelatihan Menjahit',
        skill_area: 'Menjahit konveksi: tas belanja kain dan kaos',
        location: 'Ruang Kegiatan Kerja',
        capacity: 10,
        weekday: 2,
        start_time: '09:00',
        end_time: '12:00',
        starts_on: '2026-04-07',
        participants: 8,
        producesFrom: 3,
        absence: 1.7,
        pass: 0.72,
        certificates: 0,
        curriculum: [
          {
            code: 'JHT-01',
            title: 'Mengoperasikan mesin jahit industri',
            target_hours: 9,
            evidence: 'Menjahit lurus dan berbelok pada kain latihan tanpa benang putus',
          },
          {
            code: 'JHT-02',
            title: 'Menjahit tas belanja kain',
            target_hours: 12,
            evidence: 'Tas belanja dengan tali jahit ganda, ukuran sesuai pola',
          },
          {
            code: 'JHT-03',
            title: 'Menjahit kaos (obras dan kelim)',
            target_hours: 18,
            evidence: 'Kaos ukuran M, obras rapi dan kelim lurus',
          },
        ],
        products: [
          {
            name: 'Tas belanja kain',
            kind: 'tas',
            route: 'partner',
            rate: 4000,
            description: 'Tas belanja kain blacu 35 × 40 cm dengan tali jahit ganda.',
            perSession: 3,
          },
          {
            name: 'Kaos oblong',
            kind: 'pakaian',
            route: 'partner',
            rate: 6500,
            description: 'Kaos katun combed ukuran S–XL, dijahit dari potongan mitra.',
            perSession: 1.5,
            skilled: 0.5,
          },
        ],
      },
    ],
  },
  {
    code: 'LAPAS-KRB',
    name: 'Lapas Kelas IIA Kerobokan',
    kepalaName: 'I Gusti Ngurah Wirawan',
    zone: 'Asia/Makassar',
    seed: 51030204,
    regency: { code: '5103', districts: 6 },
    names: BALI_AND_JAVA,
    womenOneIn: 5,
    court: 'Pengadilan Negeri Denpasar',
    petugas: 'petugas.kerobokan',
    kepala: 'kepala.kerobokan',
    partner: {
      legal_name: 'UD. Perak Celuk Sari',
      type: 'other',
      address: 'Jl. Jagaraga, Banjar Celuk',
      city: 'Gianyar',
      notes: 'Perajin perak Celuk: cincin, liontin dan anting untuk toko suvenir di Ubud dan Kuta.',
      contact: { name: 'I Nyoman Sadia', position: 'Pemilik' },
    },
    agreement: {
      title: 'Perjanjian Kerja Sama Pelatihan Kerajinan Perak bagi Warga Binaan Lapas Kelas IIA Kerobokan',
      number_first: 'W20.PAS.3-HM.01.02-021/2026',
      number_second: '004/PCS/PKS/I/2026',
      signed_on: '2026-01-28',
      signed_place: 'Badung',
      scope:
        'Pelatihan kerajinan perak (patri, ukir dan poles) setiap hari Rabu di Bengkel Kerja Lapas, ' +
        'dengan perak dari mitra dan pembelian cincin, liontin dan anting yang lolos uji mutu.',
      obligations_first: [
        'Menyediakan bengkel kerja dan pengamanan alat patri',
        'Menyeleksi warga binaan peserta',
        'Mencatat kehadiran, produksi dan kompetensi peserta',
      ],
      obligations_second: [
        'Menyediakan instruktur dan bahan perak yang ditimbang masuk dan keluar',
        'Melakukan uji mutu hasil kerajinan',
        'Membeli hasil yang lolos uji mutu dengan tarif per barang',
      ],
    },
    premiFrom: '2026-02',
    buyers: [],
    classes: [
      {
        name: 'Pelatihan Kerajinan Perak',
        skill_area: 'Kerajinan perak Celuk: cincin, liontin, anting',
        location: 'Bengkel Kerja Lapas',
        capacity: 14,
        weekday: 3,
        start_time: '09:00',
        end_time: '12:00',
        starts_on: '2026-02-04',
        participants: 10,
        producesFrom: 4,
        absence: 1.2,
        pass: 0.82,
        certificates: 2,
        cancelled: [{ day: '2026-06-17', reason: 'Hari Raya Galungan' }],
        curriculum: [
          {
            code: 'PRK-01',
            title: 'Keselamatan kerja, alat patri dan penimbangan perak',
            target_hours: 6,
            evidence: 'Menyalakan dan mematikan alat patri dengan aman, mencatat timbangan perak',
          },
          {
            code: 'PRK-02',
            title: 'Membuat jawan dan pilin (teknik granulasi Celuk)',
            target_hours: 15,
            evidence: 'Jawan seragam dan pilin rapat pada lembar uji',
          },
          {
            code: 'PRK-03',
            title: 'Mematri dan merangkai cincin dan liontin',
            target_hours: 15,
            evidence: 'Cincin ukuran 7 dirangkai tanpa bekas patri berlebih',
          },
          {
            code: 'PRK-04',
            title: 'Menghitamkan, memoles dan penyelesaian',
            target_hours: 6,
            evidence: 'Oksidasi rata dan poles mengkilap sesuai contoh mitra',
          },
        ],
        products: [
          {
            name: 'Anting perak',
            kind: 'aksesoris',
            route: 'partner',
            rate: 20000,
            description: 'Anting perak 925 sepasang, motif jawan.',
            perSession: 1,
          },
          {
            name: 'Cincin perak',
            kind: 'aksesoris',
            route: 'partner',
            rate: 25000,
            description: 'Cincin perak 925 dengan hiasan pilin, ukuran 6–9.',
            perSession: 0.7,
            skilled: 0.6,
          },
          {
            name: 'Liontin perak',
            kind: 'aksesoris',
            route: 'partner',
            rate: 30000,
            description: 'Liontin perak 925 motif bunga jepun.',
            perSession: 0.4,
            skilled: 0.35,
          },
        ],
      },
    ],
  },
];

/** One person of a unit's register, and the class (by index) and day they join. */
export interface UnitPerson extends DemoPerson {
  joins: Array<{ cls: number; on: string }>;
}

/**
 * A unit's narapidana in the classes, the same on every call: sentenced before the class began
 * (B.I over a year, B.IIa up to a year, from the arrest), each leaving on their tanggal ekspirasi.
 * Some join later, in the place of those who left. `taken` holds names already given (Magetan's).
 */
export function unitRegister(story: DemoUnitStory, taken: Set<string>): UnitPerson[] {
  const g = generator(story.seed);
  const numbers = new RegNumbers(g);
  const people: UnitPerson[] = [];
  for (const [c, cls] of story.classes.entries()) {
    const late = Math.ceil(cls.participants / 6);
    for (let k = 0; k < cls.participants + late; k++) {
      const who = identity(g, taken, {
        pools: story.names,
        regency: story.regency,
        womenOneIn: story.womenOneIn,
      });
      // Those who join later replace the first leavers, some weeks into the class.
      const joinsOn = k < cls.participants ? cls.starts_on : addMonths(cls.starts_on, 2 + (k % 4));
      // A longer sentence for most; a few short ones leave during the year.
      const short = k % 4 === 1;
      let months = short ? g.int(7, 12) : g.int(14, 60);
      const entry = randomDay(g, '2024-03-01', '2025-09-30');
      // Still inside when they join, and sentenced by then.
      while (addMonths(entry, months) <= addMonths(joinsOn, 1)) months += 6;
      const verdict = randomDay(g, addMonths(entry, 2), addMonths(entry, 4));
      const state = sentenced(g, numbers, { entry_date: entry, gender: who.gender }, verdict, months);
      people.push({
        ...who,
        entry_date: entry,
        states: [state],
        exit: served(state),
        joins: [{ cls: c, on: [joinsOn, verdict].sort().at(-1) ?? joinsOn }],
      });
    }
  }
  return people;
}
