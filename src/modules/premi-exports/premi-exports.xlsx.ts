// The premi run as an XLSX workbook (exceljs): a sheet with one row per inmate and a bold total
// row, and a sheet with the revenue groups (source, split and its origin, revenue, material cost,
// premi, PNBP, capital). Each sheet opens with the title, the unit, the month and the run's status.
// exceljs is loaded on the first export, not at start-up.
import type ExcelJS from 'exceljs';
import type { Translate } from '../../app/i18n.ts';
import { RUPIAH_FORMAT } from '../production-reports/production-reports.xlsx.ts';
import { monthLabel, type RunWorkbookData } from './premi-exports.service.ts';

type Cell = string | number | null;
interface Column {
  label: string;
  money?: boolean;
  width?: number;
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, lines: Array<[string, string]>) {
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 13 };
  for (const [k, v] of lines) ws.addRow([k, v]);
  ws.addRow([]);
  return ws;
}

/** Bold heads, the rows, a bold total row; money columns as rupiah. Returns the first data row's number. */
function table(ws: ExcelJS.Worksheet, cols: Column[], rows: Cell[][], total?: Cell[]): number {
  ws.addRow(cols.map((c) => c.label)).font = { bold: true };
  const first = ws.rowCount + 1;
  for (const r of rows) ws.addRow(r);
  if (total) ws.addRow(total).font = { bold: true };
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, c.width ?? Math.max(10, Math.min(40, c.label.length + 2)));
    if (c.money)
      for (let n = first; n <= ws.rowCount; n++) ws.getRow(n).getCell(i + 1).numFmt = RUPIAH_FORMAT;
  });
  return first;
}

export async function runWorkbook(t: Translate, lang: 'id' | 'en', d: RunWorkbookData): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  const { run } = d;
  const status = `${t(`premiExports.status.${run.status}`)}${run.kind === 'reversal' ? ` (${t('premiExports.reversal')})` : ''}`;
  const head: Array<[string, string]> = [
    [t('premiExports.unit'), run.name],
    [t('premiExports.month'), monthLabel(run.month, lang)],
    [t('premiExports.status'), status],
  ];

  const people = sheet(wb, t('premiExports.people'), t('premiExports.title'), head);
  const money = (label: string): Column => ({ label, money: true, width: 16 });
  const cols: Column[] = [
    { label: t('premiExports.regNumber'), width: 18 },
    { label: t('premiExports.name'), width: 30 },
    { label: t('premiExports.itemsPassed') },
    { label: t('premiExports.itemsOwn') },
    { label: t('premiExports.sessions') },
    money(t('premiExports.offtakePremi')),
    money(t('premiExports.salesPremi')),
    money(t('premiExports.minimum')),
    money(t('premiExports.topup')),
    money(t('premiExports.total')),
    money(t('premiExports.saved')),
    money(t('premiExports.spendable')),
  ];
  const figures = (f: RunWorkbookData['totals']): Cell[] => [
    f.items_passed,
    f.items_own,
    f.sessions,
    f.offtake_premi,
    f.sales_premi,
    f.minimum,
    f.topup,
    f.total,
    f.saved,
    f.spendable,
  ];
  table(
    people,
    cols,
    d.lines.map((l) => [l.reg_number, l.name, ...figures(l)]),
    [t('premiExports.totalRow'), '', ...figures(d.totals)],
  );
  people.views = [{ state: 'frozen', ySplit: head.length + 3, xSplit: 2 }];

  const groups = sheet(
    wb,
    t('premiExports.groups'),
    `${t('premiExports.title')} — ${t('premiExports.groups')}`,
    head,
  );
  const sum = (f: (g: RunWorkbookData['groups'][number]) => number) => d.groups.reduce((s, g) => s + f(g), 0);
  table(
    groups,
    [
      { label: t('premiExports.source'), width: 20 },
      { label: t('premiExports.splitFrom'), width: 40 },
      { label: t('premiExports.split'), width: 26 },
      money(t('premiExports.revenue')),
      money(t('premiExports.materialCost')),
      money(t('premiExports.premi')),
      money(t('premiExports.pnbp')),
      money(t('premiExports.capital')),
    ],
    d.groups.map((g) => [
      t(`premiExports.source.${g.source}`),
      g.from_agreement && g.agreement_title
        ? t('premiExports.splitAgreement', { title: g.agreement_title })
        : t('premiExports.splitUnit'),
      `${g.premi_pct}/${g.pnbp_pct}/${g.capital_pct}`,
      g.revenue,
      g.material_cost,
      g.premi,
      g.pnbp,
      g.capital,
    ]),
    [
      t('premiExports.totalRow'),
      '',
      '',
      sum((g) => g.revenue),
      sum((g) => g.material_cost),
      sum((g) => g.premi),
      sum((g) => g.pnbp),
      sum((g) => g.capital),
    ],
  );
  // The pool (own sales' premi with no maker) and minimum top-ups are not in any group: said below.
  groups.addRow([]);
  for (const [label, v] of [
    [t('premiExports.pooled'), run.pooled],
    [t('premiExports.fromPool'), run.from_pool],
    [t('premiExports.topup'), run.topup],
  ] as const) {
    const row = groups.addRow([label, '', '', v]);
    row.getCell(4).numFmt = RUPIAH_FORMAT;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
