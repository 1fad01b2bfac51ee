// The papers of the tabungan premi, always in Indonesian with the unit's letterhead: the receipt of
// a withdrawal (bukti penarikan), the payout slip the inmate signs at release, and the statement
// (Rekening Tabungan Premi) with every posting and its running balance. Amounts are written in
// words with the sales module's terbilang, so a kuitansi and a slip spell money alike.
import { formatDay, formatRupiah } from '../../app/format.ts';
import {
  type Doc,
  documentTitle,
  drawLetterhead,
  ensureSpace,
  FONT,
  facts,
  footers,
  type GridColumn,
  gridRow,
  heading,
  letterheadOf,
  newDocument,
  toBuffer,
} from '../../app/pdf.ts';
import { rupiahInWords } from '../sales/sales.rules.ts';
import { KIND_WORDS, PURPOSE_WORDS } from './savings.rules.ts';
import type { PayoutDocument, Statement, WithdrawalDocument } from './savings.service.ts';

/** "20 November 2026": a date as a receipt writes it, without the weekday. */
const receiptDate = (day: string) => formatDay(day, 'id').replace(/^[^,]+, /, '');
const DOTS = '....................................';
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (n: number) => capitalised(rupiahInWords(n));

interface Signer {
  title: string;
  name: string | null;
  /** A civil servant signs with their NIP; the inmate with their register number. */
  idLine: string | null;
}

/** Signature blocks side by side (the inmate and the officers sign the same paper). */
function signatures(doc: Doc, place: string, dateText: string, signers: readonly Signer[]): void {
  ensureSpace(doc, 150);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.moveDown(1.2);
  doc.font(FONT.regular).fontSize(10);
  doc.text(`${place}, ${dateText}`, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.8);
  const top = doc.y;
  const w = width / signers.length;
  signers.forEach((s, i) => {
    const x = left + i * w;
    doc
      .font(FONT.regular)
      .fontSize(10)
      .text(`${s.title},`, x, top, { width: w - 8, align: 'center' });
    doc.font(FONT.bold).text(s.name ?? DOTS, x, top + 70, { width: w - 8, align: 'center', underline: true });
    doc.font(FONT.regular).text(s.idLine ?? `NIP. ${DOTS.slice(0, 24)}`, { width: w - 8, align: 'center' });
  });
  doc.x = left;
  doc.y = top + 110;
}

const nip = (n: string | null | undefined) => (n ? `NIP. ${n}` : null);

/**
 * One posting of the statement: like gridRow, but only the description wraps; the date and the
 * amounts are one line each (placed by their measured width), so a row lays out its text once
 * instead of measuring every cell first. Keeps a statement of two years well under 50 ms.
 */
function postingRow(doc: Doc, cols: readonly GridColumn[], cells: readonly string[]): void {
  const left = doc.page.margins.left;
  doc.font(FONT.regular).fontSize(9.5);
  const descW = (cols[1]?.w ?? 0) - 8;
  const desc = cells[1] ?? '';
  const lines = desc.split('\n');
  // Lines that fit are set as they are; only a long memo goes through the line wrapper.
  const fits = lines.every((l) => doc.widthOfString(l) <= descW);
  const lineH = doc.currentLineHeight(true);
  const textH = fits ? lines.length * lineH : doc.heightOfString(desc, { width: descW });
  const h = Math.max(textH, lineH) + 8;
  ensureSpace(doc, h);
  const y = doc.y;
  let x = left;
  cells.forEach((t, i) => {
    const w = cols[i]?.w ?? 0;
    doc.rect(x, y, w, h).lineWidth(0.5).stroke();
    if (i === 1) {
      if (fits)
        lines.forEach((l, n) => {
          doc.text(l, x + 4, y + 4 + n * lineH, { lineBreak: false });
        });
      else doc.text(t, x + 4, y + 4, { width: descW });
    } else if (cols[i]?.align === 'right')
      doc.text(t, x + w - 4 - doc.widthOfString(t), y + 4, { lineBreak: false });
    else doc.text(t, x + 4, y + 4, { lineBreak: false });
    x += w;
  });
  doc.x = left;
  doc.y = y + h;
}

export async function withdrawalPdf(d: WithdrawalDocument): Promise<Buffer> {
  const w = d.withdrawal;
  const doc = await newDocument({ title: `BUKTI PENARIKAN ${w.number}`, author: d.unit.name });
  drawLetterhead(doc, letterheadOf(d.unit));
  documentTitle(doc, 'BUKTI PENARIKAN TABUNGAN PREMI', 14, `Nomor: ${w.number}`);
  doc.moveDown(1);
  facts(doc, [
    ['Nama warga binaan', d.inmate.name],
    ['Nomor registrasi', d.inmate.reg_number],
    ['Tanggal', receiptDate(w.day)],
    ['Jumlah ditarik', formatRupiah(w.amount)],
    ['Terbilang', words(w.amount)],
    ['Diambil dari', 'Saldo premi yang dapat dibelanjakan'],
    ['Keperluan', PURPOSE_WORDS[w.purpose]],
    ...(w.recipient ? ([['Penerima', w.recipient]] as [string, string][]) : []),
    ['Alasan', w.reason],
  ]);
  signatures(doc, d.unit.city ?? d.unit.name, receiptDate(w.day), [
    { title: 'Warga binaan', name: d.inmate.name, idLine: `No. Reg. ${d.inmate.reg_number}` },
    { title: 'Petugas yang menyerahkan', name: w.created_by_name, idLine: nip(w.created_by_nip) },
  ]);
  return toBuffer(doc);
}

export async function payoutSlipPdf(d: PayoutDocument): Promise<Buffer> {
  const p = d.payout;
  const total = p.saved + p.spendable;
  const doc = await newDocument({ title: `SLIP PEMBAYARAN PREMI ${p.number}`, author: d.unit.name });
  drawLetterhead(doc, letterheadOf(d.unit));
  documentTitle(doc, 'SLIP PEMBAYARAN TABUNGAN PREMI SAAT BEBAS', 13, `Nomor: ${p.number}`);
  doc.moveDown(1);
  facts(doc, [
    ['Nama warga binaan', d.inmate.name],
    ['Nomor registrasi', d.inmate.reg_number],
    ['Tanggal pembayaran', receiptDate(p.paid_on)],
    ['Cara bayar', p.method === 'tunai' ? 'Tunai' : `Transfer (referensi ${p.reference ?? '—'})`],
  ]);
  doc.moveDown(0.6);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const cols: GridColumn[] = [
    { title: 'Uraian', w: width - 160 },
    { title: 'Jumlah', w: 160, align: 'right' },
  ];
  gridRow(doc, cols, ['Uraian', 'Jumlah'], true);
  gridRow(doc, cols, ['Tabungan premi (bagian yang disimpan)', formatRupiah(p.saved)], false);
  gridRow(doc, cols, ['Saldo premi yang dapat dibelanjakan', formatRupiah(p.spendable)], false);
  gridRow(doc, cols, ['Jumlah dibayarkan', formatRupiah(total)], true);
  doc.moveDown(0.6);
  facts(doc, [['Terbilang', words(total)]]);
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(
      'Dengan pembayaran ini seluruh saldo tabungan premi yang bersangkutan telah diterima dan saldo menjadi nol.',
      doc.page.margins.left,
      doc.y + 6,
      { width },
    );
  signatures(doc, d.unit.city ?? d.unit.name, receiptDate(p.paid_on), [
    { title: 'Yang menerima', name: d.inmate.name, idLine: `No. Reg. ${d.inmate.reg_number}` },
    // The payout is recorded by the Kepala UPT (premi.payout); the treasurer who hands the money signs by hand.
    { title: 'Bendahara', name: null, idLine: null },
    { title: 'Kepala UPT', name: p.created_by_name, idLine: nip(p.created_by_nip) },
  ]);
  return toBuffer(doc);
}

/** The statement the inmate can read: every posting, the balance after it, the closing balance. */
export async function statementPdf(s: Statement, printedOn: string): Promise<Buffer> {
  const doc = await newDocument({
    title: `REKENING TABUNGAN PREMI ${s.inmate.reg_number}`,
    author: s.unit.name,
  });
  drawLetterhead(doc, letterheadOf(s.unit));
  documentTitle(doc, 'REKENING TABUNGAN PREMI', 14, `Dicetak ${receiptDate(printedOn)}`);
  doc.moveDown(1);
  facts(doc, [
    ['Nama warga binaan', s.inmate.name],
    ['Nomor registrasi', s.inmate.reg_number],
    ['Unit', s.inmate.unit_name],
  ]);
  doc
    .font(FONT.regular)
    .fontSize(9)
    .text(
      'Tabungan dibayarkan saat bebas. Saldo belanja boleh dipakai untuk kantin atau kiriman keluarga. Angka dalam rupiah; tanda minus berarti uang keluar.',
      doc.page.margins.left,
      doc.y + 4,
      { width: doc.page.width - doc.page.margins.left - doc.page.margins.right },
    );
  heading(doc, 'Mutasi');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const cols: GridColumn[] = [
    { title: 'Tanggal', w: 62 },
    { title: 'Keterangan', w: width - 62 - 80 - 80 - 80 - 84 },
    { title: 'Tabungan', w: 80, align: 'right' },
    { title: 'Belanja', w: 80, align: 'right' },
    { title: 'Jumlah', w: 80, align: 'right' },
    { title: 'Saldo', w: 84, align: 'right' },
  ];
  const head = () =>
    gridRow(
      doc,
      cols,
      cols.map((c) => c.title),
      true,
    );
  head();
  const short = (day: string) => `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;
  const signed = formatRupiah;
  if (s.rows.length === 0) gridRow(doc, cols, ['', 'Belum ada mutasi', '', '', '', ''], false);
  for (const r of s.rows) {
    // A row that would start a new page gets the heads above it there.
    const pages = doc.bufferedPageRange().count;
    ensureSpace(doc, 44);
    if (doc.bufferedPageRange().count !== pages) head();
    postingRow(doc, cols, [
      short(r.posting.day),
      `${KIND_WORDS[r.posting.kind]}\n${r.posting.memo}`,
      signed(r.posting.saved),
      signed(r.posting.spendable),
      signed(r.amount),
      signed(r.balance.total),
    ]);
  }
  doc.moveDown(0.8);
  heading(doc, 'Saldo akhir');
  facts(doc, [
    ['Tabungan (dibayar saat bebas)', formatRupiah(s.balance.saved)],
    ['Dapat dibelanjakan', formatRupiah(s.balance.spendable)],
    ['Jumlah saldo', formatRupiah(s.balance.total)],
    ['Terbilang', words(s.balance.total)],
  ]);
  footers(
    doc,
    (page, total) => `Rekening Tabungan Premi ${s.inmate.reg_number} · halaman ${page} dari ${total}`,
  );
  return toBuffer(doc);
}
