// The premi run's workbook and slips, against a run written as the premi module keeps it (a draft
// with its groups, lines and breakdown; no dependency on how the run was computed): one workbook row
// per inmate whose totals are the run's, slips laid out two to a page unless the breakdown is long,
// and only the unit's own staff get them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { HALF_PAGE_ROWS } from './premi-exports.pdf.ts';

const pdfPages = (b: Buffer) => (b.toString('latin1').match(/\/Type \/Page[^s]/g) ?? []).length;

describe('premi run exports', () => {
  let t: TestApp;
  let unitId: string;
  let runId: string;
  let otherRunId: string;
  const inmates: Array<{ id: string; reg: string; name: string }> = [];
  let kepala: Client;
  let petugas: Client;
  let otherPetugas: Client;
  let kanwil: Client;
  let instruktur: Client;
  let humas: Client;

  /** A draft run: per inmate [items passed at rate 5,000 per product, topup]. */
  async function run(unit: string, people: Array<{ id: string; products: string[]; topup: number }>) {
    const kind = await t.db.selectFrom('product_kinds').select('id').limit(1).executeTakeFirstOrThrow();
    const partner = await buildPartner(t.db, { unit_id: unit });
    const agreement = await t.db
      .insertInto('agreements')
      .values({
        unit_id: unit,
        partner_id: partner.id,
        kind: 'pks',
        title: 'PKS rajut',
        signed_on: '2026-01-05',
        valid_from: '2026-01-05',
        status: 'active',
        parties: JSON.stringify([]),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    let revenue = 0;
    let topup = 0;
    for (const p of people) {
      revenue += p.products.length * 2 * 10_000;
      topup += p.topup;
    }
    const premi = revenue / 2;
    const pnbp = (revenue * 15) / 100;
    const r = await t.db
      .insertInto('premi_runs')
      .values({
        unit_id: unit,
        month: '2026-02-01',
        revenue_offtake: revenue,
        premi,
        pnbp,
        capital: revenue - premi - pnbp,
        topup,
        min_session: 2_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const g = await t.db
      .insertInto('premi_run_groups')
      .values({
        run_id: r.id,
        source: 'offtake',
        agreement_id: agreement.id,
        premi_pct: 50,
        pnbp_pct: 15,
        capital_pct: 35,
        from_agreement: true,
        revenue,
        material_cost: 0,
        premi,
        pnbp,
        capital: revenue - premi - pnbp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const p of people) {
      const earned = p.products.length * 10_000;
      const total = earned + p.topup;
      const spendable = Math.floor(total / 4);
      await t.db
        .insertInto('premi_run_lines')
        .values({
          run_id: r.id,
          inmate_id: p.id,
          items_passed: p.products.length * 2,
          sessions: 10,
          offtake_value: earned * 2,
          offtake_premi: earned,
          minimum: 20_000,
          topup: p.topup,
          total,
          saved: total - spendable,
          spendable,
        })
        .execute();
      for (const [k, name] of p.products.entries()) {
        const prod = await t.db
          .insertInto('products')
          .values({
            unit_id: unit,
            kind_id: kind.id,
            name: `${name} ${p.id.slice(0, 4)} ${k}`,
            route: 'partner',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await t.db
          .insertInto('premi_run_items')
          .values({
            run_id: r.id,
            group_id: g.id,
            inmate_id: p.id,
            product_id: prod.id,
            qty: 2,
            rate: 10_000,
            value: 20_000,
            premi: 10_000,
          })
          .execute();
      }
    }
    return r.id;
  }

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kw.id, name: 'Rutan Kelas IIB Magetan' });
    const other = await buildUnit(t.db, { kanwil_id: kw.id });
    unitId = unit.id;
    for (const [i, name] of ['Budi Santoso', 'Agus Wibowo', 'Slamet Riyadi'].entries()) {
      const x = await buildInmate(t.db, { unit_id: unit.id, name, reg_number: `B.I ${100 + i}/2025` });
      inmates.push({ id: x.id, reg: x.reg_number, name });
    }
    const [a, b, c] = inmates;
    assert.ok(a && b && c);
    // Two short slips share a page; the third, with a long breakdown, takes one of its own.
    runId = await run(unit.id, [
      { id: a.id, products: ['Tas rajut'], topup: 0 },
      { id: b.id, products: [], topup: 20_000 },
      { id: c.id, products: Array.from({ length: HALF_PAGE_ROWS + 1 }, (_, k) => `Produk ${k}`), topup: 0 },
    ]);
    const stranger = await buildInmate(t.db, { unit_id: other.id });
    otherRunId = await run(other.id, [{ id: stranger.id, products: ['Dompet'], topup: 0 }]);
    const sign = async (roles: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, roles)).username);
    kepala = await sign({ roles: ['kepala_upt'], unit_id: unit.id });
    petugas = await sign({ roles: ['petugas'], unit_id: unit.id });
    otherPetugas = await sign({ roles: ['petugas'], unit_id: other.id });
    kanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    humas = await sign({ roles: ['humas'], unit_id: unit.id });
    const partner = await buildPartner(t.db, { unit_id: unit.id });
    instruktur = await t.signedIn(
      (
        await buildUser(t.db, {
          roles: ['instruktur_mitra'],
          unit_id: unit.id,
          partner_id: partner.id,
        } as never)
      ).username,
    );
  });
  after(() => t.close());

  test('the run workbook has one row per inmate and a total row equal to the run', async () => {
    const res = await petugas.get(`/premi/runs/${runId}/export.xlsx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /premi-rutan-kelas-iib-magetan-2026-02\.xlsx/);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const head = rows.findIndex((r) => r[0] === 'No. registrasi');
    assert.ok(head > 0, 'the table has its heads');
    const body = rows.slice(head + 1);
    assert.deepEqual(
      body.slice(0, 3).map((r) => [r[0], r[1]]),
      inmates.map((i) => [i.reg, i.name]),
    );
    const total = body[3];
    assert.ok(total);
    assert.equal(total[0], 'Jumlah');
    assert.equal(body.length, 4, 'three inmates and the total row');
    const r = await t.db
      .selectFrom('premi_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    // Columns: reg, name, passed, own, sessions, offtake premi, sales premi, minimum, topup, total, saved, spendable.
    assert.equal(total[5], Number(r.premi), 'offtake premi of the lines = the run premi');
    assert.equal(total[8], Number(r.topup));
    assert.equal(total[9], Number(r.premi) + Number(r.topup));
    assert.equal(Number(total[10]) + Number(total[11]), total[9]);
    const groups = wb.worksheets[1];
    assert.ok(groups);
    const groupRows: unknown[][] = [];
    groups.eachRow((x) => groupRows.push((x.values as unknown[]).slice(1)));
    const g = groupRows.find((x) => x[0] === 'Offtake mitra');
    assert.ok(g);
    assert.deepEqual(g.slice(1, 8), [
      'Perjanjian: PKS rajut',
      '50/15/35',
      Number(r.revenue_offtake),
      0,
      Number(r.premi),
      Number(r.pnbp),
      Number(r.capital),
    ]);
  });

  test('the slips print two to a page, a long breakdown on a page of its own', async () => {
    const res = await kepala.get(`/premi/runs/${runId}/slips.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(pdfPages(res.rawPayload), 2);
    const one = await petugas.get(`/premi/runs/${runId}/slips/${inmates[0]?.id}.pdf`);
    assert.equal(one.statusCode, 200);
    assert.equal(pdfPages(one.rawPayload), 1);
    assert.match(String(one.headers['content-disposition']), /slip-B-I-100-2025\.pdf/);
    // An inmate with no line in the run has no slip in it.
    const stranger = await petugas.get(`/premi/runs/${otherRunId}/slips/${inmates[0]?.id}.pdf`);
    assert.equal(stranger.statusCode, 404);
    const missing = await petugas.get(`/premi/runs/${runId}/slips/${crypto.randomUUID()}.pdf`);
    assert.equal(missing.statusCode, 404);
  });

  test("another unit's run is not found; the offices, the partner's instructor and humas are refused", async () => {
    for (const url of [
      `/premi/runs/${runId}/export.xlsx`,
      `/premi/runs/${runId}/slips.pdf`,
      `/premi/runs/${runId}/slips/${inmates[0]?.id}.pdf`,
    ]) {
      assert.equal((await otherPetugas.get(url)).statusCode, 404, url);
      assert.equal((await kanwil.get(url)).statusCode, 403, url);
      assert.equal((await instruktur.get(url)).statusCode, 403, url);
      assert.equal((await humas.get(url)).statusCode, 403, url);
    }
    assert.equal((await petugas.get(`/premi/runs/${otherRunId}/export.xlsx`)).statusCode, 404);
    assert.equal((await petugas.get('/premi/runs/not-a-uuid/export.xlsx')).statusCode, 400);
    assert.ok(unitId);
  });
});
