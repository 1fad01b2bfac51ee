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
import { type CvSheet, MAX_CERTIFICATES } from './cv.sheet.ts';

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
        { title: 'Program', w: 190 },
        { title: 'Jenis, bidang dan mitra', w: 150 },
        { title: 'Periode dan keterangan', w: width - 190 - 150 },
      ],
      sheet.programmes.map(([name = '', what = '', period = '', outcome = '']) => [
        name,
        what,
        `${period}\n${outcome}`,
      ]),
    );

  section(doc, 'Kompetensi yang telah dinyatakan kompeten');
  if (sheet.competencies.length === 0) doc.text('Belum ada unit kompetensi yang dinyatakan kompeten.', left);
  else {
    // A paragraph per programme rather than a table: eight units fit in a few lines.
    const byProgramme = new Map<string, string[]>();
    for (const [code = '', title = '', programme = ''] of sheet.competencies)
      byProgramme.set(programme, [
        ...(byProgramme.get(programme) ?? []),
        code === '—' ? title : `${code} ${title}`,
      ]);
    for (const [programme, units] of byProgramme) {
      doc.font(FONT.bold).fontSize(9.5).text(`${programme}: `, left, doc.y, { width, continued: true });
      doc.font(FONT.regular).text(`${units.join('; ')}.`);
    }
    if (sheet.moreCompetencies > 0)
      doc.fontSize(8.5).text(`dan ${sheet.moreCompetencies} unit kompetensi lainnya.`, left, doc.y + 2);
  }

  section(doc, 'Kehadiran dan hasil kerja');
  facts(doc, sheet.record);

  section(doc, 'Sertifikat');
  if (sheet.certificates.length === 0) doc.text('Belum ada sertifikat.', left);
  else {
    // Side by side, a QR each: it opens the certificate's public page, which says whether it is
    // still valid. Loaded on the first CV, not at start-up.
    const { default: QRCode } = await import('qrcode');
    const size = 58;
    const colW = width / MAX_CERTIFICATES;
    const top = doc.y + 2;
    let bottom = top + size;
    for (const [i, c] of sheet.certificates.entries()) {
      const qr = await QRCode.toBuffer(c.url, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 200,
      });
      const x = left + i * colW;
      const textW = colW - size - 12;
      doc.image(qr, x, top, { width: size, height: size });
      doc
        .font(FONT.bold)
        .fontSize(8.5)
        .text(c.number, x + size + 6, top, { width: textW });
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .text(`${c.programme}, ${c.issued}`, { width: textW })
        .text(c.url, { width: textW, link: c.url });
      bottom = Math.max(bottom, doc.y);
    }
    doc.x = left;
    doc.y = bottom + 4;
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
