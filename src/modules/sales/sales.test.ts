import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { ledgerDifferences, moveProduct } from '../stock/stock.service.ts';

const DAY = '2026-04-27'; // Hari Bakti Pemasyarakatan: the bazaar

describe('direct sales', () => {
  let t: TestApp;
  let unitId: string;
  let petugas: Client;
  let kepala: Client;
  let stranger: Client;

  /** An own-made product of the unit with `stock` items on hand (posted as produced). */
  async function product(name: string, stock: number, price: number | null = 25_000, unit = unitId) {
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'aksesoris')
      .executeTakeFirstOrThrow();
    const p = await t.db
      .insertInto('products')
      .values({ unit_id: unit, kind_id: kind.id, name, route: 'own', price })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (stock > 0)
      await moveProduct(systemCtx(t.db), {
        productId: p.id,
        kind: 'produced',
        qty: stock,
        day: '2026-04-01',
      });
    return p.id;
  }

  const stock = (id: string) =>
    t.db.selectFrom('products').select(['on_hand', 'sold']).where('id', '=', id).executeTakeFirstOrThrow();
  const salesOf = (unit: string) =>
    t.db.selectFrom('sales').selectAll().where('unit_id', '=', unit).orderBy('number').execute();

  function sell(
    c: Client,
    lines: Array<{ product_id: string; qty: number; unit_price?: number }>,
    extra = {},
  ) {
    return c.json('POST', '/api/v1/sales', {
      sold_on: DAY,
      channel: 'bazaar',
      payment_method: 'tunai',
      lines,
      ...extra,
    });
  }

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
    stranger = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'] })).username);
  });
  after(() => t.close());

  test('a sale issues kuitansi KW/2026/0001, lowers on hand and raises sold, and is audited', async () => {
    const tas = await product('Tas rajut', 5, 150_000);
    const gantungan = await product('Gantungan kunci', 10, 15_000);
    const res = await sell(
      petugas,
      [
        { product_id: tas, qty: 2 },
        { product_id: gantungan, qty: 3, unit_price: 12_000 },
      ],
      { buyer_name: 'Ibu Sri', buyer_phone: '0812-3456-7890', payment_method: 'qris', payment_ref: 'QR123' },
    );
    assert.equal(res.statusCode, 201, res.body);
    const { id, number } = res.json() as { id: string; number: string };
    assert.equal(number, 'KW/2026/0001');
    assert.deepEqual(await stock(tas), { on_hand: 3, sold: 2 });
    assert.deepEqual(await stock(gantungan), { on_hand: 7, sold: 3 });
    const sale = (await petugas.get(`/api/v1/sales/${id}`)).json() as {
      total: number;
      lines: unknown[];
      buyer_phone: string;
    };
    assert.equal(sale.total, 2 * 150_000 + 3 * 12_000);
    assert.equal(sale.lines.length, 2);
    assert.equal(sale.buyer_phone, '0812-3456-7890');
    // The phone is on the sale's page only: not in the book, nor in the audit chain.
    const page = await petugas.get(`/sales/${id}`);
    assert.match(page.body, /data-testid="sale-phone">0812-3456-7890/);
    const book = await petugas.get('/sales?month=2026-04');
    assert.equal(book.statusCode, 200);
    assert.match(book.body, /KW\/2026\/0001/);
    assert.doesNotMatch(book.body, /0812-3456-7890/);
    assert.doesNotMatch((await petugas.get('/api/v1/sales?month=2026-04')).body, /0812/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'sales.create');
    assert.doesNotMatch(JSON.stringify(audit.after), /0812/);
    assert.deepEqual(await ledgerDifferences(systemCtx(t.db), [tas, gantungan], []), []);
  });

  test('selling more than on hand is 409, writes nothing and uses no number', async () => {
    const dompet = await product('Dompet rajut', 2, 50_000);
    const before = (await salesOf(unitId)).length;
    const res = await sell(petugas, [{ product_id: dompet, qty: 3 }]);
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /"code":"stock.insufficient"/);
    assert.match(res.body, /Stok Dompet rajut tidak cukup: tersisa 2/);
    assert.equal((await salesOf(unitId)).length, before);
    assert.deepEqual(await stock(dompet), { on_hand: 2, sold: 0 });
    const next = await sell(petugas, [{ product_id: dompet, qty: 2 }]);
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(
      (next.json() as { number: string }).number,
      `KW/2026/${String(before + 1).padStart(4, '0')}`,
    );
  });

  test('a receipt number already taken is a clear 409, never a 500, and nothing is written', async () => {
    const unit = (await buildUnit(t.db)).id;
    const staff = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit })).username);
    const p = await product('Tas kecil', 3, 40_000, unit);
    // A number written outside the counter (an import, a hand fix): the counter still says 0.
    await t.db
      .insertInto('sales')
      .values({
        unit_id: unit,
        number: 'KW/2026/0001',
        sold_on: DAY,
        channel: 'other',
        payment_method: 'tunai',
        total: 0,
      })
      .execute();
    const res = await sell(staff, [{ product_id: p, qty: 1 }]);
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /"code":"sales.number_taken"/);
    assert.match(res.body, /Nomor kuitansi KW\/2026\/0001 sudah dipakai/);
    assert.deepEqual(await stock(p), { on_hand: 3, sold: 0 });
    assert.equal((await salesOf(unit)).length, 1);
  });

  test('bad input is refused with a message per field and nothing is written', async () => {
    const p = await product('Bros rajut', 5, null);
    const before = (await salesOf(unitId)).length;
    const noPrice = await sell(petugas, [{ product_id: p, qty: 1 }]);
    assert.equal(noPrice.statusCode, 400);
    assert.match(noPrice.body, /"field":"lines.0.unit_price"/);
    const noRef = await sell(petugas, [{ product_id: p, qty: 1, unit_price: 5000 }], {
      payment_method: 'transfer',
    });
    assert.equal(noRef.statusCode, 400);
    assert.match(noRef.body, /"field":"payment_ref"/);
    const fraction = await sell(petugas, [{ product_id: p, qty: 1.5, unit_price: 5000 }]);
    assert.equal(fraction.statusCode, 400);
    const negative = await sell(petugas, [{ product_id: p, qty: -1, unit_price: 5000 }]);
    assert.equal(negative.statusCode, 400);
    const future = await sell(petugas, [{ product_id: p, qty: 1, unit_price: 5000 }], {
      sold_on: '2099-01-01',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /"field":"sold_on"/);
    const otherUnitProduct = await product('Tas lain', 5, 1000, (await buildUnit(t.db)).id);
    const foreign = await sell(petugas, [{ product_id: otherUnitProduct, qty: 1 }]);
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /"field":"lines.0.product_id"/);
    assert.equal((await salesOf(unitId)).length, before);
  });

  test('the HTML form sells through its line slots and shows a refusal on the slot', async () => {
    const p = await product('Tempat pensil', 3, 20_000);
    const form = await petugas.get('/sales/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Tempat pensil — tersedia 3 buah/);
    const short = await petugas.postForm('/sales', {
      sold_on: DAY,
      channel: 'visitor',
      payment_method: 'tunai',
      product_2: p,
      qty_2: '4',
    });
    assert.equal(short.statusCode, 409);
    assert.match(short.body, /data-testid="error-qty_2">Stok Tempat pensil tidak cukup: tersisa 3/);
    const half = await petugas.postForm('/sales', {
      sold_on: DAY,
      channel: 'visitor',
      payment_method: 'tunai',
      qty_1: '1',
    });
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /data-testid="error-product_1"/);
    const ok = await petugas.postForm('/sales', {
      sold_on: DAY,
      channel: 'visitor',
      payment_method: 'tunai',
      product_3: p,
      qty_3: '2',
      price_3: 'Rp 18.000',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const id = String(ok.headers.location).split('/').pop() ?? '';
    const sale = (await petugas.get(`/api/v1/sales/${id}`)).json() as { total: number; channel: string };
    assert.equal(sale.total, 36_000);
    assert.equal(sale.channel, 'visitor');
  });

  test('receipt numbers stay gapless under 20 concurrent sales', async () => {
    const unit = (await buildUnit(t.db)).id;
    const staff = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit })).username);
    const a = await product('Gantungan A', 100, 10_000, unit);
    const b = await product('Gantungan B', 100, 10_000, unit);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sell(
          staff,
          i % 2
            ? [
                { product_id: a, qty: 1 },
                { product_id: b, qty: 1 },
              ]
            : [
                { product_id: b, qty: 2 },
                { product_id: a, qty: 1 },
              ],
        ),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(20).fill(201),
    );
    const numbers = (await salesOf(unit)).map((s) => s.number);
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => `KW/2026/${String(i + 1).padStart(4, '0')}`),
    );
    assert.deepEqual(await ledgerDifferences(systemCtx(t.db), [a, b], []), []);
  });

  test('concurrent sales of the last item: exactly one succeeds', async () => {
    const last = await product('Tas terakhir', 1, 200_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sell(petugas, [{ product_id: last, qty: 1 }])),
    );
    assert.equal(results.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(results.filter((r) => r.statusCode === 409).length, 19);
    assert.deepEqual(await stock(last), { on_hand: 0, sold: 1 });
    const numbers = (await salesOf(unitId)).map((s) => Number(s.number.slice(-4)));
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      'no number lost to the refused sales',
    );
  });

  test('a cancelled sale restores stock and leaves both entries; petugas cannot approve', async () => {
    const p = await product('Dompet koin', 4, 30_000);
    const sold = (await sell(petugas, [{ product_id: p, qty: 3 }], { sold_on: '2026-05-02' })).json() as {
      id: string;
      number: string;
    };
    assert.deepEqual(await stock(p), { on_hand: 1, sold: 3 });
    const noReason = await petugas.json('POST', `/api/v1/sales/${sold.id}/cancellation`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    const selfApprove = await petugas.json('POST', `/api/v1/sales/${sold.id}/cancellation`, {
      reason: 'Salah catat',
      approve: true,
    });
    assert.equal(selfApprove.statusCode, 403);
    const req = await petugas.json('POST', `/api/v1/sales/${sold.id}/cancellation`, {
      reason: 'Pembeli membatalkan',
    });
    assert.equal(req.statusCode, 200, req.body);
    assert.equal((req.json() as { status: string }).status, 'cancel_requested');
    assert.equal(
      (await petugas.json('POST', `/api/v1/sales/${sold.id}/decision`, { approve: true })).statusCode,
      403,
    );
    assert.equal((await petugas.postForm(`/sales/${sold.id}/decision`, { approve: 'true' })).statusCode, 403);
    assert.equal(
      (await stranger.json('POST', `/api/v1/sales/${sold.id}/decision`, { approve: true })).statusCode,
      404,
    );
    const page = await kepala.get(`/sales/${sold.id}`);
    assert.match(page.body, /data-testid="sale-approve"/);
    // Two approvals at once reverse once.
    const [x, y] = await Promise.all([
      kepala.json('POST', `/api/v1/sales/${sold.id}/decision`, { approve: true, note: 'Setuju' }),
      kepala.json('POST', `/api/v1/sales/${sold.id}/decision`, { approve: true, note: 'Setuju' }),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 409]);
    const ok = (x.statusCode === 200 ? x : y).json() as {
      status: string;
      reversal_id: string;
      reversal_number: string;
    };
    assert.equal(ok.status, 'cancelled');
    assert.match(ok.reversal_number, /^KW-BTL\/\d{4}\/0001$/);
    assert.deepEqual(await stock(p), { on_hand: 4, sold: 0 });
    const both = await t.db
      .selectFrom('sales')
      .select(['id', 'status', 'total', 'reverses_id'])
      .where((eb) => eb.or([eb('id', '=', sold.id), eb('reverses_id', '=', sold.id)]))
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      both.map((s) => [s.status, Number(s.total)]),
      [
        ['cancelled', 90_000],
        ['reversal', -90_000],
      ],
    );
    const lines = await t.db
      .selectFrom('sale_lines')
      .select(['qty', 'amount'])
      .where('sale_id', '=', ok.reversal_id)
      .execute();
    assert.deepEqual(
      lines.map((l) => [l.qty, Number(l.amount)]),
      [[-3, -90_000]],
    );
    assert.deepEqual(await ledgerDifferences(systemCtx(t.db), [p], []), []);
    // The reversal is booked on the day of the sale it cancels: the day's book holds both, netting to zero.
    const book = (await petugas.get('/api/v1/sales/book?from=2026-05-02&to=2026-05-02')).json() as {
      items: Array<{ number: string; status: string; total: number }>;
      totals: { receipts: number; gross: number; reversed: number; net: number };
    };
    assert.deepEqual(
      book.items.map((i) => [i.number, i.status, i.total]),
      [
        [sold.number, 'cancelled', 90_000],
        [ok.reversal_number, 'reversal', -90_000],
      ],
    );
    assert.deepEqual(book.totals, {
      receipts: 1,
      gross: 90_000,
      reversed: -90_000,
      net: 0,
      by_method: { tunai: 0, transfer: 0, qris: 0 },
    });
    const html = await petugas.get('/sales?month=2026-05');
    assert.match(html.body, /data-testid="sales-net">Rp 0</);
    // A book is read whole, so its period is bounded: more than a year, or backwards, is a 400 on `to`.
    for (const q of ['from=2025-01-01&to=2026-05-02', 'from=2026-05-02&to=2026-05-01']) {
      const tooLong = await petugas.get(`/api/v1/sales/book?${q}`);
      assert.equal(tooLong.statusCode, 400, q);
      assert.match(tooLong.body, /"field":"to"/);
      assert.match(tooLong.body, /366/);
    }
    // The stock came back on the day of the approval.
    const back = await t.db
      .selectFrom('product_movements')
      .select('day')
      .where('sale_id', '=', ok.reversal_id)
      .executeTakeFirstOrThrow();
    assert.ok(back.day >= '2026-05-02');
    const again = await kepala.json('POST', `/api/v1/sales/${sold.id}/cancellation`, { reason: 'lagi' });
    assert.equal(again.statusCode, 409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [sold.id, ok.reversal_id])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['sales.create', 'sales.cancel_request', 'sales.reverse', 'sales.cancel_approve'],
    );
  });

  test('the Kepala rejects a request (the sale stands) or cancels in one step', async () => {
    const p = await product('Sarung bantal', 5, 40_000);
    const a = (await sell(petugas, [{ product_id: p, qty: 1 }])).json() as { id: string };
    await petugas.postForm(`/sales/${a.id}/cancellation`, { reason: 'Keliru' });
    const reject = await kepala.postForm(`/sales/${a.id}/decision`, {
      approve: 'false',
      note: 'Tidak ada bukti',
    });
    assert.equal(reject.statusCode, 303);
    const after = (await kepala.get(`/api/v1/sales/${a.id}`)).json() as {
      status: string;
      cancel_reason: string | null;
    };
    assert.deepEqual([after.status, after.cancel_reason], ['completed', null]);
    assert.deepEqual(await stock(p), { on_hand: 4, sold: 1 });
    const once = await kepala.postForm(`/sales/${a.id}/cancellation`, {
      reason: 'Barang cacat',
      approve: 'true',
    });
    assert.equal(once.statusCode, 303, once.body.slice(0, 300));
    const done = (await kepala.get(`/api/v1/sales/${a.id}`)).json() as {
      status: string;
      reversal_number: string;
    };
    assert.equal(done.status, 'cancelled');
    assert.match(done.reversal_number, /^KW-BTL\/2026\/\d{4}$/);
    assert.deepEqual(await stock(p), { on_hand: 5, sold: 0 });
  });

  test('the kuitansi PDF renders with its number; another unit sees nothing', async () => {
    const p = await product('Tas belanja', 3, 1_250_000);
    const s = (await sell(petugas, [{ product_id: p, qty: 1 }], { buyer_name: 'Bapak Joko' })).json() as {
      id: string;
      number: string;
    };
    const pdf = await petugas.get(`/sales/${s.id}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.rawPayload.includes(`KUITANSI ${s.number}`), 'the number is in the document');
    assert.equal((await stranger.get(`/sales/${s.id}/receipt.pdf`)).statusCode, 404);
    assert.equal((await stranger.get(`/sales/${s.id}`)).statusCode, 404);
    assert.equal((await stranger.get(`/api/v1/sales/${s.id}`)).statusCode, 404);
    assert.doesNotMatch((await stranger.get('/sales?month=2026-04')).body, /Tas belanja|Bapak Joko/);
  });
});
