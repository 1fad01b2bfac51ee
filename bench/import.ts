// `npm run bench:import` (and the second half of `npm run bench`): the SDP import at 10,000 rows,
// through the real code. A fresh embedded PostgreSQL in a temp folder, migrated, with one generated
// unit; a 10,000-row CSV as Indonesian Excel saves it (semicolons, BOM, CRLF, dd/mm/yyyy) is parsed,
// then queued, previewed and confirmed through the import jobs, run in this process as a worker
// would (10,000 created); then a 10,000-row XLSX of the same people with changed rooms, education
// and skills goes the same way (10,000 updated). Prints seconds for each step and node's memory.
import os from 'node:os';
import ExcelJS from 'exceljs';
import { SYSTEM, systemCtx } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import { activeNotIn, idsByRegNumber } from '../src/modules/inmates/inmates.import.repo.ts';
import {
  confirmImport,
  getImport,
  importProgress,
  queueImport,
  runImportJob,
} from '../src/modules/inmates/inmates.import.service.ts';
import { parseRoster, readTable } from '../src/modules/inmates/inmates.import.ts';
import { freshEmbedded, generate, type InmateRow, makeInmate, pick, rng } from './generate.ts';
import { freePort } from './startup.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const TODAY = '2026-01-05';

const HEADER = [
  'No Registrasi',
  'Nama',
  'Jenis Kelamin',
  'Tanggal Lahir',
  'Tanggal Masuk',
  'Tanggal Ekspirasi',
  'Blok',
  'Kamar',
  'Pendidikan',
  'Keterampilan',
  'Minat',
  'Tingkat Risiko',
  'Pembatasan Kesehatan',
  'NIK',
];

const dmy = (day: string | null) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '');

function cellsOf(p: InmateRow): string[] {
  return [
    p.reg_number,
    p.name,
    p.gender === 'L' ? 'Laki-laki' : 'Perempuan',
    dmy(p.birth_date),
    dmy(p.entry_date),
    dmy(p.expected_release_date),
    p.block ?? '',
    p.room ?? '',
    p.education ?? '',
    p.skills.join(', '),
    p.interests.join(', '),
    p.risk_level ?? '',
    p.health_restriction ? 'Ya' : 'Tidak',
    p.nik ?? '',
  ];
}

/** A semicolon CSV with BOM and CRLF, quoting as Excel does (fields holding ; " or a line break). */
function toCsv(people: InmateRow[]): Buffer {
  const q = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [HEADER, ...people.map(cellsOf)].map((cells) => cells.map(q).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** An XLSX with real date cells (as an SDP export opened and saved in Excel has). */
async function toXlsx(people: InmateRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data WBP');
  ws.addRow(HEADER);
  const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const p of people) {
    const c = cellsOf(p);
    ws.addRow([
      c[0],
      c[1],
      c[2],
      date(p.birth_date),
      date(p.entry_date),
      date(p.expected_release_date),
      ...c.slice(6),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function timed<T>(fn: () => Promise<T> | T): Promise<{ s: number; value: T; rss: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { s: (performance.now() - t0) / 1000, value, rss: process.memoryUsage().rss };
}

async function main(): Promise<void> {
  const say = (m: string) => process.stderr.write(`${m}\n`);
  say('import bench: fresh embedded PostgreSQL, migrated...');
  const server = await freshEmbedded(await freePort());
  const db = createDb(server.url, { max: 4, applicationName: 'simandiri-bench-import' });
  try {
    const made = await generate(server.url, {
      units: 1,
      inmates: 0,
      programmesPerUnit: 0,
      weeks: 0,
      prefix: 'IMP',
      start: TODAY,
    });
    const unitId = made.unitIds[0] as string;
    // The system at work in the unit (national scope, as the bench always ran).
    const ctx = { ...systemCtx(db), who: { ...SYSTEM, unitId } };

    const r = rng(10_000);
    const serials = new Map<string, number>();
    const people = Array.from({ length: ROWS }, () => makeInmate(r, { today: TODAY, serials }));
    // The second file: the same people (matched by number), moved rooms, more schooling, new skills.
    const changed = people.map((p) => ({
      ...p,
      room: String((Number(p.room ?? 0) % 40) + 1),
      education: pick(r, ['SMP', 'SMA', 'SMK']),
      skills: [...new Set([...p.skills, 'Menjahit'])],
      nik: null,
    }));
    const csv = toCsv(people);
    const xlsxBuilt = await timed(() => toXlsx(changed));
    const xlsx = xlsxBuilt.value;
    say(`files: CSV ${mb(csv.length)} (${csv.length} bytes), XLSX ${mb(xlsx.length)} (${xlsx.length} bytes)`);

    // Through the jobs as the app runs them: upload (queued), preview job, confirm, apply job.
    const previewImport = async (filename: string, content: Buffer) => {
      const id = await queueImport(ctx, { filename, content });
      await runImportJob(db, { kind: 'preview', id });
      const p = await importProgress(ctx, id);
      if (p.status !== 'previewed') throw new Error(`${filename}: preview ${p.status} ${p.error ?? ''}`);
      return id;
    };
    const applyImport = async (id: string) => {
      await confirmImport(ctx, id);
      await runImportJob(db, { kind: 'apply', id, actor: SYSTEM.actor });
      return id;
    };
    // Outside the timed steps: what the apply job did.
    const outcome = async (id: string) => {
      const b = await getImport(ctx, id);
      if (b.status !== 'applied') throw new Error(`apply ${b.status} ${b.error ?? ''}`);
      const created = b.rows.filter((x) => x.action === 'create').length;
      return { created, updated: b.rows.length - created };
    };

    const rows: Array<[string, string]> = [
      ['node RSS before the import steps', mb(process.memoryUsage().rss)],
    ];
    const step = async (label: string, fn: () => Promise<unknown> | unknown) => {
      say(`  ${label}...`);
      const t = await timed(fn);
      rows.push([label, `${t.s.toFixed(2)} s   (node RSS ${mb(t.rss)})`]);
      return t.value;
    };

    // 1. CSV: every row new.
    const parsedCsv = (await step(`CSV parse (${ROWS} rows: read + check)`, async () =>
      parseRoster(await readTable('sdp.csv', csv)),
    )) as ReturnType<typeof parseRoster>;
    if (parsedCsv.problems.length || parsedCsv.rows.length !== ROWS)
      throw new Error(
        `CSV: ${parsedCsv.rows.length} rows, problems ${JSON.stringify(parsedCsv.problems.slice(0, 5))}`,
      );
    const csvBatch = (await step('CSV preview job (queue, parse, match, store batch)', () =>
      previewImport('sdp.csv', csv),
    )) as string;
    await step(`CSV confirm + apply job (create ${ROWS})`, () => applyImport(csvBatch));
    const created = await outcome(csvBatch);
    if (created.created !== ROWS) throw new Error(`expected ${ROWS} created, got ${JSON.stringify(created)}`);

    // 2. XLSX: every row an update of the people just created.
    const parsedXlsx = (await step(`XLSX parse (${ROWS} rows: read + check)`, async () =>
      parseRoster(await readTable('sdp.xlsx', xlsx)),
    )) as ReturnType<typeof parseRoster>;
    if (parsedXlsx.problems.length || parsedXlsx.rows.length !== ROWS)
      throw new Error(
        `XLSX: ${parsedXlsx.rows.length} rows, problems ${JSON.stringify(parsedXlsx.problems.slice(0, 5))}`,
      );
    const xlsxBatch = (await step('XLSX preview job (queue, parse, match, store batch)', () =>
      previewImport('sdp.xlsx', xlsx),
    )) as string;
    await step(`XLSX confirm + apply job (update ${ROWS})`, () => applyImport(xlsxBatch));
    const updated = await outcome(xlsxBatch);
    if (updated.updated !== ROWS || updated.created !== 0)
      throw new Error(`expected ${ROWS} updated, got ${JSON.stringify(updated)}`);

    // Diagnostics: the two queries a preview runs against a unit that already holds every row.
    const numbers = parsedXlsx.rows.map((x) => x.values.reg_number);
    const matchQ = await timed(() => idsByRegNumber(db, unitId, numbers));
    const absentQ = await timed(() => activeNotIn(db, unitId, numbers));
    const check = await db
      .selectFrom('inmates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_id', '=', unitId)
      .where('education', 'in', ['SMP', 'SMA', 'SMK'])
      .executeTakeFirstOrThrow();
    const stored = await db
      .selectFrom('inmate_imports')
      .select((eb) => eb.fn.max(eb.fn<number>('pg_column_size', ['rows'])).as('bytes'))
      .executeTakeFirstOrThrow();
    const total = rows.reduce(
      (s, [k, v]) => s + (k.includes('parse (') || k.includes('RSS') ? 0 : Number.parseFloat(v)),
      0,
    );
    rows.push(['', '']);
    rows.push(['CSV and XLSX imports, preview + confirm, together', `${total.toFixed(2)} s`]);
    rows.push([`  of which matching by number (${ROWS} in the unit)`, `${matchQ.s.toFixed(2)} s`]);
    rows.push([`  of which listing the absent (reg_number <> all(...))`, `${absentQ.s.toFixed(2)} s`]);
    rows.push(['building the XLSX in the bench (not the app)', `${xlsxBuilt.s.toFixed(2)} s`]);
    rows.push(['a stored preview batch (jsonb, compressed)', mb(Number(stored.bytes ?? 0))]);
    rows.push(['rows with the updated education after import 2', String(check.n)]);
    rows.push([
      'node RSS now / peak',
      `${mb(process.memoryUsage().rss)} / ${mb(process.resourceUsage().maxRSS * 1024)}`,
    ]);

    const w = Math.max(...rows.map(([k]) => k.length));
    const v = Math.max(...rows.map(([, x]) => x.length));
    const line = `+${'-'.repeat(w + 2)}+${'-'.repeat(v + 2)}+`;
    const body = rows.map(([k, x]) => (k === '' ? line : `| ${k.padEnd(w)} | ${x.padStart(v)} |`));
    process.stdout.write(
      `\nSimandiri SDP import bench: ${ROWS} rows, node ${process.version}, ${os.cpus().length} CPUs, ` +
        `${mb(os.totalmem())} RAM\n${[line, ...body, line].join('\n')}\n`,
    );
  } finally {
    await db.destroy();
    await server.stop();
  }
}

try {
  await main();
} catch (err) {
  process.stderr.write(
    `import bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
}
