// The printed certificate: the unit's letterhead, the holder, the programme, hours and attendance,
// the competencies table, signatures of the partner and the Kepala UPT, the number and a QR code
// that opens the public verification page. A certificate is an Indonesian document: always id.
import { formatDay } from '../../app/format.ts';
import {
  documentTitle,
  drawLetterhead,
  ensureSpace,
  FONT,
  facts,
  gridRow,
  letterheadOf,
  newDocument,
  nipLine,
  toBuffer,
} from '../../app/pdf.ts';
import type { CompetencyStatus } from '../../db/schema.ts';
import type { CertificateDocument } from './certificates.service.ts';

const RESULT: Record<CompetencyStatus, string> = {
  competent: 'Kompeten',
  not_yet_competent: 'Belum kompeten',
  in_progress: 'Dalam proses',
  not_started: 'Belum dimulai',
};

const dateOnly = (day: string) => formatDay(day, 'id').replace(/^[^,]+, /, '');
const num = (v: string | number) => String(Math.round(Number(v) * 100) / 100).replace('.', ',');

export async function certificatePdf(d: CertificateDocument, verifyUrl: string): Promise<Buffer> {
  const c = d.certificate;
  const doc = await newDocument({ title: `Sertifikat ${c.number}`, author: d.unit.name });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawLetterhead(doc, letterheadOf(d.unit));
  documentTitle(doc, 'SERTIFIKAT', 20, `Nomor: ${c.number}`);
  doc.moveDown(0.8).text('Diberikan kepada:', { width, align: 'center' });
  doc.moveDown(0.3).font(FONT.bold).fontSize(16).text(c.holder_name, { width, align: 'center' });
  doc.moveDown(0.5).font(FONT.regular).fontSize(10);
  const partnerText = d.partner ? ` bekerja sama dengan ${d.partner.name}` : '';
  doc.text(
    `yang telah menyelesaikan ${d.programme.name} yang diselenggarakan oleh ${d.unit.name}${partnerText}, dengan rincian sebagai berikut:`,
    left,
    doc.y,
    { width, align: 'justify' },
  );
  doc.moveDown(0.6);
  facts(doc, [
    ['Program', d.programme.name],
    ['Bidang keterampilan', d.programme.skill_area ?? '—'],
    ['Periode', `${dateOnly(c.started_on)} – ${dateOnly(c.ended_on ?? c.issued_on)}`],
    ['Jumlah jam pelatihan', `${num(c.hours)} jam`],
    ['Tingkat kehadiran', `${num(c.attendance_rate)}%`],
  ]);

  doc.moveDown(0.6).font(FONT.bold).text('Unit kompetensi', left);
  const cols = [
    { title: 'No', w: 28 },
    { title: 'Kode', w: 80 },
    { title: 'Unit kompetensi', w: width - 28 - 80 - 50 - 90 },
    { title: 'Jam', w: 50 },
    { title: 'Hasil', w: 90 },
  ];
  const row = (cells: string[], bold: boolean) => gridRow(doc, cols, cells, bold);
  row(
    cols.map((x) => x.title),
    true,
  );
  c.competencies.forEach((u, i) => {
    row([String(i + 1), u.code ?? '—', u.title, num(u.hours), RESULT[u.status]], false);
  });

  // Signatures: the partner on the left, the Kepala UPT on the right, as on a joint certificate.
  ensureSpace(doc, 250);
  doc.moveDown(1.5);
  const colW = 220;
  const rightX = doc.page.width - doc.page.margins.right - colW;
  const top = doc.y;
  doc.font(FONT.regular).fontSize(10);
  doc.text(`${d.unit.city ?? d.unit.name}, ${dateOnly(c.issued_on)}`, rightX, top, {
    width: colW,
    align: 'center',
  });
  const titleY = doc.y;
  doc.text(`${d.head?.position ?? `Kepala ${d.unit.name}`},`, rightX, titleY, {
    width: colW,
    align: 'center',
  });
  if (d.partner) {
    doc.text(`${d.partner.position ?? 'Pimpinan'},`, left, titleY, { width: colW, align: 'center' });
    doc.text(d.partner.name, left, doc.y, { width: colW, align: 'center' });
  }
  const nameY = titleY + 80;
  doc.font(FONT.bold).text(d.head?.full_name ?? '....................................', rightX, nameY, {
    width: colW,
    align: 'center',
    underline: Boolean(d.head),
  });
  doc.font(FONT.regular).text(nipLine(d.head?.nip), rightX, doc.y, {
    width: colW,
    align: 'center',
  });
  if (d.partner) {
    doc.font(FONT.bold).text(d.partner.signatory ?? '....................................', left, nameY, {
      width: colW,
      align: 'center',
      underline: Boolean(d.partner.signatory),
    });
  }

  // The QR code opens the public page, which says whether the certificate is still valid.
  // Loaded on the first certificate, not at start-up.
  const { default: QRCode } = await import('qrcode');
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const qrY = nameY + 50;
  ensureSpace(doc, 110);
  const y = Math.max(qrY, doc.y + 10);
  doc.image(qr, left, y, { width: 90, height: 90 });
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .text('Pindai kode QR untuk memeriksa keabsahan sertifikat ini:', left + 100, y + 20, {
      width: width - 100,
    })
    .text(verifyUrl, { width: width - 100, link: verifyUrl })
    .text(`Nomor sertifikat: ${c.number}`, { width: width - 100 });
  doc.x = left;
  return toBuffer(doc);
}
