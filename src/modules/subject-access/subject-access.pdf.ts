// The data-subject export as a PDF: the unit's letterhead, the register record (NIK masked), then
// every section with each row as "field: value" lines. An Indonesian document: always Indonesian.
// `subjectLines` is what is printed, as text, so a test can read it.
import { formatDateTime, formatRupiah } from '../../app/format.ts';
import {
  documentTitle,
  drawLetterhead,
  FONT,
  facts,
  footers,
  heading,
  type LetterheadUnit,
  letterheadOf,
  newDocument,
  toBuffer,
} from '../../app/pdf.ts';
import type { TimeZone } from '../../db/schema.ts';
import { dateOnly } from '../cv/cv.sheet.ts';
import type { SectionKey, SubjectData } from './subject-access.service.ts';

export const SECTION_TITLES: Record<SectionKey, string> = {
  statusHistory: 'Riwayat status',
  expiryChanges: 'Riwayat perubahan tanggal ekspirasi',
  registerF: 'Register F',
  candidacies: 'Pencalonan peserta program dan persetujuannya',
  enrolments: 'Keikutsertaan dalam program',
  attendance: 'Daftar kehadiran',
  competencies: 'Penilaian kompetensi',
  certificates: 'Sertifikat',
  production: 'Catatan produksi',
  qualityChecks: 'Uji mutu',
  premiLines: 'Rincian premi',
  premiBalance: 'Saldo premi',
  premiWithdrawals: 'Penarikan premi',
  premiPayouts: 'Pembayaran premi saat bebas',
  reintegrationCase: 'Persiapan reintegrasi',
  checklist: 'Daftar periksa kesiapan',
  consents: 'Persetujuan (berbagi CV, tindak lanjut)',
  applications: 'Lamaran kerja',
  businessPlan: 'Rencana usaha (UMKM)',
  assistance: 'Bantuan usaha',
  followUps: 'Tindak lanjut setelah bebas',
  accessLog: 'Log akses data',
};

const FIELD: Record<string, string> = {
  reg_number: 'Nomor registrasi',
  register_class: 'Golongan register',
  name: 'Nama',
  nik_masked: 'NIK (disamarkan)',
  gender: 'Jenis kelamin',
  birth_date: 'Tanggal lahir',
  entry_date: 'Tanggal masuk',
  expected_release_date: 'Tanggal ekspirasi',
  block: 'Blok',
  room: 'Kamar',
  education: 'Pendidikan',
  skills: 'Keterampilan',
  interests: 'Minat',
  risk_level: 'Tingkat risiko',
  health_restriction: 'Batasan kesehatan',
  status: 'Status',
  unit_name: 'Unit',
  pseudonymised_at: 'Dipseudonimkan',
  created_at: 'Dicatat',
  on_date: 'Tanggal',
  reason: 'Alasan',
  kind: 'Jenis',
  previous_expiry: 'Ekspirasi sebelumnya',
  new_expiry: 'Ekspirasi baru',
  reference: 'Nomor',
  authority: 'Pejabat',
  order_date: 'Tanggal keputusan',
  basis: 'Dasar',
  violation: 'Pelanggaran',
  sanction: 'Sanksi',
  programme_name: 'Program',
  opened_on: 'Dibuka',
  total: 'Jumlah',
  decision: 'Keputusan',
  decision_reason: 'Alasan keputusan',
  consent_recorded_at: 'Persetujuan dicatat',
  consent_note: 'Catatan persetujuan',
  consent_withdrawn_at: 'Persetujuan ditarik',
  skill_area: 'Bidang',
  name_on_enrolment: 'Nama pada pendaftaran',
  end_reason: 'Alasan berakhir',
  status_note: 'Catatan',
  started_on: 'Mulai',
  ended_on: 'Berakhir',
  day: 'Tanggal',
  note: 'Catatan',
  session_status: 'Status sesi',
  code: 'Kode',
  title: 'Unit kompetensi',
  assessed_on: 'Dinilai',
  evidence: 'Bukti',
  number: 'Nomor',
  holder_name: 'Nama pemegang',
  issued_on: 'Terbit',
  hours: 'Jam',
  attendance_rate: 'Kehadiran (%)',
  revoked_reason: 'Alasan pencabutan',
  product_name: 'Produk',
  finished: 'Jadi',
  in_progress: 'Dalam pengerjaan',
  sent_on: 'Dikirim',
  checked_on: 'Diperiksa',
  submitted: 'Diajukan',
  passed: 'Lolos',
  month: 'Bulan',
  items_passed: 'Barang lolos',
  items_own: 'Barang sendiri',
  sessions: 'Sesi',
  saved: 'Tabungan',
  spendable: 'Dapat dibelanjakan',
  amount: 'Jumlah',
  purpose: 'Keperluan',
  recipient: 'Penerima',
  paid_on: 'Dibayar',
  method: 'Cara bayar',
  integrasi_kind: 'Jenis integrasi',
  integrasi_date: 'Tanggal integrasi',
  decree_number: 'Nomor SK',
  decree_date: 'Tanggal SK',
  plan: 'Rencana',
  guarantor_name: 'Penjamin',
  guarantor_relation: 'Hubungan',
  guarantor_phone: 'Telepon penjamin',
  address_after_release: 'Alamat setelah bebas',
  bank_name: 'Bank',
  bank_account: 'Nomor rekening',
  bapas_name: 'Bapas',
  pk_name: 'Pembimbing kemasyarakatan',
  released_on: 'Tanggal bebas',
  release_kind: 'Jenis pembebasan',
  label: 'Butir',
  due_on: 'Tenggat',
  done_on: 'Selesai',
  given_on: 'Diberikan',
  withdrawn_on: 'Ditarik',
  position: 'Posisi',
  employer: 'Pemberi kerja',
  place: 'Tempat',
  applied_on: 'Diajukan',
  status_on: 'Tanggal status',
  history: 'Riwayat',
  business_name: 'Nama usaha',
  trade: 'Bidang usaha',
  description: 'Uraian',
  location: 'Lokasi',
  capital_needed: 'Modal yang dibutuhkan',
  products: 'Produk yang dipelajari',
  item: 'Barang',
  value: 'Nilai',
  giver: 'Pemberi',
  month_no: 'Bulan ke-',
  contacted_on: 'Dihubungi',
  contact_lost: 'Kontak hilang',
  work_status: 'Pekerjaan',
  income_band: 'Penghasilan',
  in_trade: 'Masih di bidangnya',
  reoffended: 'Mengulangi tindak pidana',
  by_bapas: 'Dicatat Bapas',
  at: 'Waktu',
  viewer_name: 'Pengguna',
  channel: 'Saluran',
  source: 'Halaman',
};

/** Money columns print as rupiah. */
const MONEY = new Set(['total', 'saved', 'spendable', 'amount', 'capital_needed', 'value']);
/** Internal ids and the zone are not the person's data; the register's ids stay out of the print. */
const SKIP = new Set(['id', 'unit_id']);

function show(key: string, v: unknown, zone: TimeZone): string {
  if (v === null || v === undefined || v === '') return '—';
  if (v instanceof Date) return formatDateTime(v, zone, 'id');
  if (typeof v === 'boolean') return v ? 'Ya' : 'Tidak';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (MONEY.has(key) && /^-?\d+$/.test(s)) return formatRupiah(Number(s));
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return dateOnly(s);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return formatDateTime(new Date(s), zone, 'id');
  return s;
}

function line(row: Record<string, unknown>, zone: TimeZone): string {
  return Object.entries(row)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${FIELD[k] ?? k}: ${show(k, v, zone)}`)
    .join(' · ');
}

export interface SubjectLines {
  register: Array<[string, string]>;
  summary: string;
  sections: Array<{ title: string; lines: string[] }>;
}

/** What the PDF prints, as text. */
export function subjectLines(d: SubjectData): SubjectLines {
  const register = Object.entries(d.register)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => [FIELD[k] ?? k, show(k, v, d.zone)] as [string, string]);
  const s = d.attendanceSummary;
  const summary =
    s.rate === null
      ? 'Belum ada sesi yang tercatat.'
      : `Hadir ${s.present}, tidak hadir ${s.absent}, dispensasi ${s.dispensed}; tingkat kehadiran ${String(s.rate).replace('.', ',')}%.`;
  const sections = (Object.keys(SECTION_TITLES) as SectionKey[]).map((k) => ({
    title: SECTION_TITLES[k],
    lines: (d.sections[k] as ReadonlyArray<Record<string, unknown>>).map((r) => line(r, d.zone)),
  }));
  return { register, summary, sections };
}

export async function subjectPdf(d: SubjectData, unit: LetterheadUnit): Promise<Buffer> {
  const text = subjectLines(d);
  const doc = await newDocument({ title: 'Salinan data pribadi', author: unit.name });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawLetterhead(doc, letterheadOf(unit));
  documentTitle(
    doc,
    'SALINAN DATA PRIBADI',
    14,
    `Disusun ${formatDateTime(d.generated_at, d.zone, 'id')} oleh ${d.generated_by} atas permintaan yang sah (UU 27/2022)`,
  );
  heading(doc, 'Data register');
  facts(doc, text.register);
  heading(doc, 'Ringkasan kehadiran');
  doc.text(text.summary, left, doc.y, { width });
  for (const s of text.sections) {
    heading(doc, `${s.title} (${s.lines.length})`);
    if (s.lines.length === 0) doc.text('Tidak ada data.', left, doc.y, { width });
    doc.fontSize(8.5);
    for (const l of s.lines) doc.text(`• ${l}`, left, doc.y, { width });
    doc.font(FONT.regular).fontSize(10);
  }
  footers(doc, (page, total) => `Salinan data pribadi · halaman ${page} dari ${total}`);
  return toBuffer(doc);
}
