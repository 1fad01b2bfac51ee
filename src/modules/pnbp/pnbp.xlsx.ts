// The PNBP report and the journal export for audit as XLSX workbooks (exceljs, loaded on the first
// export). Each sheet opens with its title and unit, then one table with a bold total row; money
// is whole rupiah with a rupiah number format.
import type ExcelJS from 'exceljs';
import type { Lang, Translate } from '../../app/i18n.ts';
import type { LedgerExport, PnbpOfUnit } from './pnbp.service.ts';
import { monthLabel } from './pnbp.views.tsx';

type Cell = string | number | null;
const RUPIAH_FORMAT = '"Rp" #,##0;-"Rp" #,##0';

async function newBook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  return wb;
}

function table(
  wb: ExcelJS.Workbook,
  name: string,
  head: { title: string; lines: Array<[string, string]> },
  cols: Array<{ label: string; money?: boolean; width?: number }>,
  rows: Cell[][],
  total: Cell[],
) {
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow([head.title]).font = { bold: true, size: 13 };
  for (const [k, v] of head.lines) ws.addRow([k, v]);
  ws.addRow([]);
  ws.addRow(cols.map((c) => c.label)).font = { bold: true };
  const first = ws.rowCount + 1;
  for (const r of rows) ws.addRow(r);
  ws.addRow(total).font = { bold: true };
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? Math.max(12, Math.min(40, c.label.length + 2));
    if (c.money)
      for (let n = first; n <= ws.rowCount; n++) ws.getRow(n).getCell(i + 1).numFmt = RUPIAH_FORMAT;
  });
  return ws;
}

const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** Per month: what the runs owed, what was deposited (with billing codes and NTPNs), what is outstanding. */
export async function pnbpWorkbook(t: Translate, lang: Lang, d: PnbpOfUnit): Promise<Buffer> {
  const wb = await newBook();
  const rows = [...d.months]
    .reverse()
    .map((m) => [
      m.month ? monthLabel(m.month, lang) : t('pnbp.noPeriod'),
      m.owed,
      m.deposited,
      m.deposits.map((x) => x.billing_code).join(', '),
      m.deposits.map((x) => x.ntpn).join(', '),
      m.outstanding,
    ]);
  table(
    wb,
    t('pnbp.title'),
    { title: t('pnbp.reportTitle'), lines: [[t('pnbp.unit'), d.unit.name]] },
    [
      { label: t('pnbp.month'), width: 18 },
      { label: t('pnbp.monthOwed'), money: true, width: 16 },
      { label: t('pnbp.monthDeposited'), money: true, width: 16 },
      { label: t('pnbp.billingCode'), width: 20 },
      { label: t('pnbp.ntpn'), width: 22 },
      { label: t('pnbp.outstanding'), money: true, width: 16 },
    ],
    rows,
    [t('premiTotals.total'), d.balance.accrued, d.balance.deposited, null, null, d.balance.owed],
  );
  return toBuffer(wb);
}

/** Every journal line of the period: debit and credit columns whose totals are equal. */
export async function ledgerWorkbook(t: Translate, d: LedgerExport): Promise<Buffer> {
  const wb = await newBook();
  const rows = d.rows.map((r) => [
    r.day,
    r.kind,
    r.memo,
    r.account,
    r.purpose,
    r.reg_number,
    r.pocket,
    r.amount > 0 ? r.amount : null,
    r.amount < 0 ? -r.amount : null,
  ]);
  table(
    wb,
    t('ledgerExport.title'),
    {
      title: t('ledgerExport.title'),
      lines: [
        [t('pnbp.unit'), d.unit.name],
        [t('ledgerExport.from'), d.from],
        [t('ledgerExport.to'), d.to],
      ],
    },
    [
      { label: t('ledgerExport.day'), width: 12 },
      { label: t('ledgerExport.kind'), width: 16 },
      { label: t('ledgerExport.memo'), width: 40 },
      { label: t('ledgerExport.account'), width: 12 },
      { label: t('ledgerExport.purpose'), width: 18 },
      { label: t('ledgerExport.regNumber'), width: 16 },
      { label: t('ledgerExport.pocket'), width: 11 },
      { label: t('ledgerExport.debit'), money: true, width: 16 },
      { label: t('ledgerExport.credit'), money: true, width: 16 },
    ],
    rows,
    [t('ledgerExport.total'), null, null, null, null, null, null, d.debit, d.credit],
  );
  return toBuffer(wb);
}
