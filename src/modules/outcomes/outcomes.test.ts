// Reintegration outcomes end to end: counted from built records through the maintained aggregates
// (the 0031 triggers mark the release month, the job recounts), per unit and programme; rates under
// five people suppressed on the page, the API and the workbook; a Kanwil sees its region's counts
// and never a person, and gets 404 for another region's unit; the monthly report carries them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildReleased } from '../../../test/outcomes-fixtures.ts';
import { translator } from '../../app/i18n.ts';
import { systemCtx } from '../../app/principal.ts';
import { readFigures } from '../reports/reports.figures.ts';
import { reportSections } from '../reports/reports.sections.ts';
import type { OutcomeCounts } from '../rollups/rollups.figures.ts';
import { refreshDirty } from '../rollups/rollups.service.ts';
import { outcomesOf } from './outcomes.service.ts';

interface Group {
  released: number;
  followed_up: number;
  m6: number;
  m6_working: number;
  m12: number;
  m12_reoffended: number;
  rates: Record<
    'followed_up' | 'working_6' | 'reoffended_12',
    { count: number; n: number; pct: number | null }
  >;
}
interface Answer {
  from: string;
  to: string;
  total: Group;
  units: Array<Group & { unit_id: string; unit_name: string }>;
  programmes: Array<Group & { programme_id: string; name: string }>;
}

describe('reintegration outcomes', () => {
  let t: TestApp;
  let unitA = '';
  let unitB = '';
  let knit = '';
  let sew = '';
  let weld = '';
  const names: string[] = [];
  let petugas: Client;
  let kepala: Client;
  let kanwil: Client;
  let otherKanwil: Client;
  let pusat: Client;

  before(async () => {
    t = await startTestApp();
    const jatim = await buildKanwil(t.db, { name: 'Kanwil Jawa Timur' });
    const bali = await buildKanwil(t.db, { name: 'Kanwil Bali' });
    unitA = (await buildUnit(t.db, { kanwil_id: jatim.id, name: 'Rutan Magetan' })).id;
    unitB = (await buildUnit(t.db, { kanwil_id: bali.id, name: 'Lapas Kerobokan' })).id;
    knit = (await buildProgramme(t.db, { unit_id: unitA, name: 'Pelatihan Rajut' })).id;
    sew = (await buildProgramme(t.db, { unit_id: unitA, name: 'Pelatihan Menjahit' })).id;
    weld = (await buildProgramme(t.db, { unit_id: unitB, name: 'Pelatihan Las' })).id;
    const released = async (o: Parameters<typeof buildReleased>[1]) =>
      names.push((await buildReleased(t.db, o)).name);
    const knitting = { unit_id: unitA, programme_id: knit };
    // Six knitters released in March 2026.
    await released({
      ...knitting,
      released_on: '2026-03-02',
      followUps: [
        { month_no: 1, work_status: 'employed' },
        { month_no: 6, work_status: 'employed' },
        { month_no: 12, work_status: 'employed' },
      ],
    });
    await released({
      ...knitting,
      released_on: '2026-03-10',
      alsoIn: sew,
      followUps: [
        { month_no: 6, work_status: 'own_business' },
        { month_no: 12, contact_lost: true, reoffended: true },
      ],
    });
    await released({ ...knitting, released_on: '2026-03-11', followUps: [{ month_no: 6 }] });
    await released({
      ...knitting,
      released_on: '2026-03-12',
      followUps: [{ month_no: 6, contact_lost: true }],
    });
    await released({
      ...knitting,
      released_on: '2026-03-31',
      followUps: [{ month_no: 1, work_status: 'employed' }],
    });
    await released({ ...knitting, released_on: '2026-03-20' });
    // Released the year before: outside 2026.
    await released({ ...knitting, released_on: '2025-12-30', followUps: [{ month_no: 1 }] });
    // Two welders of another region, released in April, not followed up yet.
    await released({ unit_id: unitB, programme_id: weld, released_on: '2026-04-01' });
    await released({ unit_id: unitB, programme_id: weld, released_on: '2026-04-15' });
    await refreshDirty(t.db);

    const sign = async (o: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, o)).username);
    petugas = await sign({ roles: ['petugas'], unit_id: unitA });
    kepala = await sign({ roles: ['kepala_upt'], unit_id: unitA });
    kanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: jatim.id });
    otherKanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: bali.id });
    pusat = await sign({ roles: ['pusat'], unit_id: null });
  });
  after(() => t.close());

  test('counts come from the records: released, followed up, in work at 6 months, re-offended at 12', async () => {
    const d = await outcomesOf(systemCtx(t.db), { from: '2026-01', to: '2026-12' });
    const a = d.units.find((u) => u.unitId === unitA);
    assert.deepEqual(countsOf(a?.counts), {
      released: 6,
      followedUp: 5,
      m6: 3,
      m6Working: 2,
      m12: 2,
      m12Reoffended: 1,
    });
    assert.deepEqual(a?.rates.followedUp, { count: 5, n: 6, pct: 83.3 });
    const byName = new Map(d.programmes.map((p) => [p.name, countsOf(p.counts)]));
    assert.deepEqual(byName.get('Pelatihan Rajut'), countsOf(a?.counts));
    // One knitter also took sewing: the programme counts them, the unit once.
    assert.deepEqual(byName.get('Pelatihan Menjahit'), {
      released: 1,
      followedUp: 1,
      m6: 1,
      m6Working: 1,
      m12: 1,
      m12Reoffended: 1,
    });
    assert.equal(d.units.find((u) => u.unitId === unitB)?.counts.released, 2);
    assert.equal(d.total.counts.released, 8);
    // December 2025 is another period; the same person is counted there alone.
    const dec = await outcomesOf(systemCtx(t.db), { from: '2025-12', to: '2025-12' });
    assert.deepEqual(
      dec.units.map((u) => [u.unitId, u.counts.released, u.counts.followedUp]),
      [[unitA, 1, 1]],
    );
  });

  test('a follow-up recorded later changes the release month once the job has recounted it', async () => {
    const inmate = await t.db
      .selectFrom('reintegration_cases')
      .select('inmate_id')
      .where('released_on', '=', '2026-03-20')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('follow_ups')
      .values({
        inmate_id: inmate.inmate_id,
        unit_id: unitA,
        month_no: 1,
        contacted_on: '2026-04-20',
        contact_lost: false,
        work_status: 'not_working',
        income_band: null,
        in_trade: null,
        reoffended: false,
        note: null,
        recorded_by: null,
      })
      .execute();
    await refreshDirty(t.db);
    const d = await outcomesOf(systemCtx(t.db), { from: '2026-03', to: '2026-03', unitId: unitA });
    assert.equal(d.units[0]?.counts.followedUp, 6);
    await t.db.deleteFrom('follow_ups').where('inmate_id', '=', inmate.inmate_id).execute();
    await refreshDirty(t.db);
    const back = await outcomesOf(systemCtx(t.db), { from: '2026-03', to: '2026-03', unitId: unitA });
    assert.equal(back.units[0]?.counts.followedUp, 5);
  });

  test('no rate for fewer than five people: the n is shown, the percent is not, on every output', async () => {
    const res = await petugas.json('GET', '/api/v1/outcomes?year=2026');
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json() as Answer;
    assert.deepEqual(
      a.units.map((u) => u.unit_id),
      [unitA],
      "a unit's staff see their unit only",
    );
    const unit = a.units[0];
    assert.deepEqual(unit?.rates.followed_up, { count: 5, n: 6, pct: 83.3 });
    assert.deepEqual(unit?.rates.working_6, { count: 2, n: 3, pct: null });
    assert.deepEqual(unit?.rates.reoffended_12, { count: 1, n: 2, pct: null });
    const sewing = a.programmes.find((p) => p.name === 'Pelatihan Menjahit');
    assert.deepEqual(sewing?.rates.followed_up, { count: 1, n: 1, pct: null });

    const page = await petugas.get('/reintegration/outcomes?year=2026');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`data-testid="unit-${unitA}-followed" data-n="6" data-pct="83.3"`));
    assert.match(page.body, new RegExp(`data-testid="unit-${unitA}-working" data-n="3" data-pct>`));
    assert.match(page.body, /tidak ditampilkan: kurang dari 5 orang/);
    assert.match(page.body, /83,3%/);

    const xlsx = await petugas.get('/reintegration/outcomes.xlsx?year=2026');
    assert.equal(xlsx.statusCode, 200);
    const cells = await workbookCells(xlsx.rawPayload);
    assert.ok(cells.includes(83.3), 'the rate of six people is in the workbook');
    assert.ok(!cells.includes(66.7), 'the rate of three people (2 of 3) is not');
    assert.ok(!cells.includes(50), 'the rate of two people (1 of 2) is not');
    assert.ok(cells.includes('tidak ditampilkan: kurang dari 5 orang'));
  });

  test("a Kanwil sees its region's units as counts, never a person, and 404 for another region's unit", async () => {
    const res = await kanwil.json('GET', '/api/v1/outcomes?year=2026');
    const a = res.json() as Answer;
    assert.deepEqual(
      a.units.map((u) => u.unit_id),
      [unitA],
    );
    assert.equal((await kanwil.json('GET', `/api/v1/outcomes?year=2026&unit=${unitB}`)).statusCode, 404);
    assert.equal((await kanwil.get(`/reintegration/outcomes?unit=${unitB}`)).statusCode, 404);
    assert.equal((await otherKanwil.json('GET', `/api/v1/outcomes?unit=${unitB}`)).statusCode, 200);
    const page = await kanwil.get('/reintegration/outcomes?year=2026');
    const xlsx = await kanwil.get('/reintegration/outcomes.xlsx?year=2026');
    const cells = (await workbookCells(xlsx.rawPayload)).map(String).join('\n');
    for (const name of names) {
      assert.ok(!page.body.includes(name), `the page names ${name}`);
      assert.ok(!res.body.includes(name), `the API names ${name}`);
      assert.ok(!cells.includes(name), `the workbook names ${name}`);
    }
    const reg = await t.db.selectFrom('inmates').select('reg_number').where('unit_id', '=', unitA).execute();
    for (const r of reg) assert.ok(!page.body.includes(r.reg_number));

    const national = (await pusat.json('GET', '/api/v1/outcomes?year=2026')).json() as Answer;
    assert.deepEqual(national.units.map((u) => u.unit_id).sort(), [unitA, unitB].sort());
    assert.equal(national.total.released, 8);
  });

  test('the roll-ups carry the outcomes of the 12 release months up to their month, suppressed as everywhere', async () => {
    // Kanwil Jawa Timur: its unit's line, released March 2026 and December 2025 (7 people).
    const page = await kanwil.get('/rollups?month=2026-04');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="rollup-outcomes"/);
    const row = page.body.slice(
      page.body.indexOf(`data-row="${unitA}"`, page.body.indexOf('rollup-outcomes')),
    );
    assert.match(row, /^data-row="[^"]+"><th scope="row">Rutan Magetan<\/th><td class="num">7<\/td>/);
    assert.match(row, /data-n="7" data-pct="85.7"/);
    assert.match(row, /data-n="3" data-pct>/);
    const csv = await kanwil.get('/rollups.csv?month=2026-04&table=outcomes');
    assert.equal(csv.statusCode, 200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.equal(lines[1], 'Rutan Magetan,7,6,7,85.7,2,3,,1,2,');
    for (const name of names) assert.ok(!page.body.includes(name) && !csv.body.includes(name));
    // The nation: a line per Kanwil, each group's rates from its own sums.
    const national = await pusat.get('/rollups.csv?month=2026-04&table=outcomes');
    const rows = national.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n')
      .slice(1);
    assert.ok(rows.includes('Kanwil Bali,2,0,2,,0,0,,0,0,'), rows.join(' | '));
    assert.ok(rows.includes('Kanwil Jawa Timur,7,6,7,85.7,2,3,,1,2,'), rows.join(' | '));
    assert.ok(
      rows.some((r) => r.endsWith(',9,6,9,66.7,2,3,,1,2,')),
      'the total is the sum of the nation',
    );
    const api = (await pusat.json('GET', '/api/v1/rollups?month=2026-04')).json() as {
      outcomes: {
        from: string;
        rows: Array<{ released: number; followed_up: { n: number; pct: number | null } }>;
      };
    };
    assert.equal(api.outcomes.from, '2025-05');
    assert.deepEqual(api.outcomes.rows.map((r) => [r.released, r.followed_up.n, r.followed_up.pct]).sort(), [
      [2, 2, null],
      [7, 7, 85.7],
    ]);
  });

  test('a period that cannot be shown is refused on its field, on the page and the API', async () => {
    const api = await petugas.json('GET', '/api/v1/outcomes?from=2026-05&to=2026-03');
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /"field":"to"/);
    assert.match(api.body, /Bulan akhir tidak boleh sebelum bulan awal/);
    const future = await petugas.json('GET', '/api/v1/outcomes?year=2031');
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /"field":"from"/);
    const page = await petugas.get('/reintegration/outcomes?from=2019-01&to=2026-01');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Periode paling panjang 60 bulan/);
    assert.match(page.body, /data-testid="outcomes-filters"/);
    assert.equal((await petugas.json('GET', '/api/v1/outcomes?from=2026-13')).statusCode, 400);
  });

  test('the monthly report figures carry the outcomes of the twelve months up to the month', async () => {
    const f = await readFigures(systemCtx(t.db), unitA, '2026-04');
    assert.deepEqual(f.outcomes, {
      from: '2025-05',
      to: '2026-04',
      counts: { released: 7, followedUp: 6, m6: 3, m6Working: 2, m12: 2, m12Reoffended: 1 },
    });
    const section = reportSections(f, { t: translator('id'), premi: false }).find((s) => s.id === 'outcomes');
    assert.ok(section, 'the report has an outcomes section');
    const pct = section.figures.filter((x) => x.kind === 'pct').map((x) => [x.label, x.value]);
    assert.deepEqual(
      pct.map(([, v]) => v),
      [85.7, null, null],
    );
    assert.match(String(pct[1]?.[0]), /n = 3/);
    // Signed and submitted, the report keeps them frozen, rates suppressed in its API, page and workbook.
    const created = await petugas.json('POST', '/api/v1/reports', { month: '2026-04' });
    assert.equal(created.statusCode, 201, created.body);
    const reportId = (created.json() as { id: string }).id;
    const narrative = 'Tiga peserta rajut bebas; tindak lanjut berjalan.';
    assert.equal(
      (await petugas.json('PUT', `/api/v1/reports/${reportId}/narrative`, { narrative })).statusCode,
      200,
    );
    const submitted = await kepala.json('POST', `/api/v1/reports/${reportId}/submit`, {});
    assert.equal(submitted.statusCode, 200, submitted.body);
    const frozen = await t.db
      .selectFrom('monthly_reports')
      .select('figures')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    assert.equal(
      (frozen.figures as { outcomes?: { counts: { released: number } } }).outcomes?.counts.released,
      7,
    );
    const api = (await kanwil.json('GET', `/api/v1/reports/${reportId}`)).json() as {
      figures: { outcomes: { rates: Record<string, { n: number; pct: number | null }> } };
    };
    assert.deepEqual(api.figures.outcomes.rates.followedUp, { count: 6, n: 7, pct: 85.7 });
    assert.deepEqual(api.figures.outcomes.rates.working6, { count: 2, n: 3, pct: null });
    const html = await kanwil.get(`/reports/${reportId}`);
    assert.match(html.body, /data-testid="section-outcomes"/);
    const xlsx = await kanwil.get(`/reports/${reportId}/report.xlsx`);
    const cells = await workbookCells(xlsx.rawPayload);
    assert.ok(cells.some((c) => String(c).startsWith('Hasil reintegrasi')));
    assert.ok(cells.includes(85.7) && !cells.includes(66.7));
    assert.equal((await kanwil.get(`/reports/${reportId}/report.pdf`)).statusCode, 200);

    // A month before anyone's release: the section is there, with nothing in it.
    const early = await readFigures(systemCtx(t.db), unitA, '2025-06');
    assert.equal(early.outcomes?.counts.released, 0);
  });
});

/** The six counts alone (a row also carries its unit and programme). */
const countsOf = (c: OutcomeCounts | undefined) =>
  c && {
    released: c.released,
    followedUp: c.followedUp,
    m6: c.m6,
    m6Working: c.m6Working,
    m12: c.m12,
    m12Reoffended: c.m12Reoffended,
  };

/** Every cell value of a workbook's sheets. */
async function workbookCells(body: Buffer): Promise<Array<string | number>> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: Array<string | number> = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string' || typeof c.value === 'number') out.push(c.value);
      }),
    ),
  );
  return out;
}
