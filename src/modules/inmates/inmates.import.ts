// Reads an SDP roster export (CSV with comma or semicolon, with or without BOM, or XLSX) into
// checked rows and a list of problems per row and column. No database: matching happens later.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
// exceljs is loaded on the first XLSX file, not at start-up (it adds ~0.3 s to every start).
import type ExcelJS from 'exceljs';
import { AppError } from '../../app/errors.ts';
import type { ImportProblem, ImportRow, RegisterClass, RiskLevel } from '../../db/schema.ts';
import {
  checkXlsxDirectory,
  checkXlsxInflated,
  DEFAULT_LIMITS,
  type ImportLimits,
} from './inmates.import.xlsx.ts';
import { parseRegNumber } from './inmates.rules.ts';

export const MAX_ROWS = DEFAULT_LIMITS.maxRows;

export type Field = keyof ImportRow['values'];

/** Column headings as SDP and units write them, compared without case, spaces or punctuation. */
const ALIASES: Record<Field, readonly string[]> = {
  reg_number: ['noregistrasi', 'nomorregistrasi', 'noreg', 'registrasi', 'regnumber', 'nomorregister'],
  register_class: [],
  name: ['nama', 'namalengkap', 'namawbp', 'name'],
  gender: ['jeniskelamin', 'jk', 'kelamin', 'gender'],
  birth_date: ['tanggallahir', 'tgllahir', 'birthdate'],
  entry_date: ['tanggalmasuk', 'tglmasuk', 'tanggalpenahanan', 'entrydate'],
  expected_release_date: [
    'tanggalekspirasi',
    'tglekspirasi',
    'ekspirasi',
    'tanggalbebas',
    'expectedreleasedate',
  ],
  block: ['blok', 'block'],
  room: ['kamar', 'room'],
  education: ['pendidikan', 'pendidikanterakhir', 'education'],
  skills: ['keterampilan', 'keahlian', 'skills'],
  interests: ['minat', 'interests'],
  risk_level: ['tingkatrisiko', 'risiko', 'risklevel'],
  health_restriction: ['pembatasankesehatan', 'healthrestriction'],
  nik: ['nik'],
};
const REQUIRED: readonly Field[] = ['reg_number', 'name', 'gender', 'birth_date', 'entry_date'];
const MAX_LEN: Partial<Record<Field, number>> = { name: 120, block: 40, room: 40, education: 60 };

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** "21/01/2026", "21-1-2026", "21.01.2026" or "2026-01-21" -> "2026-01-21"; null if not a real day. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d || y < 1900)
    return null;
  return at.toISOString().slice(0, 10);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return '';
}

/**
 * The file's cells as text, one array per line, with the file's own line numbers. An XLSX is first
 * checked against the limits (see inmates.import.xlsx.ts), then streamed: reading stops once the
 * rows below the heading pass `limits.maxRows` (the checker then reports the row cap), and a row
 * with more than `limits.maxCellsPerRow` cells refuses the file.
 */
export async function readTable(
  filename: string,
  content: Buffer,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<Array<{ line: number; cells: string[] }>> {
  const isZip = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(filename)) {
    await checkXlsxDirectory(content, limits);
    await checkXlsxInflated(content, limits);
    const { default: Excel } = await import('exceljs');
    const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([content]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    const out: Array<{ line: number; cells: string[] }> = [];
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        if (values.length > limits.maxCellsPerRow)
          throw new AppError('inmate_imports.too_many_cells', 400, 'import.tooManyCells');
        const cells = values.map((v) => cellText(v as ExcelJS.CellValue).trim());
        if (!cells.some((c) => c !== '')) continue;
        out.push({ line: row.number, cells });
        // The heading, the cap, and one more row: enough for the checker to name the cap.
        if (out.length > limits.maxRows + 1) break;
      }
      break;
    }
    return out;
  }
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

const GENDER: Record<string, 'L' | 'P'> = {
  l: 'L',
  lakilaki: 'L',
  pria: 'L',
  male: 'L',
  m: 'L',
  p: 'P',
  perempuan: 'P',
  wanita: 'P',
  female: 'P',
  f: 'P',
};
const RISK: Record<string, RiskLevel> = {
  rendah: 'rendah',
  low: 'rendah',
  sedang: 'sedang',
  medium: 'sedang',
  tinggi: 'tinggi',
  high: 'tinggi',
};
const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'ada']);
const NO = new Set(['', 'tidak', 't', 'no', 'n', 'false', '0', 'tidakada']);

const list = (s: string) => [
  ...new Set(
    s
      .split(/[,;\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

export interface ParsedRoster {
  rows: Array<Omit<ImportRow, 'action' | 'inmate_id'>>;
  problems: ImportProblem[];
}

interface Checker {
  body: ReadonlyArray<{ line: number; cells: string[] }>;
  check(line: number, cells: string[]): void;
  result: ParsedRoster;
}

/** The heading row and the body; a file that cannot be checked row by row gives its problems. */
function checker(
  table: ReadonlyArray<{ line: number; cells: string[] }>,
  maxRows = MAX_ROWS,
): ParsedRoster | Checker {
  const problems: ImportProblem[] = [];
  const header = table[0];
  if (!header) return { rows: [], problems: [{ row: 1, column: '-', key: 'import.empty' }] };
  const col = new Map<Field, number>();
  header.cells.forEach((h, i) => {
    const key = norm(h);
    for (const [field, names] of Object.entries(ALIASES) as Array<[Field, readonly string[]]>)
      if (names.includes(key) && !col.has(field)) col.set(field, i);
  });
  for (const f of REQUIRED)
    if (!col.has(f)) problems.push({ row: header.line, column: f, key: 'import.missingColumn' });
  if (problems.length) return { rows: [], problems };
  const body = table.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length === 0)
    return { rows: [], problems: [{ row: header.line, column: '-', key: 'import.empty' }] };
  if (body.length > maxRows)
    return {
      rows: [],
      problems: [{ row: header.line, column: '-', key: 'import.tooManyRows', params: { n: maxRows } }],
    };

  const rows: ParsedRoster['rows'] = [];
  const seen = new Map<string, number>();
  const check = (line: number, cells: string[]) => {
    const before = problems.length;
    const get = (f: Field) => {
      const i = col.get(f);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const bad = (column: Field, key: string, params?: Record<string, string | number>) =>
      problems.push({ row: line, column, key, ...(params ? { params } : {}) });
    for (const f of REQUIRED) if (!get(f)) bad(f, 'err.required');
    for (const [f, max] of Object.entries(MAX_LEN) as Array<[Field, number]>)
      if (get(f).length > max) bad(f, 'err.maxLength', { n: max });
    const reg = get('reg_number') ? parseRegNumber(get('reg_number')) : null;
    if (get('reg_number') && !reg) bad('reg_number', 'inmates.regInvalid');
    if (reg) {
      const first = seen.get(reg.number);
      if (first !== undefined) bad('reg_number', 'import.duplicateInFile', { row: first });
      else seen.set(reg.number, line);
    }
    if (get('name') && get('name').length < 2) bad('name', 'err.minLength', { n: 2 });
    const gender = GENDER[norm(get('gender'))];
    if (get('gender') && !gender) bad('gender', 'import.badGender');
    const day = (f: Field) => {
      const raw = get(f);
      if (!raw) return null;
      const d = parseDay(raw);
      if (!d) bad(f, 'import.badDate');
      return d;
    };
    const birth = day('birth_date');
    const entry = day('entry_date');
    const release = day('expected_release_date');
    if (birth && entry && birth >= entry) bad('birth_date', 'inmates.birthAfterEntry');
    if (release && entry && release < entry) bad('expected_release_date', 'inmates.releaseBeforeEntry');
    const risk = RISK[norm(get('risk_level'))];
    if (get('risk_level') && !risk) bad('risk_level', 'import.badRisk');
    const health = norm(get('health_restriction'));
    if (!YES.has(health) && !NO.has(health)) bad('health_restriction', 'import.badYesNo');
    const nik = get('nik').replace(/[\s'.-]/g, '');
    if (nik && !/^[0-9]{16}$/.test(nik)) bad('nik', 'import.badNik');
    if (problems.length > before || !reg || !gender || !birth || !entry) return;
    rows.push({
      row: line,
      values: {
        reg_number: reg.number,
        register_class: reg.registerClass as RegisterClass,
        name: get('name'),
        gender,
        birth_date: birth,
        entry_date: entry,
        expected_release_date: release,
        block: get('block') || null,
        room: get('room') || null,
        education: get('education') || null,
        skills: list(get('skills')),
        interests: list(get('interests')),
        risk_level: risk ?? null,
        health_restriction: YES.has(health),
        nik: nik || null,
      },
    });
  };
  return { body, check, result: { rows, problems } };
}

/** Checks every row and collects every problem; a row with any problem is left out of `rows`. */
export function parseRoster(table: ReadonlyArray<{ line: number; cells: string[] }>): ParsedRoster {
  const c = checker(table);
  if (!('check' in c)) return c;
  for (const { line, cells } of c.body) c.check(line, cells);
  return c.result;
}

/**
 * The same check for a background job: every `every` rows it awaits `progress(done, total)`, so the
 * job can record how far it is and other requests get their turn on the event loop.
 */
export async function parseRosterInSteps(
  table: ReadonlyArray<{ line: number; cells: string[] }>,
  progress: (done: number, total: number) => Promise<void>,
  every = 1000,
  maxRows = MAX_ROWS,
): Promise<ParsedRoster> {
  const c = checker(table, maxRows);
  if (!('check' in c)) return c;
  const total = c.body.length;
  await progress(0, total);
  for (let i = 0; i < total; i++) {
    const r = c.body[i] as { line: number; cells: string[] };
    c.check(r.line, r.cells);
    if ((i + 1) % every === 0 && i + 1 < total) await progress(i + 1, total);
  }
  await progress(total, total);
  return c.result;
}

/**
 * A cheap look at an upload before it is queued, so an obviously unreadable file is refused on the
 * form: an XLSX must be a zip with its end-of-directory record; a CSV must not hold NUL bytes.
 */
export function looksReadable(filename: string, content: Buffer): boolean {
  if (content.length === 0) return false;
  const isZip = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(filename)) {
    if (!isZip) return false;
    const tail = content.subarray(Math.max(0, content.length - 66_000));
    return tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0;
  }
  return !content.subarray(0, 8192).includes(0);
}
