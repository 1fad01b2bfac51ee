// XLSX bombs: a small upload that unzips to tens of megabytes is refused before it is inflated,
// a zip whose directory lies about its sizes is stopped while inflating, and a file over the row
// cap is stopped at the cap, with a message in Indonesian (and English) where the user looks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { loadConfig } from '../../app/config.ts';
import { drainImportJobs } from './inmates.import.jobs.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADING = ['No. Registrasi', 'Nama', 'Jenis Kelamin', 'Tanggal Lahir', 'Tanggal Masuk'];

/** A real workbook whose first sheet is replaced by `sheetXml`, deflated at level 9. */
async function workbookWithSheet(sheetXml: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Data WBP').addRow(HEADING);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
}

/** Tens of megabytes of the same row: what a 1 MB upload can hide. */
async function bomb(rows: number): Promise<Buffer> {
  const row =
    '<row><c t="inlineStr"><is><t>B.I 1/2025</t></is></c><c t="inlineStr"><is><t>Budi</t></is></c></row>';
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(rows)}</sheetData></worksheet>`;
  return workbookWithSheet(xml);
}

/** The same zip, its directory (and local headers) claiming each entry unzips to twice its zipped size. */
function lyingAboutSizes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const compressed = out.readUInt32LE(at + 20);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt32LE(compressed * 2, at + 24);
    out.writeUInt32LE(compressed * 2, local + 22);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

function multipart(csrf: string, name: string, content: Buffer) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('XLSX bombs and oversized imports', () => {
  let t: TestApp;
  let petugas: Client;

  before(async () => {
    // A low row cap, so a file over it is small to build.
    t = await startTestApp({ IMPORT_MAX_ROWS: '50' });
    const unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  const upload = async (name: string, content: Buffer, url: string) => {
    const m = multipart(petugas.csrf, name, content);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: [...petugas.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
    await drainImportJobs();
    return res;
  };
  const imports = async () =>
    Number(
      (
        await t.db
          .selectFrom('inmate_imports')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a small XLSX that unzips to tens of megabytes is refused at upload, without inflating it', async () => {
    const file = await bomb(600_000); // about 60 MB of sheet XML
    assert.ok(file.length < 1024 * 1024, `the bomb is small: ${file.length} bytes`);
    const queued = await imports();
    const rss = process.memoryUsage().rss;
    const started = performance.now();

    const api = await upload('roster.xlsx', file, '/api/v1/inmate-imports');
    const page = await upload('roster.xlsx', file, '/inmates/import');

    const ms = performance.now() - started;
    const grown = (process.memoryUsage().rss - rss) / 1024 / 1024;
    console.log(
      `bomb ${file.length} bytes; refused in ${ms.toFixed(0)} ms (two uploads); RSS grew ${grown.toFixed(1)} MB`,
    );
    assert.equal(api.statusCode, 413, api.body.slice(0, 300));
    assert.match(api.body, /Berkas terlalu besar setelah diekstrak/);
    assert.equal(page.statusCode, 413);
    assert.match(page.body, /data-testid="error-file">\s*Berkas terlalu besar setelah diekstrak/);
    assert.equal(await imports(), queued, 'nothing is stored or queued');
    assert.ok(grown < 200, `RSS grew ${grown.toFixed(1)} MB`);
  });

  test('a zip whose directory understates its sizes fails the import while inflating, and says so on the page and in the API', async () => {
    const file = lyingAboutSizes(await bomb(600_000));
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const res = await upload('roster.xlsx', file, '/inmates/import');
    const grown = (process.memoryUsage().rss - rss) / 1024 / 1024;
    console.log(
      `lying zip ${file.length} bytes; failed in ${(performance.now() - started).toFixed(0)} ms; RSS grew ${grown.toFixed(1)} MB`,
    );
    assert.equal(res.statusCode, 303, 'the directory looks harmless, so the job reads it');
    const url = String(res.headers.location);
    const page = await petugas.get(url);
    assert.match(page.body, /data-testid="import-failed">Berkas terlalu besar setelah diekstrak/);
    const id = url.split('/').pop() ?? '';
    const api = JSON.parse((await petugas.json('GET', `/api/v1/inmate-imports/${id}`)).body) as {
      status: string;
      error: string;
    };
    assert.equal(api.status, 'failed');
    assert.match(api.error, /^Berkas terlalu besar setelah diekstrak/);
    assert.ok(grown < 200, `RSS grew ${grown.toFixed(1)} MB`);
  });

  test('an XLSX over the row cap is stopped at the cap and the preview names it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data WBP');
    ws.addRow(HEADING);
    for (let i = 1; i <= 80; i++)
      ws.addRow([`B.I ${i}/2025`, `Orang Ke ${i}`, 'L', '01/02/1990', '03/04/2025']);
    const res = await upload(
      'roster.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      '/api/v1/inmate-imports',
    );
    assert.equal(res.statusCode, 202, res.body.slice(0, 300));
    const { id } = JSON.parse(res.body) as { id: string };
    const got = JSON.parse((await petugas.json('GET', `/api/v1/inmate-imports/${id}`)).body) as {
      status: string;
      create: number;
      problems: Array<{ message: string }>;
    };
    assert.equal(got.create, 0);
    assert.deepEqual(
      got.problems.map((p) => p.message),
      ['Berkas berisi lebih dari 50 baris; bagi menjadi beberapa berkas.'],
    );
    assert.equal((await petugas.json('POST', `/api/v1/inmate-imports/${id}/confirm`, {})).statusCode, 400);
  });

  test('an XLSX row wider than the cell cap fails the import with its message', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data WBP');
    ws.addRow(HEADING);
    const wide = ['B.I 1/2025', 'Budi Santoso', 'L', '01/02/1990', '03/04/2025'];
    ws.addRow(wide);
    ws.getCell(2, 300).value = 'x'; // cell KN2: the row now spans 300 columns
    const res = await upload(
      'lebar.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      '/api/v1/inmate-imports',
    );
    assert.equal(res.statusCode, 202, res.body.slice(0, 300));
    const { id } = JSON.parse(res.body) as { id: string };
    const got = JSON.parse((await petugas.json('GET', `/api/v1/inmate-imports/${id}`)).body) as {
      status: string;
      error: string;
    };
    assert.equal(got.status, 'failed');
    assert.match(got.error, /^Sebuah baris di berkas berisi terlalu banyak sel/);
  });

  test('the caps are settings, validated like the others', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    assert.deepEqual(
      [
        c.importMaxRows,
        c.importMaxCellsPerRow,
        c.importXlsxMaxUnzippedMb,
        c.importXlsxMaxRatio,
        c.importXlsxMaxEntries,
      ],
      [20_000, 200, 50, 100, 1000],
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', IMPORT_XLSX_MAX_UNZIPPED_MB: '0' }),
      /IMPORT_XLSX_MAX_UNZIPPED_MB/,
    );
    assert.throws(() => loadConfig({ NODE_ENV: 'test', IMPORT_MAX_ROWS: 'many' }), /IMPORT_MAX_ROWS/);
  });
});
