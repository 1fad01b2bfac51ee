// Printable documents with the unit's letterhead (kop surat) and signature blocks, on pdfkit.
// Every report and certificate of Simandiri goes through here so they look like one office's papers.
// pdfkit is loaded on the first PDF, not at start-up (it adds ~0.2 s to every start).
// Text is set in Arimo, embedded: it has Helvetica's metrics (so pages lay out as with pdfkit's
// built-in Helvetica) and covers Latin Extended, Greek and Cyrillic ("Ğ", "ş", "ő"), which the
// built-in WinAnsi fonts cannot print. Text the font still lacks (e.g. CJK) refuses the PDF with a
// 422 naming the field, rather than printing empty boxes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import { AppError } from './errors.ts';

export interface Letterhead {
  kanwilName: string;
  unitName: string;
  unitType: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}

/** A unit as the repos read it for a letterhead (units joined with their kanwil's name). */
export interface LetterheadUnit {
  name: string;
  kanwil_name: string;
  type: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}

/** Why: every document's letterhead is its unit's; this spells the unit's row as a letterhead. */
export function letterheadOf(u: LetterheadUnit): Letterhead {
  return {
    kanwilName: u.kanwil_name,
    unitName: u.name,
    unitType: u.type,
    address: u.address,
    city: u.city,
    phone: u.phone,
    email: u.email,
  };
}

const MINISTRY = 'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA';
const DIRECTORATE = 'DIREKTORAT JENDERAL PEMASYARAKATAN';

/** Letterheads spell the unit out in full: "Rutan Kelas IIB Magetan" -> "RUMAH TAHANAN NEGARA KELAS IIB MAGETAN". */
export function formalUnitName(name: string): string {
  const long: Record<string, string> = {
    Rutan: 'Rumah Tahanan Negara',
    Lapas: 'Lembaga Pemasyarakatan',
    LPKA: 'Lembaga Pembinaan Khusus Anak',
    LPP: 'Lembaga Pemasyarakatan Perempuan',
    Bapas: 'Balai Pemasyarakatan',
  };
  return name.replace(/^(Rutan|Lapas|LPKA|LPP|Bapas)\b/, (m) => long[m] ?? m).toUpperCase();
}

/** "Kanwil Ditjenpas Jawa Timur" -> "KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN JAWA TIMUR". */
export function formalKanwilName(name: string): string {
  return name
    .replace(/^Kanwil\b/, 'Kantor Wilayah')
    .replace(/\bDitjenpas\b/, 'Direktorat Jenderal Pemasyarakatan')
    .toUpperCase();
}

export type Doc = InstanceType<typeof PDFDocument>;

/** The two faces every document uses: `doc.font(FONT.bold)`. */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold' } as const;

/**
 * The two faces, parsed once per process: pdfkit takes a parsed (fontkit) font as well as its bytes,
 * and parsing the bytes again for every document (its layout tables) cost most of a short PDF.
 */
interface Fonts {
  regular: object;
  bold: object;
  /** Code points both faces can draw. */
  covered: ReadonlySet<number>;
}
let fonts: Fonts | undefined;

async function loadFonts(): Promise<Fonts> {
  if (fonts) return fonts;
  const fontkit = await import('fontkit');
  const resolve = createRequire(import.meta.url).resolve;
  const read = (face: string) => readFileSync(resolve(`@expo-google-fonts/arimo/${face}/Arimo_${face}.ttf`));
  const regular = read('400Regular');
  const bold = read('700Bold');
  const parsed = (ttf: Buffer) => fontkit.create(ttf);
  const charset = (font: ReturnType<typeof parsed>) =>
    new Set('characterSet' in font ? font.characterSet : []);
  const [r, b] = [parsed(regular), parsed(bold)];
  const boldSet = charset(b);
  fonts = { regular: r, bold: b, covered: new Set([...charset(r)].filter((c) => boldSet.has(c))) };
  return fonts;
}

/** The distinct characters of `text` the PDF font cannot draw (spaces and controls need none). */
export function missingGlyphs(text: string, covered: ReadonlySet<number>): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || /\s/u.test(ch) || covered.has(cp)) continue;
    missing.add(ch);
  }
  return [...missing];
}

/** What is being printed, for the refusal message: the label of a facts row, or the text itself. */
const printing = new WeakMap<Doc, string>();

function unprintable(field: string, chars: string[]): AppError {
  return new AppError('pdf.unprintable', 422, 'err.pdfUnprintable', {}, [
    { field, key: 'err.pdfUnprintableField', params: { chars: chars.slice(0, 10).join(' ') } },
  ]);
}

export async function newDocument(info: { title: string; author: string }): Promise<Doc> {
  const [{ default: PDFDocument }, f] = await Promise.all([import('pdfkit'), loadFonts()]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: info.title, Author: info.author },
    font: f.regular as unknown as string, // pdfkit takes a parsed font here too
  });
  // pdfkit's types name paths and bytes only; its font factory also takes a parsed font.
  const face = (x: object) => x as unknown as Buffer;
  doc.registerFont(FONT.regular, face(f.regular));
  doc.registerFont(FONT.bold, face(f.bold));
  // A module that still names a built-in font gets the embedded one, which can print what it is given.
  doc.registerFont('Helvetica', face(f.regular));
  doc.registerFont('Helvetica-Bold', face(f.bold));
  const text = doc.text.bind(doc) as (...args: unknown[]) => Doc;
  doc.text = ((value: unknown, ...rest: unknown[]) => {
    const s = String(value ?? '');
    const missing = missingGlyphs(s, f.covered);
    if (missing.length) {
      const snippet = s.length > 40 ? `${s.slice(0, 40)}…` : s;
      throw unprintable(printing.get(doc) ?? `“${snippet}”`, missing);
    }
    return text(value, ...rest);
  }) as Doc['text'];
  return doc;
}

export function drawLetterhead(doc: Doc, l: Letterhead): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const x = doc.page.margins.left;
  doc.font(FONT.bold).fontSize(11).text(MINISTRY, x, doc.y, { width, align: 'center' });
  doc.fontSize(10).text(DIRECTORATE, { width, align: 'center' });
  doc.text(formalKanwilName(l.kanwilName), { width, align: 'center' });
  doc.fontSize(12).text(formalUnitName(l.unitName), { width, align: 'center' });
  const contact = [l.address, l.city, l.phone ? `Telp. ${l.phone}` : null, l.email]
    .filter(Boolean)
    .join(' · ');
  if (contact) doc.font(FONT.regular).fontSize(8.5).text(contact, { width, align: 'center' });
  const y = doc.y + 4;
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(2)
    .stroke();
  doc
    .moveTo(x, y + 3)
    .lineTo(x + width, y + 3)
    .lineWidth(0.6)
    .stroke();
  doc.lineWidth(1);
  doc.x = x;
  doc.y = y + 14;
}

/** The document's name in bold capitals under the letterhead, and its number (or other line) below it. */
export function documentTitle(doc: Doc, title: string, size: number, subtitle: string): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONT.bold).fontSize(size).text(title, doc.page.margins.left, doc.y, { width, align: 'center' });
  doc.font(FONT.regular).fontSize(10).text(subtitle, { width, align: 'center' });
}

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(text, doc.page.margins.left);
  doc.moveDown(0.2).font(FONT.regular).fontSize(10);
}

/** Label-value rows, as on an office form. */
export function facts(doc: Doc, rows: ReadonlyArray<[string, string]>): void {
  const x = doc.page.margins.left;
  const labelWidth = 150;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONT.regular).fontSize(10);
  for (const [label, value] of rows) {
    ensureSpace(doc, 28);
    const y = doc.y;
    doc.text(label, x, y, { width: labelWidth - 10 });
    const afterLabel = doc.y;
    printing.set(doc, label);
    doc.text(`: ${value}`, x + labelWidth, y, { width: width - labelWidth });
    printing.delete(doc);
    doc.y = Math.max(doc.y, afterLabel) + 2;
  }
  doc.x = x;
}

export function bullets(doc: Doc, items: readonly string[], empty = '—'): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (items.length === 0) {
    doc.text(empty, x);
    return;
  }
  items.forEach((item, i) => {
    ensureSpace(doc, 20);
    doc.text(`${i + 1}. ${item}`, x + 12, doc.y, { width: width - 12 });
  });
  doc.x = x;
}

/** A column of a bordered table: its head, its width in points, and how its cells align. */
export interface GridColumn {
  title: string;
  w: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * One row of a bordered table (heads and totals in bold): each cell wraps inside its column, the
 * row is as tall as its tallest cell and starts a new page rather than break.
 */
export function gridRow(
  doc: Doc,
  cols: ReadonlyArray<GridColumn>,
  cells: readonly string[],
  bold: boolean,
): void {
  const left = doc.page.margins.left;
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(9.5);
  const h = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: (cols[i]?.w ?? 0) - 8 }))) + 8;
  ensureSpace(doc, h);
  const y = doc.y;
  let x = left;
  cells.forEach((t, i) => {
    const c = cols[i];
    const w = c?.w ?? 0;
    doc.rect(x, y, w, h).lineWidth(0.5).stroke();
    doc.text(t, x + 4, y + 4, { width: w - 8, align: c?.align ?? 'left' });
    x += w;
  });
  doc.x = left;
  doc.y = y + h;
}

export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export interface Signatory {
  place: string;
  dateText: string;
  title: string;
  name: string;
  nip?: string | null;
}

/** The signature block, on the right as Indonesian letters have it; kept together on one page. */
export function signatureBlock(doc: Doc, s: Signatory): void {
  ensureSpace(doc, 140);
  const width = 220;
  const x = doc.page.width - doc.page.margins.right - width;
  doc.moveDown(1.5);
  const y = doc.y;
  doc.font(FONT.regular).fontSize(10);
  doc.text(`${s.place}, ${s.dateText}`, x, y, { width, align: 'center' });
  doc.text(`${s.title},`, { width, align: 'center' });
  doc.moveDown(4);
  doc.font(FONT.bold).text(s.name, { width, align: 'center', underline: true });
  doc.font(FONT.regular).text(nipLine(s.nip), { width, align: 'center' });
  doc.x = doc.page.margins.left;
}

/**
 * The NIP line under a civil servant's signature, grouped as it is printed (birth date, month of
 * appointment, gender, sequence: "NIP. 19760514 199803 1 002"); a dotted line to fill in by hand
 * when the account has none.
 */
export function nipLine(nip: string | null | undefined): string {
  if (!nip) return 'NIP. ....................................';
  const m = /^(\d{8})(\d{6})(\d)(\d{3})$/.exec(nip);
  return `NIP. ${m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : nip}`;
}

/** Page numbers and print date in the footer of every page; call last. */
export function footers(doc: Doc, text: (page: number, total: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor('#444444')
      .text(text(i + 1, range.count), doc.page.margins.left, doc.page.height - 36, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
