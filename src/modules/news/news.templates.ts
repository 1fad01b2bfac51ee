// Pure templates of the newsroom (no I/O): a recorded event's facts become a draft news item in the
// style of a unit's news (title, dateline "Magetan –", a lead telling who, what, when, where and
// why, a paragraph on the programme's purpose, and the closing signature), in Indonesian or English.
// Facts carry counts only: no inmate is ever named. The Kepala UPT's quote is never written here:
// the form leaves it empty with a prompt, and the quote line names the Kepala by title.
import { formatDay, formatNumber, formatRupiah } from '../../app/format.ts';
import type { Lang } from '../../app/i18n.ts';
import type { NewsEventKind } from '../../db/schema.ts';

export type EventKind = Exclude<NewsEventKind, 'other'>;
export const EVENT_KINDS: readonly EventKind[] = [
  'agreement',
  'programme',
  'certificates',
  'bazaar',
  'visit',
  'placement',
];

/** What the records say about one event (everything a template may use). */
export interface NewsFacts {
  kind: EventKind;
  /** The event's day, 'YYYY-MM-DD'. */
  day: string;
  unitName: string;
  /** The unit's city ("Magetan"), for the dateline; null: taken from the unit's name. */
  city: string | null;
  /** The Kepala UPT's title ("Kepala Rutan Kelas IIB Magetan"), for the quote line. */
  kepalaTitle: string;
  partner: string | null;
  agreement: {
    title: string;
    number: string | null;
    signedOn: string | null;
    place: string | null;
    /** The agreement's scope, from its terms in force. */
    scope: string | null;
  } | null;
  programme: { name: string; skillArea: string | null; location: string | null } | null;
  /** Titles of the Program Aksi the programme or agreement follows up. */
  programAksi: readonly string[];
  /**
   * How many: participants enrolled (programme), certificates issued, bazaar sales, people
   * accepted for a job (placement); 0 where it does not apply.
   */
  count: number;
  /** Bazaar: the day's takings in rupiah. */
  total?: number;
  /** Placement: the position offered. */
  position?: string | null;
}

export interface NewsDraft {
  title: string;
  dateline: string;
  lead: string;
  bodyHtml: string;
  /** Always empty: the Kepala UPT's words are asked for, never invented. */
  quote: '';
  quoteBy: string;
}

/** HTML-escaped text, for facts placed in the body. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const p = (text: string) => `<p>${esc(text)}</p>`;

/** "Magetan" from the unit's record: its city, else the last word of its name. */
export function placeName(f: Pick<NewsFacts, 'city' | 'unitName'>): string {
  const city = f.city?.replace(/^(kabupaten|kab\.|kota)\s+/i, '').trim();
  if (city) return city;
  return f.unitName.trim().split(/\s+/).at(-1) ?? f.unitName;
}

/** "Magetan –": the place the story comes from, as unit news begins. */
export function dateline(f: Pick<NewsFacts, 'city' | 'unitName'>): string {
  return `${placeName(f)} –`;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** What the partnership is about, for a title or a sentence: the programme's name, else a general word. */
function subject(f: NewsFacts, lang: Lang): string {
  if (f.programme) return f.programme.name;
  return lang === 'id' ? 'Pembinaan Kemandirian' : 'Vocational Training';
}

/** The paragraph on why: the programme's purpose from the programme and agreement records. */
function purpose(f: NewsFacts, lang: Lang): string[] {
  const out: string[] = [];
  const pr = f.programme;
  if (lang === 'id') {
    if (pr)
      out.push(
        `${pr.name} merupakan bagian dari program pembinaan kemandirian ${f.unitName}` +
          (pr.skillArea ? ` dengan bidang keterampilan ${pr.skillArea}` : '') +
          '. Program ini membekali warga binaan dengan keterampilan kerja yang dapat menjadi bekal untuk bekerja atau berwirausaha setelah kembali ke tengah masyarakat.',
      );
    if (f.agreement?.scope) out.push(`Ruang lingkup kerja sama: ${f.agreement.scope}`);
    if (f.programAksi.length)
      out.push(`Kegiatan ini merupakan tindak lanjut Program Aksi: ${f.programAksi.join('; ')}.`);
    if (!out.length)
      out.push(
        `Kegiatan ini merupakan bagian dari program pembinaan kemandirian ${f.unitName} untuk membekali warga binaan dengan keterampilan kerja.`,
      );
  } else {
    if (pr)
      out.push(
        `${pr.name} is part of the vocational programme of ${f.unitName}` +
          (pr.skillArea ? `, teaching ${pr.skillArea}` : '') +
          '. It gives inmates work skills they can use to find a job or start a business once they return to society.',
      );
    if (f.agreement?.scope) out.push(`Scope of the agreement: ${f.agreement.scope}`);
    if (f.programAksi.length)
      out.push(`The activity follows up the Action Programme: ${f.programAksi.join('; ')}.`);
    if (!out.length)
      out.push(
        `The activity is part of the vocational programme of ${f.unitName}, giving inmates work skills.`,
      );
  }
  return out;
}

interface Told {
  title: string;
  lead: string;
  more: string[];
}

function toldId(f: NewsFacts): Told {
  const day = formatDay(f.day, 'id');
  const n = formatNumber(f.count, 'id');
  const partner = f.partner ?? 'mitra';
  const at = (place: string | null | undefined) => (place ? ` di ${place}` : '');
  switch (f.kind) {
    case 'agreement': {
      const a = f.agreement;
      return {
        title: `${f.unitName} dan ${partner} Tandatangani Kerja Sama ${subject(f, 'id')}`,
        lead:
          `${f.unitName} dan ${partner} menandatangani perjanjian kerja sama${a ? ` “${a.title}”` : ''} pada ${day}` +
          `${at(a?.place)}. Kerja sama ini mendukung pembinaan kemandirian warga binaan melalui ${subject(f, 'id').toLowerCase()}.`,
        more: a?.number ? [`Perjanjian tersebut tercatat dengan nomor ${a.number}.`] : [],
      };
    }
    case 'programme':
      return {
        title: `${f.unitName} Mulai ${f.programme?.name ?? 'Pelatihan'}`,
        lead:
          `${f.unitName} memulai ${f.programme?.name ?? 'pelatihan'} bagi warga binaan pada ${day}${at(f.programme?.location)}` +
          `${f.partner ? ` bersama ${f.partner}` : ''}. ` +
          (f.count > 0 ? `Sebanyak ${n} warga binaan mengikuti pertemuan pertama. ` : '') +
          'Pelatihan ini bertujuan membekali mereka dengan keterampilan yang bernilai ekonomi.',
        more: [],
      };
    case 'certificates':
      return {
        title: `${n} Warga Binaan ${f.unitName} Terima Sertifikat ${f.programme?.name ?? 'Pelatihan'}`,
        lead:
          `Sebanyak ${n} warga binaan peserta ${f.programme?.name ?? 'pelatihan'} ${f.unitName} menerima sertifikat pada ${day}. ` +
          'Sertifikat diberikan kepada peserta yang memenuhi ketentuan kehadiran dan dinyatakan kompeten, sebagai bukti keterampilan yang dapat ditunjukkan kepada calon pemberi kerja.',
        more: ['Setiap sertifikat dapat diperiksa keasliannya melalui kode QR yang tercetak di atasnya.'],
      };
    case 'bazaar':
      return {
        title: `Bazar Produk Karya Warga Binaan ${f.unitName}`,
        lead:
          `${f.unitName} menggelar bazar produk karya warga binaan pada ${day}. ` +
          `Sebanyak ${n} transaksi penjualan tercatat dengan nilai ${formatRupiah(f.total ?? 0)}. ` +
          'Bazar ini memperkenalkan hasil pembinaan kemandirian kepada masyarakat.',
        more: [
          'Hasil penjualan dikelola sesuai ketentuan premi warga binaan dan penerimaan negara bukan pajak.',
        ],
      };
    case 'visit':
      return {
        title: `${partner} Lakukan Monitoring dan Evaluasi Kerja Sama di ${f.unitName}`,
        lead:
          `${partner} melakukan monitoring dan evaluasi pelaksanaan kerja sama${f.agreement ? ` “${f.agreement.title}”` : ''} ` +
          `di ${f.unitName} pada ${day}. Evaluasi ini memastikan pelatihan berjalan sesuai perjanjian dan terus ditingkatkan.`,
        more: [],
      };
    case 'placement':
      return {
        title: `${n} Peserta Pembinaan ${f.unitName} Diterima Bekerja di ${partner}`,
        lead:
          `Sebanyak ${n} peserta pembinaan kemandirian ${f.unitName} diterima bekerja di ${partner}` +
          `${f.position ? ` sebagai ${f.position}` : ''}, sebagaimana tercatat pada ${day}. ` +
          'Penempatan kerja ini menjadi bekal mereka untuk kembali hidup mandiri di tengah masyarakat.',
        more: [],
      };
  }
}

function toldEn(f: NewsFacts): Told {
  const day = formatDay(f.day, 'en');
  const n = formatNumber(f.count, 'en');
  const partner = f.partner ?? 'a partner';
  const at = (place: string | null | undefined) => (place ? ` in ${place}` : '');
  switch (f.kind) {
    case 'agreement': {
      const a = f.agreement;
      return {
        title: `${f.unitName} and ${partner} Sign an Agreement on ${subject(f, 'en')}`,
        lead:
          `${f.unitName} and ${partner} signed the agreement${a ? ` “${a.title}”` : ''} on ${day}${at(a?.place)}. ` +
          `The partnership supports the inmates' vocational training through ${subject(f, 'en').toLowerCase()}.`,
        more: a?.number ? [`The agreement is registered under number ${a.number}.`] : [],
      };
    }
    case 'programme':
      return {
        title: `${f.unitName} Starts ${f.programme?.name ?? 'a Training Programme'}`,
        lead:
          `${f.unitName} started ${f.programme?.name ?? 'a training programme'} for inmates on ${day}${at(f.programme?.location)}` +
          `${f.partner ? ` with ${f.partner}` : ''}. ` +
          (f.count > 0 ? `${n} inmates took part in the first session. ` : '') +
          'The training aims to give them skills of economic value.',
        more: [],
      };
    case 'certificates':
      return {
        title: `${n} Inmates of ${f.unitName} Receive ${f.programme?.name ?? 'Training'} Certificates`,
        lead:
          `${n} inmates taking part in ${f.programme?.name ?? 'the training'} at ${f.unitName} received certificates on ${day}. ` +
          'Certificates go to participants who met the attendance rule and were assessed competent, as proof of skills they can show to employers.',
        more: ['Each certificate can be checked for authenticity through the QR code printed on it.'],
      };
    case 'bazaar':
      return {
        title: `Bazaar of Products Made by Inmates of ${f.unitName}`,
        lead:
          `${f.unitName} held a bazaar of products made by inmates on ${day}. ` +
          `${n} sales were recorded, worth ${formatRupiah(f.total ?? 0)} in total. ` +
          'The bazaar shows the public what the vocational programme produces.',
        more: ["The takings are shared as the rules on inmates' premiums and non-tax state revenue require."],
      };
    case 'visit':
      return {
        title: `${partner} Monitors and Evaluates the Partnership at ${f.unitName}`,
        lead:
          `${partner} monitored and evaluated the partnership${f.agreement ? ` “${f.agreement.title}”` : ''} ` +
          `at ${f.unitName} on ${day}. The evaluation checks that the training runs as agreed and keeps improving.`,
        more: [],
      };
    case 'placement':
      return {
        title: `${n} Programme Participants of ${f.unitName} Hired by ${partner}`,
        lead:
          `${n} participants of the vocational programme of ${f.unitName} were hired by ${partner}` +
          `${f.position ? ` as ${f.position}` : ''}, as recorded on ${day}. ` +
          'The placement helps them return to an independent life in society.',
        more: [],
      };
  }
}

/** A short signature closing unit news: "(Humas Rutan Kelas IIB Magetan)". */
const signature = (f: NewsFacts, lang: Lang) =>
  lang === 'id' ? `(Humas ${f.unitName})` : `(Public Relations, ${f.unitName})`;

/**
 * The draft of a news item about the event, in the language asked: a title (at most 200
 * characters), the dateline, the lead, and the body (facts, the programme's purpose, signature) as
 * HTML with every fact escaped. The quote is left empty; `quoteBy` is the Kepala UPT's title.
 */
export function draftFromFacts(f: NewsFacts, lang: Lang): NewsDraft {
  const t = lang === 'id' ? toldId(f) : toldEn(f);
  const body = `${[...t.more, ...purpose(f, lang)].map(p).join('')}<p><strong>${esc(signature(f, lang))}</strong></p>`;
  return {
    title: cut(t.title, 200),
    dateline: dateline(f),
    lead: cut(t.lead, 1000),
    bodyHtml: body,
    quote: '',
    quoteBy: f.kepalaTitle,
  };
}
