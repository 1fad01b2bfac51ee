// The Program Aksi indicators as an XLSX workbook: the period and level on top, one row per item
// and place with the five figures (money as rupiah), the PNBP not attributable to an item, and a
// sheet saying how each figure is counted. Counts and sums only. exceljs loads on the first export.
import type { Translate } from '../../app/i18n.ts';
import type { Indicators } from './program-aksi-indicators.ts';
import { itemLabel } from './program-aksi-indicators.views.tsx';

const RUPIAH = '"Rp" #,##0;-"Rp" #,##0';
const FIGURES = ['programmes', 'participants', 'certificates', 'productionValue', 'pnbp'] as const;

export async function indicatorsWorkbook(t: Translate, d: Indicators, periodText: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();

  const ws = wb.addWorksheet(t('programAksi.ind.sheet'));
  ws.addRow([t('programAksi.ind.title')]).font = { bold: true, size: 13 };
  ws.addRow([t('programAksi.ind.periodLabel'), periodText]);
  ws.addRow([t('programAksi.ind.level'), t(`programAksi.ind.level.${d.level}`)]);
  ws.addRow([]);
  const place = d.level === 'unit' ? 'programAksi.ind.unit' : 'programAksi.ind.kanwil';
  const heads = [
    t('programAksi.ind.item'),
    ...(d.level === 'nation' ? [] : [t(place)]),
    ...(d.level === 'unit' ? [t('programAksi.ind.kanwil')] : []),
    ...FIGURES.map((k) => t(`programAksi.ind.col.${k}`)),
  ];
  ws.addRow(heads).font = { bold: true };
  const first = ws.rowCount + 1;
  for (const it of d.items) {
    for (const r of it.rows)
      ws.addRow([
        itemLabel(it),
        ...(d.level === 'nation' ? [] : [r.name]),
        ...(d.level === 'unit' ? [r.kanwilName ?? ''] : []),
        ...FIGURES.map((k) => r[k]),
      ]);
    if (it.rows.length === 0)
      ws.addRow([
        itemLabel(it),
        ...(d.level === 'nation' ? [] : ['']),
        ...(d.level === 'unit' ? [''] : []),
        0,
        0,
        0,
        0,
        0,
      ]);
  }
  const offset = heads.length - FIGURES.length;
  heads.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = i === 0 ? 50 : Math.max(12, Math.min(40, h.length + 2));
    const k = FIGURES[i - offset];
    if (k === 'productionValue' || k === 'pnbp')
      for (let n = first; n <= ws.rowCount; n++) ws.getRow(n).getCell(i + 1).numFmt = RUPIAH;
  });

  ws.addRow([]);
  ws.addRow([t('programAksi.ind.pnbpTitle')]).font = { bold: true };
  ws.addRow([
    t('programAksi.ind.place'),
    t('programAksi.ind.pnbp.total'),
    t('programAksi.ind.pnbp.attributed'),
    t('programAksi.ind.pnbp.notAttributed'),
  ]).font = { bold: true };
  for (const s of d.pnbp) {
    const row = ws.addRow([s.name, s.total, s.attributed, s.notAttributed]);
    for (const c of [2, 3, 4]) row.getCell(c).numFmt = RUPIAH;
  }

  const how = wb.addWorksheet(t('programAksi.ind.sheetHow'));
  how.getColumn(1).width = 120;
  for (const k of FIGURES) how.addRow([t(`programAksi.ind.how.${k}`)]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
