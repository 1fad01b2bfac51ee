// The Kanwil's and Ditjenpas's roll-ups (issue 14, items 2, 3 and 8) with the demo data: the
// figures on the pages, exports and API are the monthly aggregates', a region's office sees its own
// region only, no page, export or answer carries an inmate's name or registration number, and a
// month still to come is refused with a clear message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx, systemPrincipal } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { addMonths } from '../production-reports/production-reports.rules.ts';
import { reportStatuses } from '../reports/reports.service.ts';
import { programmeMonths, refreshDirty, sumFigures, unitMonths } from './rollups.service.ts';
import { COLUMNS, type Figures, type Line, lineOf } from './rollups.tables.ts';

/** The numbers a table row carries for its chart: column → value (null for "nothing to count"). */
function rowValues(html: string, table: string, row: string): Partial<Line> {
  const t = new RegExp(`<table id="${table}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const tr = new RegExp(`<tr data-row="${row}">([\\s\\S]*?)</tr>`).exec(t)?.[1];
  assert.ok(tr, `row ${row} in ${table}`);
  const out: Partial<Line> = {};
  // An empty data-value (nothing to count, e.g. a Bapas without programmes) renders as a bare attribute.
  for (const m of tr.matchAll(/data-col="(\w+)" data-value(?:="([^"]*)")?/g))
    out[m[1] as keyof Line] = m[2] === undefined || m[2] === '' ? null : Number(m[2]);
  return out;
}

const rowIds = (html: string, table: string) => {
  const t = new RegExp(`<table id="${table}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return [...t.matchAll(/<tr data-row="([^"]+)">/g)].map((m) => m[1]).filter((id) => id !== 'total');
};

async function xlsxText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const cells: unknown[] = [];
  for (const ws of wb.worksheets) ws.eachRow((r) => cells.push(r.values));
  return JSON.stringify(cells);
}

describe('roll-ups for the Kanwil and Ditjenpas, with the demo data', () => {
  let t: TestApp;
  const as = new Map<string, Client>();
  const id = { magetan: '', madiun: '', kerobokan: '', jatim: '', bali: '' };
  let month = '';
  let jatimUnits: string[] = [];
  /** The aggregates as H1 keeps them, with premi and PNBP (the Kanwil reads premi totals). */
  let expected = new Map<string, Figures>();

  before(async () => {
    t = await startTestApp({}, { demo: true });
    await refreshDirty(t.db);
    const units = await t.db.selectFrom('units').select(['id', 'code', 'kanwil_id']).execute();
    const kanwil = await t.db.selectFrom('kanwil').select(['id', 'code']).execute();
    const unit = (code: string) => units.find((u) => u.code === code)?.id ?? '';
    id.magetan = unit('RUTAN-MGT');
    id.madiun = unit('LAPAS-MDN');
    id.kerobokan = unit('LAPAS-KRB');
    id.jatim = kanwil.find((k) => k.code === 'JATIM')?.id ?? '';
    id.bali = kanwil.find((k) => k.code === 'BALI')?.id ?? '';
    jatimUnits = units.filter((u) => u.kanwil_id === id.jatim).map((u) => u.id);
    month = addMonths(dayInZone(new Date(), 'Asia/Jakarta').slice(0, 7), -1);
    const rows = await unitMonths(systemCtx(t.db), { from: month, to: month });
    expected = new Map(
      rows.map((r) => [r.unitId, { ...sumFigures(month, [r]), premi: r.premi, pnbp: r.pnbp }]),
    );
    for (const u of ['kanwil.jatim', 'ditjenpas', 'ari.rahmanto', 'petugas.madiun'])
      as.set(u, await t.signedIn(u, DEMO_PASSWORD));
  });
  after(() => t.close());

  const client = (u: string) => {
    const c = as.get(u);
    assert.ok(c, u);
    return c;
  };
  const line = (unitId: string) =>
    lineOf(expected.get(unitId) ?? { ...sumFigures(month, []), premi: 0, pnbp: 0 });

  test("the Kanwil sees its region's units side by side, figures equal to the aggregates, with a total", async () => {
    const res = await client('kanwil.jatim').get('/rollups');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(rowIds(res.body, 'rollup-main').sort(), [...jatimUnits].sort());
    assert.ok(!rowIds(res.body, 'rollup-main').includes(id.kerobokan));
    assert.ok(
      jatimUnits.some((u) => (expected.get(u)?.sessionsHeld ?? 0) > 0),
      'the demo region has held sessions last month, so the comparison is not of zeros',
    );
    for (const u of jatimUnits) assert.deepEqual(rowValues(res.body, 'rollup-main', u), line(u), u);
    const total = lineOf({
      ...sumFigures(
        month,
        jatimUnits.flatMap((u) => expected.get(u) ?? []),
      ),
      premi: jatimUnits.reduce((s, u) => s + (expected.get(u)?.premi ?? 0), 0),
      pnbp: jatimUnits.reduce((s, u) => s + (expected.get(u)?.pnbp ?? 0), 0),
    });
    assert.deepEqual(rowValues(res.body, 'rollup-main', 'total'), total);
    // Each unit's row leads down to its page; the freshness stamp is in words.
    assert.match(res.body, new RegExp(`href="/rollups/units/${id.magetan}\\?month=${month}"`));
    assert.match(
      res.body,
      /data-testid="rollup-freshness">(Angka per \w+, \d+ \w+ \d{4} \d\d\.\d\d WIB; |Belum ada)/,
    );
    assert.match(
      res.body,
      /class="table-wrap"[^>]*>\s*<table id="rollup-main"/,
      'the table scrolls in its own region',
    );
    assert.match(res.body, /data-testid="nav-rollups"/);
  });

  test("the Laporan column shows each unit's report status and links to the report", async () => {
    // As the Kanwil reads them: a unit's draft is the unit's own business until it is submitted.
    const kanwil = {
      ...systemPrincipal('kanwil.jatim'),
      roles: ['kanwil' as const],
      kanwilId: id.jatim,
      scope: scopeFor({ unit_id: null, kanwil_id: id.jatim, roles: ['kanwil'] }, jatimUnits),
    };
    let linked = 0;
    for (const m of [month, addMonths(month, -1)]) {
      const res = await client('kanwil.jatim').get(`/rollups?month=${m}`);
      const statuses = await reportStatuses(
        { db: t.db, who: kanwil, now: new Date() },
        { month: m, unitIds: jatimUnits },
      );
      assert.match(res.body, /<th scope="col">Laporan<\/th>/);
      for (const u of jatimUnits) {
        const s = statuses.get(u);
        assert.ok(s, u);
        const tr = new RegExp(`<tr data-row="${u}">([\\s\\S]*?)</tr>`).exec(res.body)?.[1] ?? '';
        assert.match(tr, new RegExp(`data-report="${s.status}"`));
        if (s.reportId && (s.status === 'submitted' || s.status === 'acknowledged')) {
          assert.match(tr, new RegExp(`href="/reports/${s.reportId}"`));
          linked++;
        }
        if (s.late) assert.match(tr, /terlambat/);
      }
    }
    assert.ok(linked > 0, "the demo's submitted reports (Magetan's, before the latest) are linked");
  });

  test('Ditjenpas sees one row per Kanwil, the sum of its units, then the region, then the unit', async () => {
    const res = await client('ditjenpas').get(`/rollups?month=${month}&indicator=participants`);
    assert.equal(res.statusCode, 200);
    const jatim = lineOf({
      ...sumFigures(
        month,
        jatimUnits.flatMap((u) => expected.get(u) ?? []),
      ),
      premi: jatimUnits.reduce((s, u) => s + (expected.get(u)?.premi ?? 0), 0),
      pnbp: jatimUnits.reduce((s, u) => s + (expected.get(u)?.pnbp ?? 0), 0),
    });
    assert.deepEqual(rowValues(res.body, 'rollup-main', id.jatim), jatim);
    assert.ok(rowIds(res.body, 'rollup-main').includes(id.bali));
    // The ranking by the chosen indicator (a GET select, no script needed), highest first.
    const ranking = /<table id="rollup-ranking"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    const values = [...ranking.matchAll(/data-col="participants" data-value="(\d*)"/g)].map((m) =>
      Number(m[1]),
    );
    assert.ok(values.length >= 2);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
    );
    assert.match(res.body, /<option value="participants" selected/);
    assert.equal(
      (await client('ditjenpas').get(`/rollups/kanwil/${id.jatim}?month=${month}`)).statusCode,
      200,
    );
    const unit = await client('ditjenpas').get(`/rollups/units/${id.magetan}?month=${month}`);
    assert.equal(unit.statusCode, 200);
    assert.match(unit.body, new RegExp(`href="/rollups/kanwil/${id.jatim}\\?month=${month}"`));
  });

  test("a unit's page shows its programmes' aggregates, its own total and a 12-month trend", async () => {
    const res = await client('kanwil.jatim').get(`/rollups/units/${id.magetan}?month=${month}`);
    assert.equal(res.statusCode, 200);
    const progs = await programmeMonths(systemCtx(t.db), { from: month, to: month, unitId: id.magetan });
    assert.equal(rowIds(res.body, 'rollup-programmes').length, progs.length);
    const noPremi = (l: Line) =>
      Object.fromEntries(COLUMNS.filter((c) => c !== 'premi' && c !== 'pnbp').map((c) => [c, l[c]]));
    for (const p of progs)
      assert.deepEqual(
        rowValues(res.body, 'rollup-programmes', p.programmeId),
        noPremi(lineOf({ ...sumFigures(month, [p]), premi: null, pnbp: null })),
      );
    assert.deepEqual(rowValues(res.body, 'rollup-programmes', 'total'), noPremi(line(id.magetan)));
    assert.equal(rowIds(res.body, 'rollup-trend').length, 12);
    assert.deepEqual(rowValues(res.body, 'rollup-trend', month), line(id.magetan));
  });

  test('a Kanwil gets 404 for a unit or a Kanwil of another region, on pages, exports and API', async () => {
    const c = client('kanwil.jatim');
    for (const url of [
      `/rollups/units/${id.kerobokan}`,
      `/rollups/units/${id.kerobokan}.xlsx`,
      `/rollups/units/${id.kerobokan}.csv`,
      `/rollups/kanwil/${id.bali}`,
      `/rollups/kanwil/${id.bali}.xlsx`,
      `/api/v1/rollups/units/${id.kerobokan}`,
      `/api/v1/rollups/kanwil/${id.bali}`,
    ])
      assert.equal((await c.get(url)).statusCode, 404, url);
    assert.equal((await c.get(`/rollups/kanwil/${id.jatim}`)).statusCode, 200);
  });

  test("a unit's staff open their own unit's roll-up only", async () => {
    const kepala = client('ari.rahmanto');
    const home = await kepala.get(`/rollups?month=${month}`);
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, `/rollups/units/${id.magetan}?month=${month}`);
    assert.equal((await kepala.get(`/rollups/units/${id.magetan}`)).statusCode, 200);
    assert.equal((await kepala.get(`/rollups/units/${id.madiun}`)).statusCode, 404);
    assert.equal((await kepala.get(`/rollups/kanwil/${id.jatim}`)).statusCode, 404);
    assert.equal((await client('petugas.madiun').get(`/rollups/units/${id.magetan}`)).statusCode, 404);
  });

  test('the exports carry the same tables: XLSX with a sheet each, CSV one table at a time', async () => {
    const c = client('kanwil.jatim');
    const xlsx = await c.get(`/rollups.xlsx?month=${month}`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Rekap', 'Peringkat', 'Tren', 'Hasil reintegrasi'],
    );
    const csv = await c.get(`/rollups.csv?month=${month}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.match(lines[0] ?? '', /^UPT,Peserta,Sesi terlaksana/);
    assert.equal(lines.length, 1 + jatimUnits.length + 1, 'head, a row per unit, the total');
    const trend = await c.get(`/rollups.csv?month=${month}&table=trend`);
    assert.equal(trend.body.trim().split('\n').length, 13);
    const unitCsv = await c.get(`/rollups/units/${id.magetan}.csv?month=${month}&table=trend`);
    assert.equal(unitCsv.statusCode, 200);
    assert.equal((await c.get(`/rollups/units/${id.magetan}.xlsx?month=${month}`)).statusCode, 200);
    assert.equal((await c.get(`/rollups.csv?table=nothing`)).statusCode, 400);
  });

  test('the API answers the same figures as the pages', async () => {
    const res = await client('kanwil.jatim').get(`/api/v1/rollups?month=${month}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = JSON.parse(res.body) as {
      level: string;
      rows: Array<{
        id: string;
        figures: { sessions_held: number; production_value: number; premi: number };
      }>;
    };
    assert.equal(body.level, 'kanwil');
    assert.deepEqual(body.rows.map((r) => r.id).sort(), [...jatimUnits].sort());
    for (const r of body.rows) {
      assert.equal(r.figures.sessions_held, expected.get(r.id)?.sessionsHeld ?? 0);
      assert.equal(r.figures.production_value, expected.get(r.id)?.offtakeValue ?? 0);
      assert.equal(r.figures.premi, expected.get(r.id)?.premi ?? 0);
    }
    const nation = JSON.parse((await client('ditjenpas').get(`/api/v1/rollups?month=${month}`)).body) as {
      level: string;
      rows: Array<{ id: string; reports: { units: number } | null }>;
    };
    assert.equal(nation.level, 'nation');
    assert.equal(nation.rows.find((r) => r.id === id.jatim)?.reports?.units, jatimUnits.length);
    const unit = await client('kanwil.jatim').get(`/api/v1/rollups/units/${id.magetan}?month=${month}`);
    assert.equal(unit.statusCode, 200);
    assert.equal((JSON.parse(unit.body) as { trend: unknown[] }).trend.length, 12);
  });

  test("no roll-up page, export or answer carries an inmate's name or registration number", async () => {
    const register = await t.db.selectFrom('inmates').select(['name', 'reg_number']).execute();
    assert.ok(register.length > 50, 'the demo register is loaded');
    const urls = (kanwil: string) => [
      `/rollups?month=${month}`,
      `/rollups.csv?month=${month}`,
      `/rollups.csv?month=${month}&table=trend`,
      `/rollups/kanwil/${kanwil}?month=${month}`,
      `/rollups/units/${id.magetan}?month=${month}`,
      `/rollups/units/${id.magetan}.csv?month=${month}`,
      `/api/v1/rollups?month=${month}`,
      `/api/v1/rollups/kanwil/${kanwil}?month=${month}`,
      `/api/v1/rollups/units/${id.magetan}?month=${month}`,
    ];
    const bodies: Array<[string, string]> = [];
    for (const u of ['kanwil.jatim', 'ditjenpas']) {
      for (const url of urls(id.jatim)) {
        const res = await client(u).get(url);
        assert.equal(res.statusCode, 200, `${u} ${url}`);
        bodies.push([`${u} ${url}`, res.body]);
      }
      for (const url of [
        `/rollups.xlsx?month=${month}`,
        `/rollups/units/${id.magetan}.xlsx?month=${month}`,
      ]) {
        const res = await client(u).get(url);
        assert.equal(res.statusCode, 200, `${u} ${url}`);
        bodies.push([`${u} ${url}`, await xlsxText(res.rawPayload)]);
      }
    }
    for (const [where, body] of bodies)
      for (const p of register) {
        assert.ok(!body.includes(p.name), `${where} shows ${p.name}`);
        assert.ok(!body.includes(p.reg_number), `${where} shows ${p.reg_number}`);
      }
  });

  test('a month still to come is refused with a clear message, never a failure', async () => {
    const next = addMonths(dayInZone(new Date(), 'Asia/Jakarta').slice(0, 7), 1);
    const c = client('kanwil.jatim');
    const page = await c.get(`/rollups?month=${next}`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /belum tiba\. Pilih bulan ini atau bulan sebelumnya/);
    assert.match(page.body, /<input type="month" name="month"/, 'the form to choose again');
    const api = await c.get(`/api/v1/rollups/units/${id.magetan}?month=${next}`);
    assert.equal(api.statusCode, 400);
    const err = JSON.parse(api.body) as { error: { fields: Array<{ field: string; message: string }> } };
    assert.equal(err.error.fields[0]?.field, 'month');
    assert.match(err.error.fields[0]?.message ?? '', /belum tiba/);
    assert.equal((await c.get(`/rollups.xlsx?month=${next}`)).statusCode, 400);
    assert.equal((await c.get('/rollups?month=2026-13')).statusCode, 400);
    assert.equal((await c.get(`/rollups/units/${id.magetan}?month=${next}`)).statusCode, 400);
  });
});
