// PNBP deposits, the capital account, the monthly reconciliation and the offices' totals, against a
// unit whose premi run is posted by hand following the journal conventions (no dependency on the
// premi runs module): 50/15/35 of offtake Rp 1.000.000 and own sales Rp 200.000 with Rp 50.000 of
// unit-bought materials.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
import { systemCtx, withDb } from '../../app/principal.ts';
import type { LedgerLine } from '../ledger/ledger.rules.ts';
import { postEntry } from '../ledger/ledger.service.ts';
import { reconcile } from './pnbp.rules.ts';

const BILLING = '820260300000001';
const NTPN = 'A1B2C3D4E5F6G7H8';

describe('PNBP, capital and the monthly reconciliation', () => {
  let t: TestApp;
  let unitId: string;
  let otherUnitId: string;
  let petugas: Client;
  let kepala: Client;
  let kanwil: Client;
  let instruktur: Client;
  let humas: Client;
  let inmateName: string;
  let regNumber: string;

  const post = async (
    kind: 'premi_run' | 'premi_reversal',
    sourceId: string,
    day: string,
    lines: LedgerLine[],
    unit = unitId,
  ) => {
    const ctx = systemCtx(t.db);
    await t.db.transaction().execute((trx) =>
      postEntry(withDb(ctx, trx), {
        unitId: unit,
        day,
        kind,
        sourceId,
        memo: `Run premi ${day.slice(0, 7)}`,
        lines,
      }),
    );
  };

  /** A run row as the premi module keeps it, posted with its entry (or a draft without). */
  const run = async (
    unit: string,
    month: string,
    status: 'draft' | 'reviewed' | 'posted',
    lines?: LedgerLine[],
  ) => {
    const id = crypto.randomUUID();
    let entryId: string | null = null;
    if (lines) {
      await post('premi_run', id, lastDay(month), lines, unit);
      entryId = (
        await t.db
          .selectFrom('journal_entries')
          .select('id')
          .where('source_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
    }
    await t.db
      .insertInto('premi_runs')
      .values({ id, unit_id: unit, month: `${month}-01`, status, entry_id: entryId, pnbp: 0 })
      .execute();
    return id;
  };

  const count = async (table: 'pnbp_deposits' | 'journal_entries' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    otherUnitId = (await buildUnit(t.db)).id;
    const user = async (roles: Parameters<typeof buildUser>[1] & object) =>
      t.signedIn((await buildUser(t.db, roles)).username);
    const partner = await buildPartner(t.db, { unit_id: unitId });
    petugas = await user({ roles: ['petugas'], unit_id: unitId });
    kepala = await user({ roles: ['kepala_upt'], unit_id: unitId });
    kanwil = await user({ roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    humas = await user({ roles: ['humas'], unit_id: unitId });
    const ins = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partner.id }).where('id', '=', ins.id).execute();
    instruktur = await t.signedIn(ins.username);

    const a = await buildInmate(t.db, { unit_id: unitId, name: 'Sri Wahyuni Rahayu' });
    const b = await buildInmate(t.db, { unit_id: unitId });
    inmateName = a.name;
    regNumber = a.reg_number;

    // March 2026, posted: offtake 1.000.000 -> 500.000 / 150.000 / 350.000; own sales 200.000 less
    // 50.000 materials -> 75.000 / 22.500 / 52.500. Premi 575.000, PNBP 172.500, capital 402.500.
    await run(unitId, '2026-03', 'posted', [
      { account: 'receivable', purpose: 'offtake', amount: 1_000_000 },
      { account: 'revenue', purpose: 'offtake', amount: -1_000_000 },
      { account: 'cash', purpose: 'sales', amount: 200_000 },
      { account: 'revenue', purpose: 'sales', amount: -200_000 },
      { account: 'revenue', purpose: 'share', amount: 1_200_000 },
      { account: 'premi', purpose: 'share', amount: -300_000, inmateId: a.id, pocket: 'saved' },
      { account: 'premi', purpose: 'share', amount: -100_000, inmateId: a.id, pocket: 'spendable' },
      { account: 'premi', purpose: 'share', amount: -145_000, inmateId: b.id, pocket: 'saved' },
      // 30.000 of the sales premi found no maker: into the pool.
      { account: 'premi_pool', purpose: 'pool', amount: -30_000 },
      { account: 'pnbp', purpose: 'share', amount: -172_500 },
      { account: 'capital', purpose: 'share', amount: -402_500 },
      { account: 'capital', purpose: 'material_cost', amount: -50_000 },
      // A trainee's minimum topped up from capital; a unit purchase of materials.
      { account: 'capital', purpose: 'topup', amount: 20_000 },
      { account: 'premi', purpose: 'topup', amount: -20_000, inmateId: b.id, pocket: 'saved' },
      { account: 'capital', purpose: 'material_purchase', amount: 80_000 },
      { account: 'cash', purpose: 'material_purchase', amount: -80_000 },
    ]);
    // Draft and reviewed runs waiting for the Kepala UPT (the dashboard tile).
    await run(unitId, '2026-04', 'draft');
    await run(unitId, '2026-05', 'reviewed');

    // The source records of March: a partner check of 100 passed x Rp 10.000, two sales of
    // Rp 150.000 and Rp 50.000, and the first cancelled on 31 March after the run was posted.
    const programme = await buildProgramme(t.db, { unit_id: unitId, partner_id: partner.id });
    const enrolment = await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: a.id });
    const kind = await t.db.selectFrom('product_kinds').select('id').executeTakeFirstOrThrow();
    const product = await t.db
      .insertInto('products')
      .values({
        unit_id: unitId,
        programme_id: programme.id,
        kind_id: kind.id,
        name: 'Gantungan kunci rajut',
        rate_name: null,
        route: 'partner',
        price: null,
        description: null,
        photo_file_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batch = await t.db
      .insertInto('qc_batches')
      .values({
        unit_id: unitId,
        partner_id: partner.id,
        programme_id: programme.id,
        agreement_id: null,
        number: 'QC/2026/0001',
        sent_on: '2026-03-10',
        checked_on: '2026-03-12',
        status: 'checked',
        created_by: null,
        checked_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('qc_batch_lines')
      .values({
        batch_id: batch.id,
        enrolment_id: enrolment.id,
        product_id: product.id,
        submitted: 105,
        passed: 100,
        rate: 10_000,
      })
      .execute();
    const sale = (
      number: string,
      sold_on: string,
      total: number,
      status: 'completed' | 'cancelled' | 'reversal',
      reverses_id: string | null = null,
    ) =>
      t.db
        .insertInto('sales')
        .values({
          unit_id: unitId,
          number,
          sold_on,
          channel: 'bazaar',
          buyer_name: null,
          buyer_phone: null,
          payment_method: 'tunai',
          payment_ref: null,
          total,
          status,
          reverses_id,
          cancel_reason: status === 'cancelled' ? 'Salah catat' : null,
          note: null,
          created_by: null,
          approved_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const cancelled = await sale('KW/2026/0001', '2026-03-05', 150_000, 'cancelled');
    await sale('KW/2026/0002', '2026-03-06', 50_000, 'completed');
    await sale('KW/2026/0003', '2026-03-31', -150_000, 'reversal', cancelled.id);
  });
  after(() => t.close());

  const deposit = (c: Client, over: Record<string, unknown> = {}) =>
    c.json('POST', '/api/v1/pnbp/deposits', {
      deposited_on: '2026-04-10',
      amount: 100_000,
      billing_code: BILLING,
      ntpn: NTPN,
      period: '2026-03',
      ...over,
    });

  test('a malformed billing code or NTPN is refused with a message per field in Indonesian, and nothing is written', async () => {
    const before = await Promise.all([count('pnbp_deposits'), count('journal_entries'), count('audit_log')]);
    const res = await deposit(petugas, { billing_code: '82026030000000', ntpn: 'a1b2-c3d4' });
    assert.equal(res.statusCode, 400, res.body);
    const body = (res.json() as { error: { fields: Array<{ field: string; message: string }> } }).error;
    const msg = (f: string) => body.fields.find((x) => x.field === f)?.message;
    assert.equal(msg('billing_code'), 'Kode billing harus 15 angka (tanpa huruf atau tanda baca).');
    assert.equal(msg('ntpn'), 'NTPN harus 16 karakter huruf kapital A–Z dan/atau angka 0–9.');
    assert.equal((await deposit(petugas, { billing_code: '82026030000000X' })).statusCode, 400);
    assert.equal((await deposit(petugas, { ntpn: 'A1B2C3D4E5F6G7H!' })).statusCode, 400);

    // The form shows the same messages beside the fields and keeps the answers.
    const form = await petugas.postForm('/pnbp/deposits', {
      deposited_on: '2026-04-10',
      amount: '100.000',
      billing_code: '8202603',
      ntpn: 'A1B2C3D4E5F6G7H8X',
      period: '2026-03',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-billing_code">Kode billing harus 15 angka/);
    assert.match(form.body, /data-testid="error-ntpn">NTPN harus 16 karakter/);
    assert.match(form.body, /value="A1B2C3D4E5F6G7H8X"/);
    assert.deepEqual(
      await Promise.all([count('pnbp_deposits'), count('journal_entries'), count('audit_log')]),
      before,
    );
  });

  test('a deposit above what is still owed is refused with 409, and nothing is written', async () => {
    const before = await Promise.all([count('pnbp_deposits'), count('journal_entries')]);
    const res = await deposit(petugas, { amount: 172_501 });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /"code":"pnbp.above_owed"/);
    assert.match(res.body, /melebihi PNBP yang masih harus disetor \(Rp 172\.500\)/);
    assert.deepEqual(await Promise.all([count('pnbp_deposits'), count('journal_entries')]), before);
  });

  test('PNBP owed falls after a deposit, which is posted pnbp + / cash − and audited; the NTPN cannot be used twice', async () => {
    const owed = async () =>
      (await petugas.get(`/api/v1/pnbp/owed?unit_id=${unitId}`)).json() as {
        owed: number;
        accrued: number;
        deposited: number;
      };
    const first = await owed();
    assert.deepEqual([first.accrued, first.deposited, first.owed], [172_500, 0, 172_500]);
    // A lower-case NTPN typed with spaces is read as the bank printed it.
    const res = await deposit(kepala, { amount: 150_000, ntpn: 'a1b2 c3d4 e5f6 g7h8' });
    assert.equal(res.statusCode, 201, res.body);
    const { id, owed: left } = res.json() as { id: string; owed: number };
    assert.equal(left, 22_500);
    assert.equal((await owed()).owed, 22_500);
    assert.equal((await owed()).deposited, 150_000);

    const entry = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('kind', '=', 'pnbp_deposit')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    const lines = await t.db
      .selectFrom('journal_lines')
      .select(['account', 'purpose', 'amount'])
      .where('entry_id', '=', entry.id)
      .orderBy('account')
      .execute();
    assert.deepEqual(lines, [
      { account: 'cash', purpose: 'deposit', amount: '-150000' },
      { account: 'pnbp', purpose: 'deposit', amount: '150000' },
    ]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['pnbp.deposit'],
    );

    const again = await deposit(petugas, { amount: 1_000, billing_code: '820260300000002' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /NTPN A1B2C3D4E5F6G7H8 sudah tercatat pada setoran lain/);

    const page = await petugas.get(`/pnbp?unit_id=${unitId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="pnbp-owed">[\s\S]*?Rp 22\.500/);
    assert.match(page.body, /Maret 2026/);
    assert.match(page.body, /A1B2C3D4E5F6G7H8/);
    const xlsx = await petugas.get(`/pnbp/report.xlsx?unit_id=${unitId}`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]?.getSheetValues() ?? []).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    assert.deepEqual(
      rows.find((r) => r?.[0] === 'Maret 2026'),
      ['Maret 2026', 172_500, 150_000, BILLING, NTPN, 22_500],
    );

    const tiles = await petugas.get('/dashboard');
    assert.match(tiles.body, /data-testid="tile-pnbp-owed">[\s\S]*?Rp 22\.500/);
    assert.match(tiles.body, /1 menunggu diperiksa · 1 menunggu disetujui/);
    assert.match(
      tiles.body,
      /data-testid="tile-premi-payouts">[\s\S]*?Tabungan premi Rp 0 menunggu dibayarkan/,
    );
  });

  test('the form takes rupiah as people write them and redirects to the PNBP page', async () => {
    const res = await petugas.postForm('/pnbp/deposits', {
      unit_id: unitId,
      deposited_on: '2026-04-12',
      amount: 'Rp 2.500',
      billing_code: '820260300000003',
      ntpn: 'ZZ00000000000001',
      period: '2026-03',
      note: 'Sebagian',
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/pnbp?unit_id=${unitId}`);
    assert.equal(((await petugas.get('/api/v1/pnbp/owed')).json() as { owed: number }).owed, 20_000);
  });

  test('the capital account shows its balance and its lines by month and purpose in words', async () => {
    const res = await petugas.get('/capital');
    assert.equal(res.statusCode, 200);
    // 402.500 + 50.000 in, 20.000 + 80.000 out.
    assert.match(res.body, /data-testid="capital-balance">[\s\S]*?Rp 352\.500/);
    for (const words of [
      'Bagian modal dari hasil produksi',
      'Pengembalian biaya bahan yang dibeli unit',
      'Pembelian bahan oleh unit',
      'Tambahan premi minimum peserta pelatihan',
    ])
      assert.match(res.body, new RegExp(words));
  });

  test('the month reconciles to the rupiah, and a sale cancelled after the run was posted is flagged in words', async () => {
    const res = await petugas.get(`/api/v1/reconciliation?month=2026-03`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as Record<string, unknown>;
    assert.equal(r.revenue, 1_200_000);
    assert.equal(r.premi, 575_000);
    assert.equal(r.pnbp, 172_500);
    assert.equal(r.capital, 402_500);
    assert.equal(r.material_cost, 50_000);
    assert.equal(r.difference, 0);
    assert.equal(r.balanced, true);
    assert.deepEqual(r.offtake, { journal: 1_000_000, records: 1_000_000, difference: 0 });
    assert.deepEqual(r.sales, { journal: 200_000, records: 50_000, difference: -150_000 });

    const page = await petugas.get('/reconciliation?month=2026-03');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="recon-balanced"/);
    assert.doesNotMatch(page.body, /data-testid="recon-check-offtake-flag"/);
    assert.match(
      page.body,
      /data-testid="recon-check-sales-flag">Buku penjualan Rp 150\.000 lebih kecil dari jurnal: ada penjualan yang dibatalkan setelah perhitungan premi diposting/,
    );
  });

  test('a month whose revenue differs from its distribution is flagged in red with the difference', async () => {
    // June: revenue 100.000 recognised, only 60.000 distributed (the rest to cash, by a mistaken run).
    await run(unitId, '2026-06', 'posted', [
      { account: 'receivable', purpose: 'offtake', amount: 100_000 },
      { account: 'revenue', purpose: 'offtake', amount: -100_000 },
      { account: 'revenue', purpose: 'share', amount: 100_000 },
      { account: 'pnbp', purpose: 'share', amount: -60_000 },
      { account: 'cash', purpose: 'share', amount: -40_000 },
    ]);
    const r = (await petugas.get('/api/v1/reconciliation?month=2026-06')).json() as {
      difference: number;
      balanced: boolean;
    };
    assert.deepEqual([r.difference, r.balanced], [40_000, false]);
    const page = await petugas.get('/reconciliation?month=2026-06');
    assert.match(
      page.body,
      /data-testid="recon-unbalanced">Tidak seimbang: pendapatan berbeda Rp 40\.000 dari pembagiannya/,
    );
    assert.match(page.body, /<strong class="error">Rp 40\.000<\/strong>/);
    // No check in June: the journal's offtake has no record behind it.
    assert.match(
      page.body,
      /data-testid="recon-check-offtake-flag">Catatan pemeriksaan Rp 100\.000 lebih kecil dari jurnal/,
    );
  });

  test('a reversal run nets the month out, and the pool taken by makers is not counted twice', () => {
    const r = reconcile([
      { account: 'revenue', purpose: 'sales', amount: -100_000 },
      { account: 'revenue', purpose: 'share', amount: 100_000 },
      { account: 'premi', purpose: 'share', amount: -40_000 },
      { account: 'premi_pool', purpose: 'pool', amount: -10_000 + 25_000 },
      { account: 'premi', purpose: 'pool', amount: -25_000 },
      { account: 'pnbp', purpose: 'share', amount: -15_000 },
      { account: 'capital', purpose: 'share', amount: -35_000 },
    ]);
    assert.deepEqual([r.revenue, r.premi, r.difference], [100_000, 50_000, 0]);
  });

  test('the ledger export for audit lists every line with the reg number, and debits equal credits', async () => {
    const res = await petugas.get('/ledger/export?from=2026-03-01&to=2026-04-30');
    assert.equal(res.statusCode, 200, res.body);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    const values = ws.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const text = JSON.stringify(values);
    assert.match(text, new RegExp(regNumber.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    assert.doesNotMatch(text, new RegExp(inmateName));
    const total = values[values.length - 1] as unknown[];
    assert.equal(total[0], 'Jumlah');
    assert.equal(total[7], total[8], 'debits equal credits');
    assert.ok(Number(total[7]) > 1_000_000);
    assert.equal((await petugas.get('/ledger/export?from=2026-05-01&to=2026-03-01')).statusCode, 400);
  });

  test('a Kanwil viewer sees totals per unit of its region without names, and no unit books', async () => {
    const res = await kanwil.get('/api/v1/premi-totals?month=2026-03');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { units: Array<Record<string, unknown>> };
    assert.deepEqual(
      body.units.map((u) => u.unit_id),
      [unitId],
      'only the units of its region',
    );
    const u = body.units[0];
    // Credited to makers (share and top-up); the 30.000 pooled is nobody's yet.
    assert.equal(u?.premi, 565_000);
    assert.equal(u?.inmates, 2);
    assert.equal(u?.runs, 1);
    assert.equal(u?.pnbp_month, 172_500);
    assert.equal(u?.capital, 352_500);
    const page = await kanwil.get('/premi-totals?month=2026-03');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rp 565\.000/);
    assert.doesNotMatch(page.body, new RegExp(inmateName));
    assert.doesNotMatch(page.body, /B\.I /);
    assert.equal((await kanwil.get(`/api/v1/premi-totals?unit_id=${otherUnitId}`)).statusCode, 404);
    for (const url of ['/pnbp', '/capital', '/reconciliation', '/ledger/export', '/api/v1/pnbp/deposits'])
      assert.equal((await kanwil.get(url)).statusCode, 403, url);
    assert.equal((await deposit(kanwil)).statusCode, 403);
  });

  test("another unit's books are not found", async () => {
    for (const url of [
      `/pnbp?unit_id=${otherUnitId}`,
      `/capital?unit_id=${otherUnitId}`,
      `/api/v1/reconciliation?unit_id=${otherUnitId}`,
    ])
      assert.equal((await petugas.get(url)).statusCode, 404, url);
    assert.equal(
      (await deposit(petugas, { unit_id: otherUnitId, ntpn: 'QQ00000000000001' })).statusCode,
      404,
    );
  });

  test('an instructor of the partner and public relations see no money: 403 on every page', async () => {
    const urls = [
      '/pnbp',
      '/pnbp/report.xlsx',
      '/capital',
      '/reconciliation',
      '/ledger/export',
      '/premi-totals',
      '/api/v1/pnbp/deposits',
      '/api/v1/pnbp/owed',
      '/api/v1/premi-totals',
      '/api/v1/reconciliation',
    ];
    for (const c of [instruktur, humas]) {
      for (const url of urls) assert.equal((await c.get(url)).statusCode, 403, url);
      assert.equal((await deposit(c, { ntpn: 'QQ00000000000002' })).statusCode, 403);
      assert.equal((await c.postForm('/pnbp/deposits', { amount: '1' })).statusCode, 403);
      const dash = await c.get('/dashboard');
      assert.doesNotMatch(dash.body, /tile-pnbp-owed|nav-pnbp|nav-premi-totals/);
    }
  });
});

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
