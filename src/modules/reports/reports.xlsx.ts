// The monthly report as an XLSX workbook (exceljs): a sheet of the figures section by section, a
// sheet of the programmes, and the narrative. Counts and sums only; money as whole rupiah.
// exceljs is loaded on the first export, not at start-up.
import type { Lang, Translate } from '../../app/i18n.ts';
import { RUPIAH_FORMAT } from '../production-reports/production-reports.xlsx.ts';
import { monthLabel } from './reports.parts.tsx';
import { monthOf } from './reports.rules.ts';
import { aksiLabel, programmeCells, programmeHeads, reportSections } from './reports.sections.ts';
import type { ReportDocument } from './reports.service.ts';

const PERCENT_FORMAT = '0.0"%"';

export async function reportXlsx(
  d: ReportDocument,
  o: { t: Translate; lang: Lang; premi: boolean },
): Promise<Buffer> {
  const { t } = o;
  const r = d.report;
  const month = monthOf(r.month);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();

  const head = (name: string) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([t('reports.docTitle')]).font = { bold: true, size: 13 };
    ws.addRow([t('reports.unit'), r.unit_name]);
    ws.addRow([t('reports.month'), monthLabel(month, o.lang)]);
    ws.addRow([t('reports.version'), r.version]);
    ws.addRow([t('reports.statusLabel'), t(`reports.status.${r.status}`)]);
    ws.addRow([]);
    return ws;
  };

  const ws = head(t('reports.sheetFigures'));
  ws.getColumn(1).width = 44;
  ws.getColumn(2).width = 20;
  for (const s of reportSections(d.figures, { t, premi: o.premi })) {
    ws.addRow([s.title]).font = { bold: true };
    for (const f of s.figures) {
      const row = ws.addRow([f.label, f.value]);
      const cell = row.getCell(2);
      if (f.kind === 'money') cell.numFmt = RUPIAH_FORMAT;
      if (f.kind === 'pct') cell.numFmt = PERCENT_FORMAT;
    }
    if (s.id === 'aksi') for (const a of d.figures.programAksi) ws.addRow([aksiLabel(a)]);
    ws.addRow([]);
  }

  const ps = head(t('reports.sheetProgrammes'));
  const heads = programmeHeads(t);
  ps.addRow(heads.map((h) => h.label)).font = { bold: true };
  for (const p of d.figures.programmes) ps.addRow(programmeCells(p));
  heads.forEach((h, i) => {
    const col = ps.getColumn(i + 1);
    col.width = i === 0 ? 40 : 14;
    if (h.kind === 'pct') col.numFmt = PERCENT_FORMAT;
  });

  const ns = head(t('reports.narrative'));
  ns.getColumn(1).width = 100;
  const cell = ns.addRow([r.narrative || '—']).getCell(1);
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (r.signed_by_name && r.signed_on)
    ns.addRow([`${t('reports.signedBy')}: ${r.signed_by_name}, ${r.signed_on}`]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
