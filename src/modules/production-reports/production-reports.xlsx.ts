// The production reports as XLSX workbooks (exceljs): each sheet opens with the report's title, the
// unit and the month, then one table with a bold total row; money cells are whole rupiah with a
// rupiah number format. Names appear in the participants workbook only (production.view).
// exceljs is loaded on the first export, not at start-up.
import type ExcelJS from 'exceljs';
import type { Translate } from '../../app/i18n.ts';
import type { PaymentMethod, SaleChannel } from '../../db/schema.ts';
import { monthLabel } from './production-reports.parts.tsx';
import type {
  participantsReport,
  programmesReport,
  receivables,
  salesBook,
  stockReport,
} from './production-reports.service.ts';

type Lang = 'id' | 'en';
type Cell = string | number | null;
export interface Column {
  label: string;
  money?: boolean;
  width?: number;
}

export const RUPIAH_FORMAT = '"Rp" #,##0;-"Rp" #,##0';
const PERCENT_FORMAT = '0.0"%"';

async function newBook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  return wb;
}

/** A sheet with the title, unit and month (or day) on top: who reads a printed copy knows what it is. */
function sheet(wb: ExcelJS.Workbook, name: string, head: { title: string; lines: Array<[string, string]> }) {
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow([head.title]).font = { bold: true, size: 13 };
  for (const [k, v] of head.lines) ws.addRow([k, v]);
  ws.addRow([]);
  return ws;
}

/** One table: bold heads, rows, and a bold total row; money columns formatted as rupiah. */
function table(ws: ExcelJS.Worksheet, cols: Column[], rows: Cell[][], total?: Cell[], pct: number[] = []) {
  const headRow = ws.addRow(cols.map((c) => c.label));
  headRow.font = { bold: true };
  const first = ws.rowCount + 1;
  for (const r of rows) ws.addRow(r);
  if (total) ws.addRow(total).font = { bold: true };
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, c.width ?? Math.max(10, Math.min(40, c.label.length + 2)));
    for (let n = first; n <= ws.rowCount; n++) {
      const cell = ws.getRow(n).getCell(i + 1);
      if (c.money) cell.numFmt = RUPIAH_FORMAT;
      else if (pct.includes(i)) cell.numFmt = PERCENT_FORMAT;
    }
  });
  ws.addRow([]);
}

const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

export async function programmesWorkbook(
  t: Translate,
  lang: Lang,
  d: Awaited<ReturnType<typeof programmesReport>>,
) {
  const wb = await newBook();
  const unit = d.place.name ?? t('prodReports.allUnits');
  const ws = sheet(wb, t('prodReports.byProgramme'), {
    title: t('prodReports.title'),
    lines: [
      [t('prodReports.unit'), unit],
      [t('prodReports.month'), monthLabel(d.month, lang)],
    ],
  });
  const figures: Column[] = [
    { label: t('prodReports.finished') },
    { label: t('prodReports.sent') },
    { label: t('prodReports.passed') },
    { label: t('prodReports.rejected') },
    { label: t('prodReports.passRate') },
    { label: t('prodReports.value'), money: true, width: 18 },
    { label: t('prodReports.ownStock') },
  ];
  const cells = (f: typeof d.totals) => [
    f.finished,
    f.sent,
    f.passed,
    f.rejected,
    f.pass_rate,
    f.value,
    f.own_stock,
  ];
  table(
    ws,
    [
      { label: t('prodReports.programme'), width: 36 },
      { label: t('prodReports.unit'), width: 28 },
      ...figures,
    ],
    d.programmes.map((p) => [p.programme_name, p.unit_name, ...cells(p.month)]),
    [t('prodReports.total'), '', ...cells(d.totals)],
    [6],
  );
  const hist = sheet(wb, t('prodReports.history'), {
    title: `${t('prodReports.title')} — ${t('prodReports.history')}`,
    lines: [[t('prodReports.unit'), unit]],
  });
  table(
    hist,
    [
      { label: t('prodReports.programme'), width: 36 },
      { label: t('prodReports.unit'), width: 28 },
      { label: t('prodReports.month') },
      ...figures,
    ],
    d.programmes.flatMap((p) => p.history.map((h) => [p.programme_name, p.unit_name, h.month, ...cells(h)])),
    undefined,
    [7],
  );
  return toBuffer(wb);
}

export async function participantsWorkbook(
  t: Translate,
  lang: Lang,
  d: Awaited<ReturnType<typeof participantsReport>>,
) {
  const wb = await newBook();
  const ws = sheet(wb, t('prodReports.participants'), {
    title: t('prodReports.participants'),
    lines: [
      [t('prodReports.unit'), d.place.name ?? t('prodReports.allUnits')],
      [t('prodReports.month'), monthLabel(d.month, lang)],
    ],
  });
  table(
    ws,
    [
      { label: t('prodReports.name'), width: 32 },
      { label: t('prodReports.regNumber'), width: 16 },
      { label: t('prodReports.programme'), width: 32 },
      { label: t('prodReports.finished') },
      { label: t('prodReports.passed') },
      { label: t('prodReports.rejected') },
      { label: t('prodReports.value'), money: true, width: 18 },
    ],
    d.rows.map((r) => [
      r.name,
      r.reg_number ?? '',
      r.programme_name,
      r.finished,
      r.passed,
      r.rejected,
      r.value,
    ]),
    [t('prodReports.total'), '', '', d.totals.finished, d.totals.passed, d.totals.rejected, d.totals.value],
  );
  return toBuffer(wb);
}

export async function stockWorkbook(t: Translate, d: Awaited<ReturnType<typeof stockReport>>) {
  const wb = await newBook();
  const lines: Array<[string, string]> = [
    [t('prodReports.unit'), d.place.name ?? t('prodReports.allUnits')],
    [t('prodReports.date'), d.day],
  ];
  const ws = sheet(wb, t('prodReports.products'), { title: t('prodReports.stock'), lines });
  table(
    ws,
    [
      { label: t('prodReports.products'), width: 30 },
      { label: t('prodReports.uom') },
      { label: t('prodReports.route'), width: 16 },
      { label: t('prodReports.awaiting') },
      { label: t('prodReports.inCheck') },
      { label: t('prodReports.onHand') },
      { label: t('prodReports.reserved') },
      { label: t('prodReports.sold') },
    ],
    d.products.map((p) => [
      p.name,
      p.uom,
      t(`prodReports.route.${p.route}`),
      p.awaiting_check,
      p.in_check,
      p.on_hand,
      p.reserved,
      p.sold,
    ]),
  );
  const ms = sheet(wb, t('prodReports.materials'), { title: t('prodReports.stock'), lines });
  table(
    ms,
    [
      { label: t('prodReports.materials'), width: 30 },
      { label: t('prodReports.uom') },
      { label: t('prodReports.owner'), width: 30 },
      { label: t('prodReports.onHand') },
      { label: t('prodReports.lowLevel') },
      { label: t('prodReports.low') },
      { label: t('prodReports.stockValue'), money: true, width: 18 },
    ],
    d.materials.map((m) => [
      m.name,
      m.uom,
      m.partner_name
        ? `${t(`prodReports.owner.${m.owner}`)} (${m.partner_name})`
        : t(`prodReports.owner.${m.owner}`),
      m.on_hand,
      m.low_stock_level,
      m.low ? t('common.yes') : '',
      m.value,
    ]),
    [t('prodReports.total'), '', '', '', '', '', d.materialsValue],
  );
  return toBuffer(wb);
}

export async function salesBookWorkbook(t: Translate, lang: Lang, d: Awaited<ReturnType<typeof salesBook>>) {
  const wb = await newBook();
  const ws = sheet(wb, t('prodReports.salesBook'), {
    title: t('prodReports.salesBook'),
    lines: [
      [t('prodReports.unit'), d.place.name ?? t('prodReports.allUnits')],
      [t('prodReports.month'), monthLabel(d.month, lang)],
    ],
  });
  table(
    ws,
    [
      { label: t('prodReports.number'), width: 18 },
      { label: t('prodReports.date'), width: 12 },
      { label: t('prodReports.channel'), width: 16 },
      { label: t('prodReports.buyer'), width: 24 },
      { label: t('prodReports.method') },
      { label: t('prodReports.note'), width: 24 },
      { label: t('prodReports.total'), money: true, width: 18 },
    ],
    d.sales.map((s) => [
      s.number,
      s.sold_on,
      t(`prodReports.channel.${s.channel}`),
      s.buyer_name ?? '',
      t(`prodReports.method.${s.payment_method}`),
      s.reverses_number
        ? t('prodReports.reversalOf', { number: s.reverses_number })
        : s.status === 'cancelled'
          ? t('prodReports.cancelled')
          : (s.payment_ref ?? ''),
      s.total,
    ]),
    [t('prodReports.total'), '', '', '', '', '', d.total],
  );
  const byKey = (
    title: string,
    rows: ReadonlyArray<{ key: string; count: number; total: number }>,
    label: (k: string) => string,
  ) => {
    ws.addRow([title]).font = { bold: true };
    table(
      ws,
      [{ label: title }, { label: t('prodReports.count') }, { label: t('prodReports.total'), money: true }],
      rows.map((r) => [label(r.key), r.count, r.total]),
      [t('prodReports.total'), sum(rows, (r) => r.count), sum(rows, (r) => r.total)],
    );
  };
  byKey(t('prodReports.byChannel'), d.byChannel, (k) => t(`prodReports.channel.${k as SaleChannel}`));
  byKey(t('prodReports.byMethod'), d.byMethod, (k) => t(`prodReports.method.${k as PaymentMethod}`));
  return toBuffer(wb);
}

export async function receivablesWorkbook(t: Translate, d: Awaited<ReturnType<typeof receivables>>) {
  const wb = await newBook();
  const ws = sheet(wb, t('prodReports.receivables'), {
    title: t('prodReports.receivables'),
    lines: [
      [t('prodReports.unit'), d.place.name ?? t('prodReports.allUnits')],
      [t('prodReports.date'), d.day],
    ],
  });
  table(
    ws,
    [
      { label: t('prodReports.partner'), width: 32 },
      { label: t('prodReports.invoice'), width: 18 },
      { label: t('prodReports.issuedOn'), width: 12 },
      { label: t('prodReports.dueOn'), width: 12 },
      { label: t('prodReports.invoiceTotal'), money: true, width: 18 },
      { label: t('prodReports.paid'), money: true, width: 18 },
      { label: t('prodReports.owed'), money: true, width: 18 },
      { label: t('prodReports.age') },
    ],
    d.partners.flatMap((p) =>
      p.invoices.map((i) => [
        p.partner_name,
        i.number,
        i.issued_on,
        i.due_on ?? '',
        i.total,
        i.paid,
        i.owed,
        i.age_days,
      ]),
    ),
    [t('prodReports.total'), '', '', '', d.total, d.paid, d.owed, null],
  );
  return toBuffer(wb);
}
