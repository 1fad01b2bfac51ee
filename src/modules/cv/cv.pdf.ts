// The one-page CV as printed: the unit's letterhead, the person, programmes, competencies,
// certificates each with the QR code of its public verification page, attendance and work made.
// An Indonesian document, like the certificate: always printed in Indonesian.
import {
  documentTitle,
  drawLetterhead,
  FONT,
  facts,
  type GridColumn,
  gridRow,
  type Letterhead,
  newDocument,
  toBuffer,
} from '../../app/pdf.ts';
import type { CvSheet } from './cv.sheet.ts';

type Doc = Awaited<ReturnType<typeof newDocument>>;

function section(doc: Doc, title: string): void {
  doc.moveDown(0.5).font(FONT.bold).fontSize(10.5).text(title, doc.page.margins.left);
  doc.moveDown(0.15).font(FONT.regular).fontSize(9.5);
}

function table(doc: Doc, cols: GridColumn[], rows: string[][]): void {
  gridRow(
    doc,
    cols,
    cols.map((c) => c.title),
    true,
  );
  for (const r of rows) gridRow(doc, cols, r, false);
}

export async function cvPdfOf(sheet: CvSheet, letterhead: Letterhead, printedOn: string): Promise<Buffer> {
  const doc = await newDocument({
    title: `Daftar riwayat pelatihan ${sheet.name}`,
    author: letterhead.unitName,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawLetterhead(doc, letterhead);
  documentTitle(doc, 'DAFTAR RIWAYAT HIDUP', 14, 'Riwayat pelatihan dan keterampilan kerja');
  doc.moveDown(0.4);
  facts(doc, sheet.facts);

  section(doc, 'Program pelatihan yang diikuti');
  if (sheet.programmes.length === 0) doc.text('Belum pernah mengikuti program.', left);
  else
    table(
      doc,
      [
        { title: 'Program', w: 140 },
        { title: 'Jenis dan bidang', w: 135 },
        { title: 'Periode', w: width - 140 - 135 - 90 },
        { title: 'Keterangan', w: 90 },
      ],
      sheet.programmes,
    );

  section(doc, 'Kompetensi yang telah dinyatakan kompeten');
  if (sheet.competencies.length === 0) doc.text('Belum ada unit kompetensi yang dinyatakan kompeten.', left);
  else {
    table(
      doc,
      [
        { title: 'Kode', w: 80 },
        { title: 'Unit kompetensi', w: width - 80 - 150 },
        { title: 'Program', w: 150 },
      ],
      sheet.competencies,
    );
    if (sheet.moreCompetencies > 0)
      doc.fontSize(8.5).text(`dan ${sheet.moreCompetencies} unit kompetensi lainnya.`, left, doc.y + 2);
  }

  section(doc, 'Kehadiran dan hasil kerja');
  facts(doc, sheet.record);

  section(doc, 'Sertifikat');
  if (sheet.certificates.length === 0) doc.text('Belum ada sertifikat.', left);
  else {
    // The QR opens the certificate's public page, which says whether it is still valid.
    const { default: QRCode } = await import('qrcode');
    const size = 62;
    for (const c of sheet.certificates) {
      const qr = await QRCode.toBuffer(c.url, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 200,
      });
      const y = doc.y + 2;
      doc.image(qr, left, y, { width: size, height: size });
      doc
        .font(FONT.bold)
        .fontSize(9.5)
        .text(`${c.number} · ${c.programme}`, left + size + 10, y + 6, { width: width - size - 10 });
      doc
        .font(FONT.regular)
        .fontSize(8.5)
        .text(`Diterbitkan ${c.issued}. Pindai kode QR atau buka:`, { width: width - size - 10 })
        .text(c.url, { width: width - size - 10, link: c.url });
      doc.x = left;
      doc.y = Math.max(doc.y, y + size) + 4;
    }
  }

  doc
    .moveDown(0.6)
    .font(FONT.regular)
    .fontSize(8)
    .fillColor('#444444')
    .text(
      `Disusun dari catatan pembinaan ${letterhead.unitName} pada ${printedOn}. Dibagikan kepada pemberi kerja hanya dengan persetujuan yang bersangkutan.`,
      left,
      doc.y,
      { width },
    )
    .fillColor('#000000');
  return toBuffer(doc);
}
