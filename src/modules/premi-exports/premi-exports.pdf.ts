// The premi slips (slip premi): one per inmate of a run, printable in a batch and cut apart. A slip
// whose breakdown is short takes half an A4 page (two to a page, a dashed cut line between them);
// a longer one takes a page. Each has the unit's letterhead, the month, the inmate's name and
// register number, the breakdown (items × rate or price, the minimum when it applied), the total,
// its saved and spendable parts, the balance after the run, and two signature blocks (the inmate,
// and the officer). A run not yet posted prints DRAF on every slip. Always Indonesian.
import { formatRupiah, numberFormat } from '../../app/format.ts';
import {
  type Doc,
  drawLetterhead,
  FONT,
  footers,
  type GridColumn,
  gridRow,
  letterheadOf,
  newDocument,
  toBuffer,
} from '../../app/pdf.ts';
import { monthLabel, type Slip, type SlipsData } from './premi-exports.service.ts';

/** Breakdown rows a half-page slip holds; a longer breakdown gets a page of its own. */
export const HALF_PAGE_ROWS = 3;

const SOURCE = { offtake: 'Offtake', sales: 'Penjualan' } as const;
const n = (x: number) => numberFormat('id-ID').format(x);

/** The breakdown rows of a slip: its items, then the minimum when it applied. */
export function slipRows(s: Slip): string[][] {
  const rows = s.items.map((it) => [
    `${SOURCE[it.source]}: ${it.product_name}`,
    `${n(it.qty)} ${it.uom}`,
    formatRupiah(it.rate),
    formatRupiah(it.value),
    formatRupiah(it.premi),
  ]);
  if (s.line.topup > 0)
    rows.push([
      `Tambahan premi minimum (${n(s.line.sessions)} sesi pelatihan)`,
      '',
      '',
      '',
      formatRupiah(s.line.topup),
    ]);
  return rows;
}

/** Whether a slip fits half a page. */
export const fitsHalf = (s: Slip) => slipRows(s).length <= HALF_PAGE_ROWS;

/** How many pages the slips take: half-page slips pair up in order, a long one takes a page. */
export function pagesFor(slips: readonly Slip[]): number {
  let pages = 0;
  let topFree = false;
  for (const s of slips) {
    if (fitsHalf(s) && topFree) topFree = false;
    else {
      pages++;
      topFree = fitsHalf(s);
    }
  }
  return pages;
}

function drawSlip(doc: Doc, d: SlipsData, s: Slip, top: number): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const { run } = d;
  doc.x = left;
  doc.y = top;
  drawLetterhead(doc, letterheadOf({ ...run, kanwil_name: run.kanwil_name }));
  doc.y -= 6;
  const title = run.kind === 'reversal' ? 'SLIP PEMBALIKAN PREMI' : 'SLIP PREMI WARGA BINAAN';
  doc.font(FONT.bold).fontSize(12).text(title, left, doc.y, { width, align: 'center' });
  const sub = `Bulan ${monthLabel(run.month)}${run.status === 'posted' ? '' : ' — DRAF, belum disetujui Kepala UPT'}`;
  doc.font(FONT.regular).fontSize(9.5).text(sub, { width, align: 'center' });
  doc.moveDown(0.4);

  // Who: two pairs on one line each, to keep the slip short.
  const half = width / 2;
  const pair = (label: string, value: string, x: number, y: number) => {
    doc.font(FONT.regular).fontSize(9.5).text(label, x, y, { width: 95 });
    doc.font(FONT.bold).text(`: ${value}`, x + 95, y, { width: half - 100 });
  };
  let y = doc.y;
  pair('Nama', s.line.name, left, y);
  pair('No. registrasi', s.line.reg_number, left + half, y);
  y = doc.y + 2;
  pair('Hadir pelatihan', `${n(s.line.sessions)} sesi`, left, y);
  pair('Barang lolos / sendiri', `${n(s.line.items_passed)} / ${n(s.line.items_own)}`, left + half, y);
  doc.x = left;
  doc.y += 6;

  const cols: GridColumn[] = [
    { title: 'Rincian', w: width - 70 - 80 - 85 - 85 },
    { title: 'Jumlah', w: 70, align: 'right' },
    { title: 'Tarif / harga', w: 80, align: 'right' },
    { title: 'Nilai', w: 85, align: 'right' },
    { title: 'Premi', w: 85, align: 'right' },
  ];
  gridRow(
    doc,
    cols,
    cols.map((c) => c.title),
    true,
  );
  const rows = slipRows(s);
  if (rows.length === 0)
    gridRow(doc, cols, ['Tidak ada premi bulan ini', '', '', '', formatRupiah(0)], false);
  for (const r of rows) gridRow(doc, cols, r, false);
  gridRow(doc, cols, ['Jumlah premi', '', '', '', formatRupiah(s.line.total)], true);

  // The minimum, the pockets and the balance: label-value pairs in two columns.
  doc.moveDown(0.4);
  y = doc.y;
  const minimum =
    s.line.topup > 0
      ? `berlaku: ${formatRupiah(s.line.minimum)}`
      : s.line.minimum > 0
        ? `${formatRupiah(s.line.minimum)} (terlampaui)`
        : 'tidak berlaku';
  const saved = 100 - run.spendable_pct;
  pair('Premi minimum', minimum, left, y);
  pair(`Ditabung (${saved}%)`, formatRupiah(s.line.saved), left + half, y);
  y = doc.y + 2;
  pair(`Dapat dibelanjakan`, `${formatRupiah(s.line.spendable)} (${run.spendable_pct}%)`, left, y);
  pair('Saldo sesudahnya', formatRupiah(s.after.saved + s.after.spendable), left + half, y);
  y = doc.y + 2;
  pair('  tabungan', formatRupiah(s.after.saved), left, y);
  pair('  dapat dibelanjakan', formatRupiah(s.after.spendable), left + half, y);

  // Signatures: the inmate who received the slip, and the officer who prepared or approved the run.
  y = doc.y + 10;
  const w = 200;
  const officer =
    run.status === 'posted'
      ? {
          title: 'Kepala UPT',
          name: run.approved_by_name ?? d.head?.full_name,
          nip: run.approved_by_nip ?? d.head?.nip,
        }
      : { title: 'Petugas', name: run.prepared_by_name, nip: run.prepared_by_nip };
  doc.font(FONT.regular).fontSize(9.5);
  doc.text('Warga binaan,', left, y, { width: w, align: 'center' });
  doc.text(`${officer.title},`, left + width - w, y, { width: w, align: 'center' });
  y += 44;
  doc.font(FONT.bold).text(s.line.name, left, y, { width: w, align: 'center', underline: true });
  doc.text(officer.name ?? '....................................', left + width - w, y, {
    width: w,
    align: 'center',
    underline: true,
  });
  doc.font(FONT.regular).text(s.line.reg_number, left, doc.y, { width: w, align: 'center' });
  doc.text(
    officer.nip ? `NIP. ${officer.nip}` : 'NIP. ....................................',
    left + width - w,
    y + 12,
    {
      width: w,
      align: 'center',
    },
  );
  doc.x = left;
}

function cutLine(doc: Doc, y: number): void {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  doc
    .save()
    .moveTo(left, y)
    .lineTo(right, y)
    .dash(4, { space: 4 })
    .lineWidth(0.5)
    .stroke()
    .undash()
    .restore();
}

export async function slipsPdf(d: SlipsData): Promise<Buffer> {
  const title = `Slip premi ${d.run.name} ${monthLabel(d.run.month)}`;
  const doc = await newDocument({ title, author: d.run.name });
  const top = doc.page.margins.top;
  const mid = top + (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) / 2;
  let topFree = false;
  let first = true;
  if (d.slips.length === 0) {
    doc.font(FONT.regular).fontSize(11).text('Tidak ada warga binaan dalam perhitungan premi ini.');
  }
  for (const s of d.slips) {
    if (fitsHalf(s) && topFree) {
      cutLine(doc, mid - 8);
      drawSlip(doc, d, s, mid + 4);
      topFree = false;
      continue;
    }
    if (!first) doc.addPage();
    first = false;
    drawSlip(doc, d, s, top);
    topFree = fitsHalf(s);
  }
  footers(doc, (page, total) => `${title} · halaman ${page} dari ${total}`);
  return toBuffer(doc);
}
