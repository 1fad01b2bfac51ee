// Program Aksi indicators (issue 14, item 4): per unit, Kanwil and nation, for a month or a year;
// programme figures read from the monthly aggregates, participants as distinct people, PNBP through
// the tagged agreement of posted premi run groups; levels limited by the viewer's scope; no names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';

type Row = {
  place_id: string;
  name: string;
  programmes: number;
  participants: number;
  certificates: number;
  production_value: number;
  pnbp: number;
};
type Api = {
  level: string;
  levels: string[];
  items: Array<{ id: string; title: string; rows: Row[] }>;
  pnbp: Array<{ place_id: string; total: number; attributed: number; not_attributed: number }>;
};

describe('Program Aksi indicators', () => {
  let t: TestApp;
  let kanwil: Client;
  let pusat: Client;
  let staff: Client;
  const ids = {} as Record<string, string>;
  const NAMES = ['Andi Pemintal', 'Budi Perajut', 'Citra Penjahit'];

  before(async () => {
    t = await startTestApp();
    const db = t.db;
    const jatim = await buildKanwil(db, { name: 'Kanwil Jawa Timur Uji' });
    const bali = await buildKanwil(db, { name: 'Kanwil Bali Uji' });
    const u1 = await buildUnit(db, { kanwil_id: jatim.id, name: 'Rutan Satu' });
    const u2 = await buildUnit(db, { kanwil_id: jatim.id, name: 'Lapas Dua' });
    const u3 = await buildUnit(db, { kanwil_id: bali.id, name: 'Lapas Tiga' });
    const item = async (title: string, number: number) =>
      (
        await db
          .insertInto('program_aksi')
          .values({ title, number, description: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const umkm = await item('Pelatihan kerja dan produksi UMKM', 1);
    const pangan = await item('Ketahanan pangan', 2);
    const tag = (programme_id: string, program_aksi_id: string) =>
      db.insertInto('programme_program_aksi').values({ programme_id, program_aksi_id }).execute();
    const p1 = await buildProgramme(db, { unit_id: u1.id, name: 'Rajut' });
    const p2 = await buildProgramme(db, { unit_id: u1.id, name: 'Jahit' });
    const p3 = await buildProgramme(db, { unit_id: u2.id, name: 'Tani' });
    const p4 = await buildProgramme(db, { unit_id: u3.id, name: 'Ikan' });
    const untagged = await buildProgramme(db, { unit_id: u1.id, name: 'Tanpa tanda' });
    await tag(p1.id, umkm);
    await tag(p2.id, umkm);
    await tag(p3.id, umkm);
    await tag(p3.id, pangan);
    await tag(p4.id, pangan);

    // Andi is in both of Rutan Satu's UMKM programmes, October to November; Budi in October only;
    // Citra at Lapas Dua in November.
    const [andi, budi, citra] = [
      await buildInmate(db, { unit_id: u1.id, name: NAMES[0] }),
      await buildInmate(db, { unit_id: u1.id, name: NAMES[1] }),
      await buildInmate(db, { unit_id: u2.id, name: NAMES[2] }),
    ];
    const enrol = async (
      programme_id: string,
      inmate_id: string,
      started_on: string,
      ended_on: string | null,
    ) => {
      const e = await buildEnrolment(db, { programme_id, inmate_id, started_on });
      if (ended_on)
        await db
          .updateTable('enrolments')
          .set({ status: 'completed', ended_on })
          .where('id', '=', e.id)
          .execute();
    };
    await enrol(p1.id, andi.id, '2026-10-01', null);
    await enrol(p2.id, andi.id, '2026-10-05', null);
    await enrol(p1.id, budi.id, '2026-10-01', '2026-10-31');
    await enrol(p3.id, citra.id, '2026-11-02', null);
    await enrol(untagged.id, budi.id, '2026-10-01', null);
    for (let i = 0; i < 3; i++) {
      const x = await buildInmate(db, { unit_id: u3.id });
      await enrol(p4.id, x.id, '2026-09-01', null);
    }

    // The monthly aggregates as the rollups module keeps them (their recount is tested there).
    const month = (unit_id: string, programme_id: string, m: string, f: Record<string, number>) =>
      db
        .insertInto('rollup_programme_months')
        .values({ unit_id, programme_id, month: `${m}-01`, ...f } as never)
        .execute();
    await month(u1.id, p1.id, '2026-10', { certificates: 2, offtake_value: 300_000, sales_value: 50_000 });
    await month(u1.id, p1.id, '2026-11', { certificates: 1, offtake_value: 100_000 });
    await month(u1.id, p2.id, '2026-10', { offtake_value: 20_000 });
    await month(u1.id, p2.id, '2026-11', {});
    await month(u1.id, untagged.id, '2026-10', { certificates: 9, offtake_value: 999_000 });
    await month(u2.id, p3.id, '2026-11', { certificates: 4, sales_value: 75_000 });
    await month(u3.id, p4.id, '2026-10', { certificates: 5, offtake_value: 10_000 });
    await month(u3.id, p4.id, '2026-11', {});

    // PNBP is split per run group; a group's PNBP goes to the programmes of its products by value.
    // Rutan Satu, October: an offtake group (30,000) paid for Rajut's bags (200,000) and the
    // untagged programme's (100,000); an own-sales group (12,000) for products of no programme.
    // November reverses 10,000 of Rajut's share. Lapas Dua, November: 9,000 for Tani's produce
    // (tagged with both items, so it counts under both). A draft run is not counted.
    const kind = await db.selectFrom('product_kinds').select('id').limit(1).executeTakeFirstOrThrow();
    const product = async (unit_id: string, programme_id: string | null) =>
      (
        await db
          .insertInto('products')
          .values({
            unit_id,
            programme_id,
            kind_id: kind.id,
            name: `Produk ${Math.random()}`,
            route: 'own',
            price: 1000,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const bag = await product(u1.id, p1.id);
    const plain = await product(u1.id, untagged.id);
    const coaster = await product(u1.id, null);
    const rice = await product(u2.id, p3.id);
    const run = async (
      unit_id: string,
      m: string,
      status: 'draft' | 'posted',
      groups: Array<{ pnbp: number; items: Array<[string, number]> }>,
    ) => {
      const r = await db
        .insertInto('premi_runs')
        .values({ unit_id, month: `${m}-01` })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const g of groups) {
        const group = await db
          .insertInto('premi_run_groups')
          .values({
            run_id: r.id,
            source: 'offtake',
            agreement_id: null,
            premi_pct: 50,
            pnbp_pct: 50,
            capital_pct: 0,
            from_agreement: false,
            revenue: 2 * g.pnbp,
            material_cost: 0,
            premi: g.pnbp,
            pnbp: g.pnbp,
            capital: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [product_id, value] of g.items)
          await db
            .insertInto('premi_run_items')
            .values({
              run_id: r.id,
              group_id: group.id,
              inmate_id: andi.id,
              product_id,
              qty: 1,
              rate: value,
              value,
              premi: 0,
            })
            .execute();
      }
      if (status === 'draft') return;
      // A posted run has its balanced journal entry (what the lines say is the ledger's to test).
      await db.transaction().execute(async (trx) => {
        const day = `${m}-28`;
        const entry = await trx
          .insertInto('journal_entries')
          .values({ unit_id, day, kind: 'premi_run', source_id: r.id, memo: 'Premi' } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        const line = (account: 'cash' | 'revenue', amount: number) =>
          ({ entry_id: entry.id, unit_id, day, account, purpose: 'offtake', amount }) as never;
        await trx
          .insertInto('journal_lines')
          .values([line('cash', 1000), line('revenue', -1000)])
          .execute();
        await trx
          .updateTable('premi_runs')
          .set({ status: 'posted', entry_id: entry.id, posted_at: new Date() })
          .where('id', '=', r.id)
          .execute();
      });
    };
    await run(u1.id, '2026-10', 'posted', [
      {
        pnbp: 30_000,
        items: [
          [bag, 200_000],
          [plain, 100_000],
        ],
      },
      { pnbp: 12_000, items: [[coaster, 50_000]] },
    ]);
    await run(u2.id, '2026-10', 'draft', [{ pnbp: 777_000, items: [[rice, 1_000_000]] }]);
    await run(u1.id, '2026-11', 'posted', [{ pnbp: -10_000, items: [[bag, -50_000]] }]);
    await run(u2.id, '2026-11', 'posted', [{ pnbp: 9_000, items: [[rice, 90_000]] }]);

    Object.assign(ids, { u1: u1.id, u2: u2.id, u3: u3.id, jatim: jatim.id, bali: bali.id, umkm, pangan });
    const k = await buildUser(db, { roles: ['kanwil'], unit_id: null, kanwil_id: jatim.id });
    const p = await buildUser(db, { roles: ['pusat'], unit_id: null, kanwil_id: null });
    const s = await buildUser(db, { roles: ['petugas'], unit_id: u1.id });
    kanwil = await t.signedIn(k.username);
    pusat = await t.signedIn(p.username);
    staff = await t.signedIn(s.username);
  });
  after(() => t.close());

  const api = async (c: Client, qs: string) => {
    const res = await c.get(`/api/v1/program-aksi/indicators?${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Api;
  };
  const rowsOf = (d: Api, item: string) => d.items.find((i) => i.id === item)?.rows ?? [];

  test("a Kanwil sees its region's units for a month: tagged programmes, distinct people, certificates, value, PNBP", async () => {
    const d = await api(kanwil, 'period=2026-10&level=unit');
    assert.deepEqual(d.levels, ['kanwil', 'unit']);
    const umkm = rowsOf(d, ids.umkm as string);
    assert.deepEqual(
      umkm.map((r) => [r.place_id, r.programmes, r.participants, r.certificates, r.production_value, r.pnbp]),
      // Andi in two programmes counts once; the untagged programme's figures are not the item's.
      [[ids.u1, 2, 2, 2, 370_000, 20_000]],
    );
    assert.deepEqual(rowsOf(d, ids.pangan as string), [], "Bali's unit is outside the region");
    assert.deepEqual(
      d.pnbp.map((s) => [s.place_id, s.total, s.attributed, s.not_attributed]),
      [[ids.u1, 42_000, 20_000, 22_000]],
    );
  });

  test('a year counts each person once, not once per month, and sums the months of everything else', async () => {
    const d = await api(kanwil, 'period=2026&level=kanwil');
    const [jatim] = rowsOf(d, ids.umkm as string);
    assert.ok(jatim);
    assert.equal(jatim.place_id, ids.jatim);
    // Andi (Oct-Nov, two programmes), Budi (Oct), Citra (Nov): 3 people, though 5 programme-months.
    assert.equal(jatim.participants, 3);
    assert.equal(jatim.programmes, 3);
    assert.equal(jatim.certificates, 2 + 1 + 4);
    assert.equal(jatim.production_value, 350_000 + 100_000 + 20_000 + 75_000);
    assert.equal(jatim.pnbp, 20_000 - 10_000 + 9_000, 'the reversal subtracts in its own month');
  });

  test('the directorate sees the nation and every Kanwil; a unit only itself', async () => {
    const d = await api(pusat, 'period=2026-10');
    assert.equal(d.level, 'nation');
    assert.deepEqual(d.levels, ['nation', 'kanwil', 'unit']);
    const [pangan] = rowsOf(d, ids.pangan as string);
    assert.deepEqual([pangan?.programmes, pangan?.participants, pangan?.certificates], [1, 3, 5]);
    const byKanwil = await api(pusat, 'period=2026-11&level=kanwil');
    assert.deepEqual(
      rowsOf(byKanwil, ids.pangan as string).map((r) => [r.place_id, r.programmes, r.participants, r.pnbp]),
      [
        [ids.bali, 1, 3, 0],
        [ids.jatim, 1, 1, 9_000],
      ],
    );
    const own = await api(staff, 'period=2026-10');
    assert.deepEqual(own.levels, ['unit']);
    assert.deepEqual(
      own.items.flatMap((i) => i.rows.map((r) => r.place_id)),
      [ids.u1],
    );
    assert.equal(
      (await staff.get('/api/v1/program-aksi/indicators?period=2026-10&level=kanwil')).statusCode,
      403,
    );
    assert.equal(
      (await kanwil.get('/api/v1/program-aksi/indicators?period=2026-10&level=nation')).statusCode,
      403,
    );
  });

  test('the page and its XLSX show counts only, say how PNBP is counted, and never name a person', async () => {
    const page = await kanwil.get('/program-aksi/indicators?period=2026-10&level=unit');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rutan Satu/);
    assert.match(page.body, /Rp 370\.000/);
    assert.match(page.body, /data-testid="how-counted"/);
    assert.match(page.body, /PNBP dicatat per UPT dan per kelompok dalam perhitungan premi/);
    assert.match(page.body, /<option value="kanwil"/);
    assert.doesNotMatch(page.body, /<option value="nation"/);
    const xlsx = await kanwil.get('/program-aksi/indicators.xlsx?period=2026&level=kanwil');
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map(String).join('|'))),
    );
    assert.ok(
      cells.includes('1. Pelatihan kerja dan produksi UMKM|Kanwil Jawa Timur Uji|3|3|7|545000|19000'),
      cells.join('\n'),
    );
    for (const body of [
      page.body,
      xlsx.rawPayload.toString('latin1'),
      JSON.stringify(await api(pusat, 'period=2026&level=unit')),
    ])
      for (const name of NAMES) assert.ok(!body.includes(name), name);
  });

  test('a period not yet begun or malformed is refused at its field, nothing shown', async () => {
    const page = await kanwil.get('/program-aksi/indicators?period=2027-01');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /data-testid="period-error"/);
    assert.match(page.body, /Periode 2027-01 belum dimulai/);
    assert.doesNotMatch(page.body, /data-testid="how-counted"/);
    for (const url of [
      '/api/v1/program-aksi/indicators?period=2027',
      '/api/v1/program-aksi/indicators?period=2026-13',
      '/program-aksi/indicators?period=26',
    ]) {
      const res = await kanwil.get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 200)}`);
    }
    assert.equal(
      (await kanwil.get('/program-aksi/indicators?period=2026-12')).statusCode,
      200,
      'this month may be asked',
    );
  });
});
