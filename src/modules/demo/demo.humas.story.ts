// What Humas Rutan Magetan wrote for the public site in the demo: the signing of 21 January 2026 told
// afresh (the facts of the original story, none of its sentences), the first certificates (counts
// only, nobody named), and the gallery's blurbs. The Kepala UPT is quoted by title, never by name.
import { formatDay, formatNumber } from '../../app/format.ts';
import { DEMO_PARTNER } from './demo.agreements.ts';
import { DEMO_PRODUCTS } from './demo.production.ts';

export interface DemoStory {
  title: string;
  dateline: string;
  lead: string;
  bodyHtml: string;
  quote: string;
  quoteBy: string;
}

export const SIGNING_DAY = '2026-01-21';
/** The gallery opened two weeks after the Hari Bakti bazaar. */
export const GALLERY_DAY = '2026-05-11';
export const KEPALA_TITLE = 'Kepala Rutan Kelas IIB Magetan';

export const SIGNING_STORY: DemoStory = {
  // Short enough for a readable address (the slug is the day and the title's words).
  title: `Rutan Magetan dan ${DEMO_PARTNER} Teken PKS Pelatihan Merajut`,
  dateline: 'Magetan –',
  lead:
    `Rutan Kelas IIB Magetan dan ${DEMO_PARTNER} menandatangani perjanjian kerja sama (PKS) pelatihan ` +
    'merajut pada Rabu, 21 Januari 2026, di Aula Rutan. Pada hari yang sama, lima belas warga binaan ' +
    'yang lolos asesmen langsung duduk di kelas pertama.',
  bodyHtml: [
    `<p>Naskah kerja sama ditandatangani oleh ${KEPALA_TITLE} atas nama Rutan dan oleh Mandawati, ` +
      `Direktur ${DEMO_PARTNER}, atas nama perusahaan. Penandatanganan disaksikan Komisaris perusahaan, ` +
      'Arya Rusli, jajaran petugas Rutan serta peserta Magang Nasional Kementerian Ketenagakerjaan yang ' +
      'bertugas di Rutan.</p>',
    '<p>Pelatihan ini termasuk program pembinaan kemandirian dan menjadi salah satu cara Rutan Magetan ' +
      'menjalankan Program Aksi Kemenimipas tahun 2026. Perusahaan mendatangkan instruktur dan menanggung ' +
      'benang, sementara Rutan menyiapkan ruangan, memilih peserta dan mencatat kemajuan keterampilan ' +
      'mereka.</p>',
    '<p>Kelas berlangsung <strong>setiap hari Rabu</strong> di Aula Rutan dan tidak dibatasi tanggal ' +
      'berakhirnya. Peserta memulai dari dasar, yakni memegang hakpen dan membuat simpul awal, lalu ' +
      'bertahap menuju tas, dompet dan gantungan kunci rajut. Petugas Rutan dan para peserta magang ikut ' +
      'berlatih di samping warga binaan.</p>',
    '<p>Rajutan yang lulus pemeriksaan mutu dibeli perusahaan dengan tarif per buah. Dengan begitu, ' +
      'keterampilan yang dipelajari di aula sekaligus menjadi produk UMKM yang laku dijual, dan menjadi ' +
      'bekal bagi warga binaan untuk bekerja atau berwirausaha ketika kembali hidup di tengah ' +
      'masyarakat.</p>',
  ].join(''),
  quote:
    'Pembinaan tidak mungkin kami jalankan sendirian. Dengan hadirnya mitra, warga binaan yang lolos ' +
    'asesmen mendapat kesempatan menguasai keahlian yang nyata, yang hasilnya bisa dijual dan kelak ' +
    'menjadi mata pencaharian.',
  quoteBy: KEPALA_TITLE,
};

const WORDS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
/** A count as a news item writes it: words up to nine ("dua"), digits from ten ("12"). */
export function countWord(n: number): string {
  return WORDS[n] ?? formatNumber(n);
}

/** The first certificates: how many, on which day, after how many sessions; nobody named. */
export function certificatesStory(v: { count: number; day: string; sessions: number }): DemoStory {
  const n = countWord(v.count);
  return {
    title: `${n.charAt(0).toUpperCase()}${n.slice(1)} Warga Binaan Rutan Magetan Terima Sertifikat Pelatihan Merajut`,
    dateline: 'Magetan –',
    lead:
      `Sebanyak ${n} warga binaan peserta pelatihan merajut Rutan Kelas IIB Magetan menerima sertifikat ` +
      `pelatihan pada ${formatDay(v.day)}. Mereka menjadi lulusan pertama kelas yang dibuka bersama ` +
      `${DEMO_PARTNER} pada Januari 2026.`,
    bodyHtml: [
      `<p>Sertifikat diberikan kepada peserta yang hadir sesuai ketentuan dan dinyatakan kompeten pada ` +
        `seluruh unit kompetensi inti, mulai dari teknik dasar tusukan hingga pembuatan tas, dompet dan ` +
        `gantungan kunci serta penyelesaian dan pengemasan produk. Sampai hari itu kelas telah berjalan ` +
        `${formatNumber(v.sessions)} kali pertemuan, setiap Rabu di Aula Rutan.</p>`,
      '<p>Setiap sertifikat memuat kode QR sehingga calon pemberi kerja dapat memeriksa keasliannya. ' +
        'Peserta lain masih terus berlatih dan akan dinilai instruktur ketika mereka siap.</p>',
    ].join(''),
    quote:
      'Sertifikat ini bukti bahwa ketekunan setiap Rabu membuahkan hasil. Kami berharap keahlian ini ' +
      'menjadi modal untuk bekerja setelah bebas.',
    quoteBy: KEPALA_TITLE,
  };
}

/** Why the Kepala UPT sent the bazaar item back to Humas. */
export const BAZAAR_RETURN_NOTE =
  'Wajah seorang pengunjung bazar masih jelas terlihat di foto. Mohon ganti fotonya atau catat persetujuan ' +
  'yang bersangkutan sebelum diajukan lagi.';

/** The gallery's words for each knitting product (the product's own name and price come from its record). */
export const GALLERY_BLURBS: Record<string, string> = {
  [DEMO_PRODUCTS.bag]:
    'Tas jinjing yang dirajut tangan dari benang katun, kuat untuk belanja harian. Setiap tas dikerjakan ' +
    'dalam dua kali pertemuan kelas dan diperiksa mutunya sebelum dijual.',
  [DEMO_PRODUCTS.wallet]: 'Dompet rajut berukuran saku dengan ritsleting, pas untuk uang, kartu dan kunci.',
  [DEMO_PRODUCTS.keyRing]:
    'Gantungan kunci rajut bermotif bunga dan karakter kecil; cocok untuk oleh-oleh khas Magetan.',
  [DEMO_PRODUCTS.coaster]:
    'Tatakan gelas rajut dari sisa benang produksi, sehingga tidak ada benang yang terbuang.',
  [DEMO_PRODUCTS.brooch]: 'Bros bunga rajut untuk hijab, tas atau kerah baju, aneka warna.',
};

/** Invented members of the public who asked for products through the gallery's order form. */
export const DEMO_BUYERS = {
  confirmed: { name: 'Rina Kartikasari', whatsapp: '081233445566' },
  pending: { name: 'Yoga Pratama', whatsapp: '085711223344' },
  declined: { name: 'Lilis Handayani', whatsapp: '082199887766' },
} as const;

/** Why the petugas declined the inquiry from Bali. */
export const DECLINE_REASON =
  'Mohon maaf, saat ini pesanan hanya dapat diambil di Rutan atau diantar di wilayah Kabupaten Magetan; ' +
  'pengiriman lewat ekspedisi belum kami layani.';

/** Words of `text` (letters and digits only, lower case) for comparing runs of words. */
export function wordsOf(text: string): string[] {
  return (
    text
      .replace(/<[^>]+>/g, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The first run of `n` words of `text` that also occurs in `source`, or null. */
export function sharedRun(text: string, source: string, n = 8): string | null {
  const src = wordsOf(source);
  const runs = new Set<string>();
  for (let i = 0; i + n <= src.length; i++) runs.add(src.slice(i, i + n).join(' '));
  const mine = wordsOf(text);
  for (let i = 0; i + n <= mine.length; i++) {
    const run = mine.slice(i, i + n).join(' ');
    if (runs.has(run)) return run;
  }
  return null;
}
