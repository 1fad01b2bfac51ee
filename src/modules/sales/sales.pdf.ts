// The kuitansi of a direct sale: the unit's letterhead, the number and date, "Telah terima dari",
// the amount in figures and in words, the lines, the payment, and the signature of the officer who
// received the money. A reversal prints as the note that cancels its receipt. Always Indonesian.
import { formatDay, formatRupiah } from '../../app/format.ts';
import {
  documentTitle,
  drawLetterhead,
  FONT,
  facts,
  gridRow,
  letterheadOf,
  newDocument,
  signatureBlock,
  toBuffer,
} from '../../app/pdf.ts';
import { rupiahInWords } from './sales.rules.ts';
import type { ReceiptDocument } from './sales.service.ts';

const CHANNEL = { bazaar: 'Bazar', visitor: 'Pojok pengunjung', order: 'Pesanan', other: 'Lainnya' } as const;
const METHOD = { tunai: 'Tunai', transfer: 'Transfer', qris: 'QRIS' } as const;

/** "27 April 2026": the date as a receipt writes it, without the weekday. */
export const receiptDate = (day: string) => formatDay(day, 'id').replace(/^[^,]+, /, '');

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function receiptPdf(d: ReceiptDocument): Promise<Buffer> {
  const s = d.sale;
  const reversal = s.status === 'reversal';
  const title = reversal ? 'BUKTI PEMBATALAN KUITANSI' : 'KUITANSI';
  const doc = await newDocument({ title: `${title} ${s.number}`, author: d.unit.name });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawLetterhead(doc, letterheadOf(d.unit));
  documentTitle(doc, title, 16, `Nomor: ${s.number}`);
  doc.moveDown(1);
  const payment = `${METHOD[s.payment_method]}${s.payment_ref ? ` (referensi ${s.payment_ref})` : ''}`;
  const amount = Math.abs(s.total);
  facts(doc, [
    ...(reversal
      ? ([['Membatalkan kuitansi', s.reverses_number ?? '—']] as [string, string][])
      : ([['Telah terima dari', s.buyer_name ?? 'Pembeli umum']] as [string, string][])),
    [reversal ? 'Uang dikembalikan' : 'Uang sejumlah', formatRupiah(amount)],
    ['Terbilang', capitalised(rupiahInWords(amount))],
    [
      'Untuk pembayaran',
      `Pembelian produk hasil pembinaan kemandirian ${d.unit.name} (${CHANNEL[s.channel].toLowerCase()})`,
    ],
    ['Tanggal', receiptDate(s.sold_on)],
    ['Cara bayar', payment],
    ...(s.cancel_reason && reversal ? ([['Alasan pembatalan', s.cancel_reason]] as [string, string][]) : []),
  ]);

  doc.moveDown(0.8);
  const cols = [
    { title: 'No', w: 28, align: 'left' as const },
    { title: 'Produk', w: width - 28 - 60 - 100 - 110, align: 'left' as const },
    { title: 'Jumlah', w: 60, align: 'right' as const },
    { title: 'Harga satuan', w: 100, align: 'right' as const },
    { title: 'Subtotal', w: 110, align: 'right' as const },
  ];
  const row = (cells: string[], bold: boolean) => gridRow(doc, cols, cells, bold);
  row(
    cols.map((c) => c.title),
    true,
  );
  d.lines.forEach((l, i) => {
    row(
      [
        String(i + 1),
        l.product_name,
        `${l.qty} ${l.uom}`,
        formatRupiah(l.unit_price),
        formatRupiah(l.amount),
      ],
      false,
    );
  });
  row(['', 'Jumlah', '', '', formatRupiah(s.total)], true);

  if (s.status === 'cancelled') {
    doc.moveDown(0.6);
    doc
      .font(FONT.bold)
      .fontSize(11)
      .fillColor('#a4161a')
      .text(`DIBATALKAN${s.reversal_number ? ` dengan ${s.reversal_number}` : ''}`, left, doc.y, { width });
    doc.fillColor('#000000').font(FONT.regular).fontSize(10);
  }

  signatureBlock(doc, {
    place: d.unit.city ?? d.unit.name,
    dateText: receiptDate(s.sold_on),
    title: reversal ? 'Yang membatalkan' : 'Yang menerima',
    name: (reversal ? s.approved_by_name : s.created_by_name) ?? '....................................',
    nip: reversal ? null : s.created_by_nip,
  });
  return toBuffer(doc);
}
