// Production reports end to end against hand-computed fixtures: a month's figures per participant
// and per programme (a piece rate changed mid-month counts at each check's own rate), month
// boundaries on the unit's calendar, the stock report, sales book and receivables, XLSX that
// parses back, the dashboard's tiles, the SPPN evidence, and who may see names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import {
  buildEnrolment,
  buildInmate,
  buildKanwil,
  buildPartner,
  buildUnit,
  buildUser,
} from '../../../test/builders.ts';
import { type Ctx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { ProductRoute, RejectDisposition } from '../../db/schema.ts';
import { moveMaterial, moveProduct } from '../stock/stock.service.ts';
import { productionTiles, programmesReport, receivables } from './production-reports.service.ts';
import { RUPIAH_FORMAT } from './production-reports.xlsx.ts';

type Cell = ExcelJS.CellValue;

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's rows as plain values, and the row whose first cell is `first`. */
function rowsOf(ws: ExcelJS.Worksheet | undefined): Cell[][] {
  const rows: Cell[][] = [];
  ws?.eachRow((row) => {
    rows.push((row.values as Cell[]).slice(1));
  });
  return rows;
}

async function product(
  db: Db,
  o: { unit_id: string; programme_id: string; name: string; route: ProductRoute },
) {
  const kind = await db
    .selectFrom('product_kinds')
    .select('id')
    .where('code', '=', 'aksesoris')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('products')
    .values({
      ...o,
      kind_id: kind.id,
      rate_name: null,
      price: 25_000,
      description: null,
      photo_file_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('production reports', () => {
  let t: TestApp;
  let staff: Client;
  let kanwil: Client;
  let instructor: Client;
  const ids = {} as Record<string, string>;
  let entry: (enrolmentId: string, productId: string, day: string, finished: number) => Promise<void>;
  let batch: (
    o: { sent: string; checked: string | null; number: string },
    lines: Array<{
      e: string;
      p: string;
      submitted: number;
      passed?: number;
      rate?: number;
      reject?: RejectDisposition;
    }>,
  ) => Promise<void>;

  before(async () => {
    t = await startTestApp();
    const db = t.db;
    const kw = await buildKanwil(db);
    // Papua (WIT, UTC+9): its month turns over while it is still the previous day in WIB and UTC.
    const unit = await buildUnit(db, { kanwil_id: kw.id, name: 'Lapas Jayapura', timezone: 'Asia/Jayapura' });
    const partner = await buildPartner(db, { unit_id: unit.id, legal_name: 'PT. Arta Jayendra Perkasa' });
    const otherPartner = await buildPartner(db, { unit_id: unit.id });
    const prog = await buildProgramme(db, {
      unit_id: unit.id,
      partner_id: partner.id,
      name: 'Pelatihan Merajut',
    });
    const andi = await buildInmate(db, { unit_id: unit.id, name: 'Andi Saputra' });
    const bagus = await buildInmate(db, { unit_id: unit.id, name: 'Bagus Pratama' });
    const a = await buildEnrolment(db, { programme_id: prog.id, inmate_id: andi.id, name: andi.name });
    const b = await buildEnrolment(db, { programme_id: prog.id, inmate_id: bagus.id, name: bagus.name });
    const key = await product(db, {
      unit_id: unit.id,
      programme_id: prog.id,
      name: 'Gantungan kunci',
      route: 'partner',
    });
    const wallet = await product(db, {
      unit_id: unit.id,
      programme_id: prog.id,
      name: 'Dompet',
      route: 'partner',
    });
    const bag = await product(db, {
      unit_id: unit.id,
      programme_id: prog.id,
      name: 'Tas kecil',
      route: 'own',
    });

    // Another unit in another region: never in these reports.
    const far = await buildUnit(db, { name: 'Rutan Lain' });
    const farProg = await buildProgramme(db, { unit_id: far.id, name: 'Program Lain' });
    const farPerson = await buildEnrolment(db, { programme_id: farProg.id, name: 'Orang Lain' });
    const farProduct = await product(db, {
      unit_id: far.id,
      programme_id: farProg.id,
      name: 'Kursi',
      route: 'own',
    });

    entry = async (enrolmentId, productId, day, finished) => {
      const e = await db
        .selectFrom('enrolments')
        .select('programme_id')
        .where('id', '=', enrolmentId)
        .executeTakeFirstOrThrow();
      const pr = await db
        .selectFrom('programmes')
        .select('unit_id')
        .where('id', '=', e.programme_id)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('production_entries')
        .values({
          unit_id: pr.unit_id,
          programme_id: e.programme_id,
          session_id: null,
          day,
          enrolment_id: enrolmentId,
          product_id: productId,
          finished,
          recorded_by: null,
        })
        .execute();
    };
    batch = async (o, lines) => {
      const bt = await db
        .insertInto('qc_batches')
        .values({
          unit_id: unit.id,
          partner_id: partner.id,
          programme_id: prog.id,
          agreement_id: null,
          number: o.number,
          sent_on: o.sent,
          checked_on: o.checked,
          status: o.checked ? 'checked' : 'sent',
          created_by: null,
          checked_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const l of lines) {
        const line = await db
          .insertInto('qc_batch_lines')
          .values({
            batch_id: bt.id,
            enrolment_id: l.e,
            product_id: l.p,
            submitted: l.submitted,
            passed: l.passed ?? null,
            rate: l.rate ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (l.passed !== undefined && l.passed < l.submitted)
          await db
            .insertInto('qc_rejects')
            .values({
              line_id: line.id,
              qty: l.submitted - l.passed,
              reason: 'stitching',
              reworkable: false,
              disposition: l.reject ?? 'scrap',
              note: null,
            })
            .execute();
      }
    };

    // The production log. March counts the 1st to the 31st of the unit's own calendar.
    await entry(a.id, key.id, '2026-02-28', 3); // February
    await entry(a.id, key.id, '2026-03-04', 5);
    await entry(a.id, key.id, '2026-03-11', 4);
    await entry(a.id, wallet.id, '2026-03-31', 2); // last day of March
    await entry(a.id, key.id, '2026-04-01', 7); // April
    await entry(b.id, key.id, '2026-03-04', 3);
    await entry(b.id, bag.id, '2026-03-18', 2); // own route: straight into the unit's stock
    await entry(farPerson.id, farProduct.id, '2026-03-10', 9);

    // The partner's checks. The addendum raises the key ring's rate from Rp 1.500 to Rp 2.000 on
    // 15 March: the check of the 10th pays the old rate, the check of the 20th the new one.
    await batch({ number: 'QC/2026/0001', sent: '2026-02-25', checked: '2026-03-03' }, [
      { e: b.id, p: key.id, submitted: 2, passed: 1, rate: 1500 },
    ]);
    await batch({ number: 'QC/2026/0002', sent: '2026-03-06', checked: '2026-03-10' }, [
      { e: a.id, p: key.id, submitted: 5, passed: 4, rate: 1500 },
      { e: b.id, p: key.id, submitted: 3, passed: 3, rate: 1500 },
    ]);
    await batch({ number: 'QC/2026/0003', sent: '2026-03-13', checked: '2026-03-20' }, [
      { e: a.id, p: key.id, submitted: 4, passed: 3, rate: 2000, reject: 'own_stock' },
    ]);
    await batch({ number: 'QC/2026/0004', sent: '2026-03-27', checked: '2026-04-02' }, [
      { e: a.id, p: wallet.id, submitted: 2, passed: 2, rate: 10_000 },
    ]);
    await batch({ number: 'QC/2026/0005', sent: '2026-03-30', checked: null }, [
      { e: a.id, p: key.id, submitted: 1 },
    ]);

    // Stock through the ledger: 10 key rings made, 6 sent, 4 passed; 2 bags made, 1 reserved.
    const sys: Ctx = { db, who: systemPrincipal(), now: new Date() };
    await moveProduct(sys, { productId: key.id, kind: 'produced', qty: 10, day: '2026-03-04' });
    await moveProduct(sys, { productId: key.id, kind: 'sent_to_check', qty: 6, day: '2026-03-06' });
    await moveProduct(sys, { productId: key.id, kind: 'passed', qty: 4, day: '2026-03-10' });
    await moveProduct(sys, { productId: bag.id, kind: 'produced', qty: 2, day: '2026-03-18' });
    await moveProduct(sys, { productId: bag.id, kind: 'reserved', qty: 1, day: '2026-03-19' });
    const yarn = await db
      .insertInto('materials')
      .values({
        unit_id: unit.id,
        name: 'Benang rajut',
        uom: 'gram',
        owner: 'partner',
        partner_id: partner.id,
        low_stock_level: 500,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const labels = await db
      .insertInto('materials')
      .values({
        unit_id: unit.id,
        name: 'Label',
        uom: 'buah',
        owner: 'unit',
        partner_id: null,
        low_stock_level: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await moveMaterial(sys, { materialId: yarn.id, kind: 'received', qty: 300, day: '2026-03-01' });
    await moveMaterial(sys, {
      materialId: labels.id,
      kind: 'received',
      qty: 100,
      day: '2026-03-01',
      cost: 50_000,
    });

    // The sales book: a bazaar sale cancelled by its reversal, a QRIS sale; others outside March.
    const sale = async (o: {
      number: string;
      day: string;
      channel: 'bazaar' | 'visitor';
      method: 'tunai' | 'qris';
      total: number;
      status?: 'completed' | 'cancelled' | 'reversal';
      reverses?: string;
      unitId?: string;
    }) =>
      (
        await db
          .insertInto('sales')
          .values({
            unit_id: o.unitId ?? unit.id,
            number: o.number,
            sold_on: o.day,
            channel: o.channel,
            buyer_name: o.channel === 'visitor' ? 'Ibu Sri' : null,
            buyer_phone: '081234567890',
            payment_method: o.method,
            payment_ref: o.method === 'qris' ? 'QR-778899' : null,
            total: o.total,
            status: o.status ?? 'completed',
            reverses_id: o.reverses ?? null,
            cancel_reason: null,
            note: null,
            created_by: null,
            approved_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await sale({
      number: 'KW/2026/0001',
      day: '2026-02-28',
      channel: 'bazaar',
      method: 'tunai',
      total: 10_000,
    });
    const s1 = await sale({
      number: 'KW/2026/0002',
      day: '2026-03-05',
      channel: 'bazaar',
      method: 'tunai',
      total: 30_000,
      status: 'cancelled',
    });
    await sale({
      number: 'KW/2026/0003',
      day: '2026-03-07',
      channel: 'bazaar',
      method: 'tunai',
      total: -30_000,
      status: 'reversal',
      reverses: s1,
    });
    await sale({
      number: 'KW/2026/0004',
      day: '2026-03-31',
      channel: 'visitor',
      method: 'qris',
      total: 45_000,
    });
    await sale({
      number: 'KW/2026/0005',
      day: '2026-04-01',
      channel: 'bazaar',
      method: 'tunai',
      total: 20_000,
    });
    await sale({
      number: 'KW/2026/0001',
      day: '2026-03-10',
      channel: 'bazaar',
      method: 'tunai',
      total: 99_000,
      unitId: far.id,
    });

    // Offtake invoices: one open (Rp 60.000 still owed), one paid, one cancelled.
    const invoice = (
      number: string,
      issued: string,
      total: number,
      paid: number,
      status: 'open' | 'paid' | 'cancelled',
    ) =>
      db
        .insertInto('offtake_invoices')
        .values({
          unit_id: unit.id,
          partner_id: partner.id,
          number,
          issued_on: issued,
          due_on: null,
          total,
          paid,
          status,
          cancel_reason: null,
          created_by: null,
        })
        .execute();
    await invoice('INV/2026/0001', '2026-02-01', 50_000, 50_000, 'paid');
    await invoice('INV/2026/0002', '2026-03-01', 100_000, 40_000, 'open');
    await invoice('INV/2026/0003', '2026-03-02', 70_000, 0, 'cancelled');

    Object.assign(ids, {
      unit: unit.id,
      prog: prog.id,
      a: a.id,
      b: b.id,
      andi: andi.id,
      far: far.id,
      kanwil: kw.id,
    });
    const s = await buildUser(db, { roles: ['petugas'], unit_id: unit.id });
    const k = await buildUser(db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    const i = await buildUser(db, { roles: ['instruktur_mitra'], unit_id: unit.id });
    await db.updateTable('users').set({ partner_id: otherPartner.id }).where('id', '=', i.id).execute();
    staff = await t.signedIn(s.username);
    kanwil = await t.signedIn(k.username);
    instructor = await t.signedIn(i.username);
  });
  after(() => t.close());

  type ParticipantsBody = {
    participants: Array<{ name: string; finished: number; passed: number; rejected: number; value: number }>;
    totals: { finished: number; passed: number; rejected: number; value: number };
  };

  test("a participant's month: items finished by the log's day, passed and rejected by the check's day, value at each check's own rate", async () => {
    const res = await staff.get('/api/v1/production-reports/participants?month=2026-03');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as ParticipantsBody;
    assert.deepEqual(
      body.participants.map((p) => [p.name, p.finished, p.passed, p.rejected, p.value]),
      [
        // Andi: 5 + 4 + 2 (the 31st); 4 passed at Rp 1.500 before the addendum, 3 at Rp 2.000 after it.
        ['Andi Saputra', 11, 7, 2, 4 * 1500 + 3 * 2000],
        // Bagus: 3 + 2; one passed on 3 March from a February batch, three on the 10th.
        ['Bagus Pratama', 5, 4, 1, 4 * 1500],
      ],
    );
    assert.deepEqual(body.totals, { finished: 16, passed: 11, rejected: 3, value: 18_000 });
    // April: 7 finished on the 1st, and the wallets checked on the 2nd at Rp 10.000.
    const april = JSON.parse(
      (await staff.get('/api/v1/production-reports/participants?month=2026-04')).body,
    ) as ParticipantsBody;
    assert.deepEqual(
      april.participants.map((p) => [p.name, p.finished, p.passed, p.rejected, p.value]),
      [['Andi Saputra', 7, 2, 0, 20_000]],
    );
    const html = (await staff.get(`/production-reports/participants?month=2026-03&programme_id=${ids.prog}`))
      .body;
    assert.match(html, /Andi Saputra/);
    assert.match(html, /Rp 12\.000/);
    assert.match(html, /Rp 18\.000/);
  });

  test('per programme: finished, sent, passed, rejected, pass rate, value and own stock, with twelve months', async () => {
    const res = await staff.get('/api/v1/production-reports/programmes?month=2026-03');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      programmes: Array<Record<string, unknown> & { history: Array<Record<string, unknown>> }>;
      totals: Record<string, unknown>;
    };
    assert.equal(body.programmes.length, 1, 'only the unit’s own programmes');
    const p = body.programmes[0];
    assert.ok(p);
    assert.equal(p.programme_name, 'Pelatihan Merajut');
    // Sent in March: 8 + 4 + 2 + 1 (the batch of 25 February counts in February).
    assert.deepEqual(
      [p.finished, p.sent, p.passed, p.rejected, p.pass_rate, p.value, p.own_stock],
      // Own stock: the two bags (own route) and the reject kept for sale.
      [16, 15, 11, 3, 78.6, 18_000, 3],
    );
    assert.equal(p.history.length, 12);
    assert.equal(p.history[0]?.month, '2025-04');
    assert.deepEqual(
      p.history.slice(-2).map((h) => [h.month, h.finished, h.sent, h.passed]),
      [
        ['2026-02', 3, 2, 0],
        ['2026-03', 16, 15, 11],
      ],
    );
    assert.equal(body.totals.value, 18_000);
    const html = (await staff.get('/production-reports?month=2026-03')).body;
    assert.match(html, /<script type="application\/json" id="production-chart-data">/);
    assert.match(html, /data-production-chart=/);
    assert.match(html, /78,6%/);
    assert.equal((await staff.get('/api/v1/production-reports/programmes?month=2026-13')).statusCode, 400);
  });

  test("months begin at the unit's midnight: in Papua, 31 March 16:00 UTC is already April", async () => {
    const ctx = (iso: string): Ctx => ({
      db: t.db,
      now: new Date(iso),
      who: {
        ...systemPrincipal('uji'),
        roles: ['petugas'],
        zone: 'Asia/Jayapura',
        unitId: ids.unit as string,
      },
    });
    const march = await productionTiles(ctx('2026-03-31T14:59:00Z'), { unitId: ids.unit as string });
    assert.deepEqual(
      [march.month, march.value, march.passRate, march.passed, march.checked],
      ['2026-03', 18_000, 78.6, 11, 14],
    );
    const april = await productionTiles(ctx('2026-03-31T15:00:00Z'), { unitId: ids.unit as string });
    assert.deepEqual([april.month, april.value, april.passRate], ['2026-04', 20_000, 100]);
    assert.deepEqual(april.unpaid, { count: 1, owed: 60_000 });
    assert.equal(april.lowStock, 1, 'the yarn is at 300 g against a level of 500 g; the labels are not low');
    const report = await programmesReport(ctx('2026-03-31T15:00:00Z'), { unitId: ids.unit as string });
    assert.equal(report.month, '2026-04');
    const open = await receivables(ctx('2026-03-31T15:00:00Z'), { unitId: ids.unit as string });
    assert.equal(
      open.partners[0]?.invoices[0]?.age_days,
      31,
      'issued 1 March, and it is 1 April in Jayapura',
    );
  });

  test('a regional office reads totals per programme but gets 403 on the participants report, and sees no names', async () => {
    const page = await kanwil.get('/production-reports?month=2026-03');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Pelatihan Merajut/);
    assert.doesNotMatch(page.body, /Andi Saputra|Bagus Pratama/);
    assert.doesNotMatch(page.body, /Program Lain/, 'another region’s unit');
    assert.equal((await kanwil.get('/production-reports/participants?month=2026-03')).statusCode, 403);
    assert.equal((await kanwil.get('/api/v1/production-reports/participants?month=2026-03')).statusCode, 403);
    assert.equal((await kanwil.get('/production-reports/participants.xlsx?month=2026-03')).statusCode, 403);
    const api = await kanwil.get('/api/v1/production-reports/programmes?month=2026-03');
    assert.equal(api.statusCode, 200);
    assert.doesNotMatch(api.body, /Andi|Bagus/);
    const xlsx = await kanwil.get('/production-reports/programmes.xlsx?month=2026-03');
    assert.equal(xlsx.statusCode, 200);
    assert.doesNotMatch(
      JSON.stringify(rowsOf((await workbook(xlsx.rawPayload)).worksheets[0])),
      /Andi|Bagus/,
    );
    const dash = await kanwil.get(`/dashboard/${ids.unit}`);
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /data-testid="tile-production-value"/);
    assert.doesNotMatch(dash.body, /href="\/stock"/, 'no link to a page the office may not open');
  });

  test("an instructor sees only their own partner's participants", async () => {
    const res = await instructor.get('/api/v1/production-reports/participants?month=2026-03');
    assert.equal(res.statusCode, 200);
    assert.deepEqual((JSON.parse(res.body) as ParticipantsBody).participants, []);
    assert.equal((await instructor.get('/production-reports?month=2026-03')).statusCode, 403);
    assert.equal(
      (await instructor.get(`/api/v1/production-reports/participants?programme_id=${ids.prog}`)).statusCode,
      404,
    );
  });

  test('the XLSX exports parse back with the unit, the month and the right totals', async () => {
    const res = await staff.get('/production-reports/participants.xlsx?month=2026-03');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /produksi-per-peserta-2026-03\.xlsx/);
    const wb = await workbook(res.rawPayload);
    const ws = wb.worksheets[0];
    const rows = rowsOf(ws);
    assert.deepEqual(rows.slice(0, 3), [
      ['Produksi per peserta'],
      ['Unit', 'Lapas Jayapura'],
      ['Bulan', 'Maret 2026'],
    ]);
    const total = rows.find((r) => r[0] === 'Jumlah');
    assert.deepEqual(total?.slice(3), [16, 11, 3, 18_000]);
    const andi = rows.find((r) => r[0] === 'Andi Saputra');
    assert.equal(andi?.[6], 12_000);
    let fmt = '';
    ws?.eachRow((row) => {
      if (row.getCell(1).value === 'Jumlah') fmt = row.getCell(7).numFmt;
    });
    assert.equal(fmt, RUPIAH_FORMAT);

    const prog = rowsOf(
      (await workbook((await staff.get('/production-reports/programmes.xlsx?month=2026-03')).rawPayload))
        .worksheets[0],
    );
    assert.deepEqual(prog.find((r) => r[0] === 'Jumlah')?.slice(2), [16, 15, 11, 3, 78.6, 18_000, 3]);

    const book = rowsOf(
      (await workbook((await staff.get('/production-reports/sales-book.xlsx?month=2026-03')).rawPayload))
        .worksheets[0],
    );
    assert.deepEqual(
      book.filter((r) => String(r[0]).startsWith('KW/')).map((r) => [r[0], r[6]]),
      [
        ['KW/2026/0002', 30_000],
        ['KW/2026/0003', -30_000],
        ['KW/2026/0004', 45_000],
      ],
    );
    assert.equal(book.find((r) => r[0] === 'Jumlah')?.[6], 45_000);

    const stock = await workbook((await staff.get('/production-reports/stock.xlsx')).rawPayload);
    assert.equal(rowsOf(stock.getWorksheet('Bahan')).find((r) => r[0] === 'Jumlah')?.[6], 50_000);

    const recv = rowsOf(
      (await workbook((await staff.get('/production-reports/receivables.xlsx')).rawPayload)).worksheets[0],
    );
    assert.deepEqual(recv.find((r) => r[0] === 'Jumlah')?.slice(4, 7), [100_000, 40_000, 60_000]);
  });

  test('the stock report reads the maintained columns; materials show value at cost and low stock', async () => {
    const res = await staff.get('/api/v1/production-reports/stock');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      products: Array<{
        name: string;
        awaiting_check: number;
        in_check: number;
        on_hand: number;
        reserved: number;
        sold: number;
      }>;
      materials: Array<{ name: string; on_hand: number; value: number; low: boolean }>;
      materials_value: number;
      low_count: number;
    };
    assert.deepEqual(
      body.products.map((p) => [p.name, p.awaiting_check, p.in_check, p.on_hand, p.reserved, p.sold]),
      [
        ['Dompet', 0, 0, 0, 0, 0],
        ['Gantungan kunci', 4, 2, 0, 0, 4],
        ['Tas kecil', 0, 0, 2, 1, 0],
      ],
    );
    assert.deepEqual(
      body.materials.map((m) => [m.name, m.on_hand, m.value, m.low]),
      [
        ['Benang rajut', 300, 0, true],
        ['Label', 100, 50_000, false],
      ],
    );
    assert.equal(body.low_count, 1);
    assert.doesNotMatch(res.body, /Kursi/, 'another unit’s product');
    assert.match((await staff.get('/production-reports/stock')).body, /Stok menipis/);
    assert.equal((await kanwil.get('/production-reports/stock')).statusCode, 403);
  });

  test('the sales book lists each sale and reversal of the month with totals by channel and method', async () => {
    const res = await staff.get('/api/v1/production-reports/sales-book?month=2026-03');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      sales: Array<{ number: string; total: number; reverses_number: string | null }>;
      by_channel: Array<{ channel: string; count: number; total: number }>;
      by_method: Array<{ payment_method: string; count: number; total: number }>;
      total: number;
    };
    assert.deepEqual(
      body.sales.map((s) => [s.number, s.total, s.reverses_number]),
      [
        ['KW/2026/0002', 30_000, null],
        ['KW/2026/0003', -30_000, 'KW/2026/0002'],
        ['KW/2026/0004', 45_000, null],
      ],
    );
    assert.deepEqual(body.by_channel, [
      { channel: 'bazaar', count: 2, total: 0 },
      { channel: 'visitor', count: 1, total: 45_000 },
    ]);
    assert.deepEqual(body.by_method, [
      { payment_method: 'qris', count: 1, total: 45_000 },
      { payment_method: 'tunai', count: 2, total: 0 },
    ]);
    assert.equal(body.total, 45_000);
    assert.doesNotMatch(res.body, /081234567890/, "never the buyer's phone");
    const html = (await staff.get('/production-reports/sales-book?month=2026-03')).body;
    assert.match(html, /Pembatalan KW\/2026\/0002/);
    assert.match(html, /Rp 45\.000/);
  });

  test('receivables: open invoices by partner with what is owed and their age', async () => {
    const res = await staff.get('/api/v1/production-reports/receivables');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      partners: Array<{
        partner_name: string;
        owed: number;
        invoices: Array<{ number: string; owed: number; age_days: number }>;
      }>;
      owed: number;
    };
    assert.equal(body.partners.length, 1);
    assert.equal(body.partners[0]?.partner_name, 'PT. Arta Jayendra Perkasa');
    assert.deepEqual(
      body.partners[0]?.invoices.map((i) => [i.number, i.owed]),
      [['INV/2026/0002', 60_000]],
    );
    assert.ok((body.partners[0]?.invoices[0]?.age_days ?? 0) > 200);
    assert.equal(body.owed, 60_000);
    assert.match((await staff.get('/production-reports/receivables')).body, /Rp 60\.000/);
  });

  test('the unit dashboard shows the production tiles to staff, with a link to stock', async () => {
    const body = (await staff.get('/dashboard')).body;
    for (const tile of ['tile-production-value', 'tile-pass-rate', 'tile-unpaid-invoices', 'tile-low-stock'])
      assert.match(body, new RegExp(`data-testid="${tile}"`));
    assert.match(body, /Rp 60\.000/);
    assert.match(body, /href="\/stock"/);
    assert.doesNotMatch((await instructor.get('/dashboard')).body, /tile-production-value/);
  });

  test("the SPPN evidence of an inmate's month includes what they made, passed and rejected", async () => {
    const res = await staff.get(`/attendance-reports/inmates/${ids.andi}?month=2026-03`);
    assert.equal(res.statusCode, 200);
    const section = res.body.slice(res.body.indexOf('data-testid="monthly-production"'));
    assert.match(
      section,
      /Pelatihan Merajut<\/th><td class="num">11<\/td><td class="num">7<\/td><td class="num">2<\/td>/,
    );
    const xlsx = await staff.get(`/attendance-reports/inmates/${ids.andi}/participation.xlsx?month=2026-03`);
    assert.equal(xlsx.statusCode, 200);
    const rows = rowsOf((await workbook(xlsx.rawPayload)).worksheets[0]);
    assert.deepEqual(
      rows.find((r) => r[0] === 'Pelatihan Merajut' && r.length === 4),
      ['Pelatihan Merajut', 11, 7, 2],
    );
    const pdf = await staff.get(`/attendance-reports/inmates/${ids.andi}/participation.pdf?month=2026-03`);
    assert.equal(pdf.statusCode, 200);
  });
});
