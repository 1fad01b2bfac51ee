// The roll-up tables as downloads: one XLSX workbook (exceljs) with a sheet per table, or one table
// as CSV (csv-stringify). The same rows, columns and totals as the page; counts and sums only.
// exceljs is loaded on the first export, not at start-up.
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import type { Lang, Translate } from '../../app/i18n.ts';
import type { TimeZone } from '../../db/schema.ts';
import { monthLabel } from '../production-reports/production-reports.parts.tsx';
import {
  COL_KIND,
  type ColKey,
  type ColKind,
  columnsFor,
  type Figures,
  type LevelRollup,
  lineOf,
  type OutcomeLine,
  ranked,
  type UnitRollup,
} from './rollups.tables.ts';
import { unitNames } from './rollups.unit.views.tsx';
import { levelNames } from './rollups.views.tsx';
import { freshnessText, reportPlain } from './rollups.words.ts';

type Cell = string | number | null;
export interface ExportTable {
  key: 'main' | 'ranking' | 'trend' | 'programmes' | 'outcomes';
  title: string;
  sheet: string;
  head: string[];
  kinds: Array<ColKind | 'text'>;
  rows: Cell[][];
  total?: Cell[];
}
interface Words {
  t: Translate;
  lang: Lang;
  zone: TimeZone;
}

const RUPIAH_FORMAT = '"Rp" #,##0;-"Rp" #,##0';
const PERCENT_FORMAT = '0.0"%"';

const heads = (w: Words, cols: readonly ColKey[]) => cols.map((c) => w.t(`rollups.col.${c}`));
const kinds = (cols: readonly ColKey[]) => cols.map((c) => COL_KIND[c]);
const cells = (f: Figures, cols: readonly ColKey[]) => {
  const line = lineOf(f);
  return cols.map((c) => line[c]);
};

function trendTable(
  w: Words,
  month: string,
  trend: readonly Figures[],
  cols: readonly ColKey[],
): ExportTable {
  return {
    key: 'trend',
    title: w.t('rollups.table.trend', { month: monthLabel(month, w.lang) }),
    sheet: w.t('rollups.sheet.trend'),
    head: [w.t('rollups.col.month'), ...heads(w, cols)],
    kinds: ['text', ...kinds(cols)],
    rows: trend.map((f) => [monthLabel(f.month, w.lang), ...cells(f, cols)]),
  };
}

/** A row's outcome cells: released, then each rate's count, n and percent (empty under five people). */
const outcomeCells = (o: OutcomeLine | null | undefined): Cell[] =>
  o
    ? [o.released, ...[o.followedUp, o.working6, o.reoffended12].flatMap((r) => [r.count, r.n, r.pct])]
    : [0, 0, 0, null, 0, 0, null, 0, 0, null];

/** The outcome table of a level (#16): one line per row and the total, rates suppressed under five. */
function outcomeTable(w: Words, d: LevelRollup, nameHead: string): ExportTable[] {
  const o = d.outcomes;
  if (!o) return [];
  const rate = (key: 'rollups.out.followedUp' | 'rollups.out.working6' | 'rollups.out.reoffended12') => [
    w.t(key),
    `${w.t(key)}: n`,
    `${w.t(key)}: %`,
  ];
  return [
    {
      key: 'outcomes',
      title: w.t('rollups.table.outcomes', {
        from: monthLabel(o.from, w.lang),
        to: monthLabel(o.to, w.lang),
      }),
      sheet: w.t('rollups.sheet.outcomes'),
      head: [
        nameHead,
        w.t('rollups.out.released'),
        ...rate('rollups.out.followedUp'),
        ...rate('rollups.out.working6'),
        ...rate('rollups.out.reoffended12'),
      ],
      kinds: ['text', 'count', 'count', 'count', 'rate', 'count', 'count', 'rate', 'count', 'count', 'rate'],
      rows: d.rows.map((r) => [r.name, ...outcomeCells(o.lines.get(r.id))]),
      total: [w.t('rollups.total'), ...outcomeCells(o.total)],
    },
  ];
}

/** The tables of a Kanwil or national page: the rows with their total, the ranking, the trend. */
export function levelTables(w: Words, d: LevelRollup, indicator: ColKey): ExportTable[] {
  const names = levelNames(w, d);
  const cols = columnsFor(d.money);
  const report = d.reports ? [w.t('rollups.col.report')] : [];
  return [
    {
      key: 'main',
      title: names.main,
      sheet: w.t('rollups.sheet.main'),
      head: [names.nameHead, ...heads(w, cols), ...report],
      kinds: ['text', ...kinds(cols), ...(d.reports ? (['text'] as const) : [])],
      rows: d.rows.map((r) => [
        r.name,
        ...cells(r.figures, cols),
        ...(d.reports ? [reportPlain(w.t, w.zone, r.report)] : []),
      ]),
      total: [w.t('rollups.total'), ...cells(d.total, cols), ...(d.reports ? [''] : [])],
    },
    {
      key: 'ranking',
      title: w.t('rollups.table.ranking', {
        indicator: w.t(`rollups.col.${indicator}`),
        month: monthLabel(d.month, w.lang),
      }),
      sheet: names.ranking,
      head: [names.rankHead, w.t('rollups.col.rank'), w.t(`rollups.col.${indicator}`)],
      kinds: ['text', 'count', COL_KIND[indicator]],
      rows: ranked(d.rows, indicator).map((r) => [r.row.province ?? r.row.name, r.rank, r.value]),
    },
    trendTable(w, d.month, d.trend, cols),
    ...outcomeTable(w, d, names.nameHead),
  ];
}

/** The tables of a unit's page: its programmes with the unit's total, and its trend. */
export function unitTables(w: Words, d: UnitRollup): ExportTable[] {
  const names = unitNames(w, d);
  const cols = columnsFor(false);
  return [
    {
      key: 'programmes',
      title: names.programmes,
      sheet: w.t('rollups.sheet.programmes'),
      head: [w.t('rollups.col.programme'), ...heads(w, cols)],
      kinds: ['text', ...kinds(cols)],
      rows: d.programmes.map((p) => [p.name, ...cells(p.figures, cols)]),
      total: [w.t('rollups.unitTotal'), ...cells(d.figures, cols)],
    },
    trendTable(w, d.month, d.trend, columnsFor(d.money)),
  ];
}

/** One table as CSV: a header line, the rows, the total; numbers plain (rates in percent, rupiah whole). */
export function csvOf(table: ExportTable): string {
  // The byte order mark lets spreadsheet programs read the UTF-8 names right.
  return `\ufeff${stringify([table.head, ...table.rows, ...(table.total ? [table.total] : [])])}`;
}

/** Every table in one workbook, a sheet each, headed by the page's title, area, month and freshness. */
export async function workbookOf(
  w: Words,
  head: { title: string; place: string; month: string; freshness: LevelRollup['freshness'] },
  tables: readonly ExportTable[],
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  for (const table of tables) {
    const ws = wb.addWorksheet(table.sheet.slice(0, 31));
    ws.addRow([head.title]).font = { bold: true, size: 13 };
    ws.addRow([table.title]).font = { bold: true };
    ws.addRow([w.t('rollups.export.place'), head.place]);
    ws.addRow([w.t('rollups.export.month'), monthLabel(head.month, w.lang)]);
    ws.addRow([w.t('rollups.export.fresh'), freshnessText(w.t, w.lang, w.zone, head.freshness)]);
    ws.addRow([]);
    addTable(ws, table);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTable(ws: ExcelJS.Worksheet, table: ExportTable) {
  ws.addRow(table.head).font = { bold: true };
  const first = ws.rowCount + 1;
  for (const r of table.rows) ws.addRow(r);
  if (table.total) ws.addRow(table.total).font = { bold: true };
  table.kinds.forEach((kind, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, Math.max(12, Math.min(40, (table.head[i] ?? '').length + 2)));
    for (let n = first; n <= ws.rowCount; n++) {
      const cell = ws.getRow(n).getCell(i + 1);
      if (kind === 'money') cell.numFmt = RUPIAH_FORMAT;
      else if (kind === 'rate') cell.numFmt = PERCENT_FORMAT;
    }
  });
}
