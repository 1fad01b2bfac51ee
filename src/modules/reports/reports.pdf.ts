// The monthly report as a printed letter: the unit's letterhead, the title and month, the figures
// section by section, the programmes table, the Program Aksi items, the narrative, and the Kepala
// UPT's signature block with name and NIP. Counts and sums only: no inmate appears in it.
import { formatDay } from '../../app/format.ts';
import type { Lang, Translate } from '../../app/i18n.ts';
import {
  bullets,
  documentTitle,
  drawLetterhead,
  FONT,
  facts,
  footers,
  type GridColumn,
  gridRow,
  heading,
  letterheadOf,
  newDocument,
  signatureBlock,
  toBuffer,
} from '../../app/pdf.ts';
import { figureText, monthLabel } from './reports.parts.tsx';
import { monthOf } from './reports.rules.ts';
import { aksiLabel, programmeCells, programmeHeads, reportSections } from './reports.sections.ts';
import type { ReportDocument } from './reports.service.ts';

/** "30 November 2026": the date as a letter writes it, without the weekday. */
const letterDate = (day: string, lang: Lang) => formatDay(day, lang).replace(/^[^,]+, /, '');

export async function reportPdf(
  d: ReportDocument,
  o: { t: Translate; lang: Lang; premi: boolean },
): Promise<Buffer> {
  const { t, lang } = o;
  const r = d.report;
  const month = monthOf(r.month);
  const title = t('reports.docTitle').toUpperCase();
  const doc = await newDocument({ title: `${title} ${r.unit_name} ${month}`, author: r.unit_name });
  drawLetterhead(doc, letterheadOf(d.unit));
  documentTitle(
    doc,
    title,
    13,
    `${t('reports.month')}: ${monthLabel(month, lang)} · ${t('reports.versionN', { n: r.version })}`,
  );
  if (d.live) {
    doc.moveDown(0.4);
    doc.font(FONT.bold).fontSize(10).fillColor('#a4161a').text(t('reports.pdfDraft'), { align: 'center' });
    doc.fillColor('#000000').font(FONT.regular);
  }
  if (r.revision_reason) {
    doc.moveDown(0.4);
    facts(doc, [[t('reports.revisionReason'), r.revision_reason]]);
  }

  for (const s of reportSections(d.figures, { t, premi: o.premi })) {
    heading(doc, s.title);
    facts(
      doc,
      s.figures.map((x) => [x.label, figureText({ lang }, x.value, x.kind)]),
    );
    if (s.id === 'programmes' && d.figures.programmes.length > 0) {
      doc.moveDown(0.4);
      const heads = programmeHeads(t);
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      const rest = (width - 140) / (heads.length - 1);
      const cols: GridColumn[] = heads.map((h, i) => ({
        title: h.label,
        w: i === 0 ? 140 : rest,
        align: i === 0 ? 'left' : 'right',
      }));
      gridRow(
        doc,
        cols,
        cols.map((c) => c.title),
        true,
      );
      for (const p of d.figures.programmes)
        gridRow(
          doc,
          cols,
          programmeCells(p).map((v, i) => figureText({ lang }, v, heads[i]?.kind ?? 'count')),
          false,
        );
    }
    if (s.id === 'aksi') {
      doc.moveDown(0.2);
      bullets(doc, d.figures.programAksi.map(aksiLabel), t('reports.noAksi'));
    }
  }

  heading(doc, t('reports.narrative'));
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(r.narrative || '—', doc.page.margins.left, doc.y, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'justify',
    });

  signatureBlock(doc, {
    place: d.unit.city ?? d.unit.name,
    dateText: r.signed_on ? letterDate(r.signed_on, lang) : '....................',
    title: d.head?.position ?? `${t('reports.kepala')} ${r.unit_name}`,
    name: d.head?.full_name || '....................................',
    nip: d.head?.nip ?? null,
  });
  footers(doc, (page, total) => `${t('reports.docTitle')} · ${r.unit_name} · ${month} · ${page}/${total}`);
  return toBuffer(doc);
}
