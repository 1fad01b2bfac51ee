import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx } from '../../app/principal.ts';
import { ledgerDifferences, moveProduct } from '../stock/stock.service.ts';
import { purgeSpamGuard } from './orders.service.ts';

describe('order inquiries from the public gallery', () => {
  let t: TestApp;
  let unit: { id: string; public_slug: string };
  let otherUnit: { id: string; public_slug: string };
  let petugas: Client;
  let kepala: Client;
  let year: string;
  let nextIp = 1;

  /** A product of the unit with `stock` on hand, shown in a gallery entry (published or not). */
  async function product(
    name: string,
    stock: number,
    o: { published?: boolean; unitId?: string; price?: number } = {},
  ) {
    const unitId = o.unitId ?? unit.id;
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'aksesoris')
      .executeTakeFirstOrThrow();
    const p = await t.db
      .insertInto('products')
      .values({ unit_id: unitId, kind_id: kind.id, name, route: 'own', price: o.price ?? 85_000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (stock > 0)
      await moveProduct(systemCtx(t.db), {
        productId: p.id,
        kind: 'produced',
        qty: stock,
        day: '2026-04-01',
      });
    await t.db
      .insertInto('gallery_entries')
      .values({ unit_id: unitId, product_id: p.id, published: o.published ?? true, published_at: new Date() })
      .execute();
    return p.id;
  }

  /** A visitor from an address of their own (the throttle counts per address). */
  function visitor(): Client {
    const c = t.client();
    c.ip = `203.0.113.${nextIp++}`;
    return c;
  }

  /** What the widget would send: a solved challenge from /site/pow-challenge. */
  async function solved(c: Client): Promise<string> {
    const res = await c.get('/site/pow-challenge');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /no-store/);
    const challenge = res.json() as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.ok(solution);
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  }

  const formUrl = (productId: string, slug = unit.public_slug) => `/site/${slug}/products/${productId}/order`;

  async function order(c: Client, productId: string, fields: Record<string, string> = {}, altcha?: string) {
    const page = await c.get(formUrl(productId));
    assert.equal(page.statusCode, 200, page.body);
    return c.postForm(formUrl(productId), {
      name: 'Ibu Sri Wahyuni',
      whatsapp: '0812-3456-7890',
      qty: '2',
      delivery: 'pickup',
      altcha: altcha ?? (await solved(c)),
      ...fields,
    });
  }

  const inquiriesOf = (productId: string) =>
    t.db.selectFrom('order_inquiries').selectAll().where('product_id', '=', productId).execute();

  before(async () => {
    t = await startTestApp();
    unit = await buildUnit(t.db, { name: 'Rutan Kelas IIB Uji' });
    otherUnit = await buildUnit(t.db);
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unit.id })).username);
    year = dayInZone(new Date(), 'Asia/Jakarta').slice(0, 4);
  });
  after(() => t.close());

  test('a valid inquiry becomes pending with a reference, and the buyer is told they will be contacted on WhatsApp', async () => {
    const tas = await product('Tas rajut', 5);
    const c = visitor();
    const form = await c.get(formUrl(tas));
    assert.match(String(form.headers['cache-control']), /no-store/);
    assert.match(form.body, /altcha-widget/);
    assert.match(form.body, /name="website"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="website"/);
    assert.match(form.body, /Dibuat oleh warga binaan Rutan Kelas IIB Uji/);
    const res = await order(c, tas, { note: 'Warna merah bila ada' });
    assert.equal(res.statusCode, 200, res.body);
    const ref = /data-testid="order-reference">([^<]+)</.exec(res.body)?.[1];
    assert.equal(ref, `PSN/${year}/0001`);
    assert.match(res.body, /WhatsApp/);
    const [row] = await inquiriesOf(tas);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.buyer_whatsapp, '+6281234567890');
    assert.equal(row?.qty, 2);
    assert.notEqual(row?.address_hash, c.ip);
    // Audited by the anonymous visitor; the buyer's number and name only in the erasable personal part.
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'after', 'actor_name'])
      .where('entity_id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'orders.submit');
    assert.doesNotMatch(JSON.stringify(audit.after), /6281234567890|Sri Wahyuni|Warna merah/);
    assert.match(JSON.stringify(audit.after), /PSN\//);
    // A second inquiry takes the next number.
    const again = await order(visitor(), tas, { qty: '1' });
    assert.match(again.body, new RegExp(`PSN/${year}/0002`));
  });

  test('a solution is accepted once; a missing or forged one is refused and nothing is stored', async () => {
    const p = await product('Gantungan kunci', 10);
    const c = visitor();
    const payload = await solved(c);
    assert.equal((await order(c, p, {}, payload)).statusCode, 200);
    const reused = await order(c, p, {}, payload);
    assert.equal(reused.statusCode, 400);
    assert.match(reused.body, /data-testid="error-altcha"/);
    const missing = await c.postForm(formUrl(p), {
      name: 'Budi',
      whatsapp: '081234567890',
      qty: '1',
      delivery: 'pickup',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /data-testid="error-altcha"/);
    const forged = JSON.parse(Buffer.from(await solved(c), 'base64').toString()) as {
      solution: { derivedKey: string };
    };
    const k = forged.solution.derivedKey;
    forged.solution.derivedKey = `${k.startsWith('0') ? '1' : '0'}${k.slice(1)}`;
    const bad = await order(c, p, {}, Buffer.from(JSON.stringify(forged)).toString('base64'));
    assert.equal(bad.statusCode, 400);
    assert.equal((await order(c, p, {}, 'bm90IGpzb24=')).statusCode, 400);
    assert.equal((await inquiriesOf(p)).length, 1);
  });

  test('a filled honeypot gets the same-looking page, without a reference, and nothing is stored', async () => {
    const p = await product('Dompet', 4);
    const res = await order(visitor(), p, { website: 'http://spam.example' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /WhatsApp/);
    assert.doesNotMatch(res.body, /order-reference/);
    assert.equal((await inquiriesOf(p)).length, 0);
  });

  test('the sixth post from one address in ten minutes is 429 with a clear message; every attempt is counted', async () => {
    const p = await product('Taplak', 100);
    const c = visitor();
    for (let i = 0; i < 5; i++)
      assert.equal((await order(c, p, { qty: '1' })).statusCode, 200, `post ${i + 1}`);
    const sixth = await order(c, p, { qty: '1' });
    assert.equal(sixth.statusCode, 429);
    assert.match(sixth.body, /Terlalu banyak pesanan/);
    assert.equal((await inquiriesOf(p)).length, 5);
    // Another address is not held back.
    assert.equal((await order(visitor(), p, { qty: '1' })).statusCode, 200);
    const attempts = await t.db.selectFrom('public_post_attempts').select('address_hash').execute();
    assert.ok(attempts.length >= 7);
    assert.ok(attempts.every((a) => !a.address_hash.includes('203.0.113')));
  });

  test('more than in stock and a malformed number get a message on their field, and nothing is stored', async () => {
    const p = await product('Syal', 3);
    const c = visitor();
    const over = await order(c, p, { qty: '4' });
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /Stok tersedia hanya 3/);
    assert.match(over.body, /data-testid="error-qty"/);
    const phone = await order(c, p, { whatsapp: '021-555-1234' });
    assert.equal(phone.statusCode, 400);
    assert.match(phone.body, /data-testid="error-whatsapp"/);
    assert.match(phone.body, /Nomor WhatsApp tidak dikenali/);
    // The answers come back, escaped.
    const script = await order(c, p, { name: '<script>alert(1)</script>', delivery: 'delivery' });
    assert.equal(script.statusCode, 400);
    assert.match(script.body, /data-testid="error-address"/);
    assert.doesNotMatch(script.body, /<script>alert/);
    assert.equal((await inquiriesOf(p)).length, 0);
  });

  test('a product not in a published gallery entry, or asked under another unit, is 404', async () => {
    const hidden = await product('Belum tayang', 5, { published: false });
    assert.equal((await visitor().get(formUrl(hidden))).statusCode, 404);
    const mine = await product('Milik unit', 5);
    assert.equal((await visitor().get(formUrl(mine, otherUnit.public_slug))).statusCode, 404);
    assert.equal((await visitor().get(formUrl('00000000-0000-4000-8000-000000000000'))).statusCode, 404);
  });

  async function pendingOf(productId: string, qty = '2') {
    assert.equal((await order(visitor(), productId, { qty })).statusCode, 200);
    const [row] = await inquiriesOf(productId);
    assert.ok(row);
    return row;
  }

  test('the petugas confirms an inquiry into a sale (channel order, kuitansi, stock moved), only once', async () => {
    const p = await product('Tas belanja', 6, { price: 120_000 });
    const o = await pendingOf(p);
    const list = await petugas.get('/orders');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(o.reference));
    const page = await petugas.get(`/orders/${o.id}`);
    assert.match(page.body, /data-testid="order-confirm"/);
    assert.match(page.body, /value="120000"/);
    const today = dayInZone(new Date(), 'Asia/Jakarta');
    const res = await petugas.postForm(`/orders/${o.id}/confirm`, {
      payment_method: 'tunai',
      sold_on: today,
      unit_price: '120.000',
    });
    assert.equal(res.statusCode, 303, res.body);
    const after = await t.db
      .selectFrom('order_inquiries')
      .selectAll()
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'confirmed');
    const sale = await t.db
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', after.sale_id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(sale.channel, 'order');
    assert.equal(sale.buyer_name, 'Ibu Sri Wahyuni');
    assert.equal(sale.buyer_phone, '+6281234567890');
    assert.equal(sale.number, `KW/${today.slice(0, 4)}/0001`);
    assert.equal(Number(sale.total), 240_000);
    const stock = await t.db
      .selectFrom('products')
      .select(['on_hand', 'sold'])
      .where('id', '=', p)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stock, { on_hand: 4, sold: 2 });
    assert.deepEqual(await ledgerDifferences(systemCtx(t.db), [p], []), []);
    const twice = await petugas.json('POST', `/api/v1/order-inquiries/${o.id}/confirm`, {
      payment_method: 'tunai',
      sold_on: today,
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(
      (await t.db.selectFrom('sales').select('id').where('channel', '=', 'order').execute()).length,
      1,
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', o.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['orders.submit', 'orders.confirm'],
    );
  });

  test('out of stock at confirmation is a clear 409 and nothing is written', async () => {
    const p = await product('Kain', 3);
    const o = await pendingOf(p, '3');
    // Items set aside for another buyer since the inquiry came in: 1 left to sell.
    await t.db.updateTable('products').set({ reserved: 2 }).where('id', '=', p).execute();
    const today = dayInZone(new Date(), 'Asia/Jakarta');
    const res = await kepala.json('POST', `/api/v1/order-inquiries/${o.id}/confirm`, {
      payment_method: 'qris',
      payment_ref: 'QR1',
      sold_on: today,
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /tidak cukup/);
    // The form comes back with the message, 409, and nothing written either.
    const form = await kepala.postForm(`/orders/${o.id}/confirm`, {
      payment_method: 'tunai',
      sold_on: today,
    });
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /data-testid="error-summary"/);
    assert.match(form.body, /Stok Kain tidak cukup untuk pesanan ini: tersisa 1/);
    const after = await t.db
      .selectFrom('order_inquiries')
      .select('status')
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'pending');
    assert.equal(
      (await t.db.selectFrom('sales').select('id').where('note', '=', o.reference).execute()).length,
      0,
    );
  });

  test('an inquiry is declined with a reason; a reason is required', async () => {
    const p = await product('Keset', 5);
    const o = await pendingOf(p);
    const empty = await petugas.postForm(`/orders/${o.id}/decline`, {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Tulis alasan penolakan/);
    const res = await petugas.postForm(`/orders/${o.id}/decline`, { reason: 'Warna yang diminta tidak ada' });
    assert.equal(res.statusCode, 303);
    const api = await kepala.json('GET', `/api/v1/order-inquiries/${o.id}`);
    assert.equal(api.statusCode, 200);
    assert.equal((api.json() as { status: string }).status, 'declined');
    const list = await kepala.json('GET', '/api/v1/order-inquiries?status=declined');
    assert.ok((list.json() as { items: { id: string }[] }).items.some((i) => i.id === o.id));
  });

  test('instruktur, humas and kanwil are refused; another unit sees none of these inquiries', async () => {
    const p = await product('Bantal', 5);
    const o = await pendingOf(p);
    for (const role of ['instruktur_mitra', 'humas'] as const) {
      const c = await t.signedIn((await buildUser(t.db, { roles: [role], unit_id: unit.id })).username);
      assert.equal((await c.get('/orders')).statusCode, 403, role);
      assert.equal(
        (await c.json('POST', `/api/v1/order-inquiries/${o.id}/decline`, { reason: 'x' })).statusCode,
        403,
        role,
      );
    }
    const kw = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'], unit_id: null })).username);
    assert.equal((await kw.get(`/orders/${o.id}`)).statusCode, 403);
    const other = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit.id })).username,
    );
    assert.equal((await other.get(`/orders/${o.id}`)).statusCode, 404);
    assert.equal(
      (await other.json('POST', `/api/v1/order-inquiries/${o.id}/decline`, { reason: 'x' })).statusCode,
      404,
    );
    assert.doesNotMatch((await other.get('/orders')).body, new RegExp(o.reference));
  });

  test('the vendored widget is served with a long cache; the daily clean-up removes old attempts and spent solutions', async () => {
    const js = await t.client().get('/vendor/altcha.js?v=3.2.2');
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['cache-control']), /max-age=31536000/);
    assert.equal((await t.client().get('/vendor/package.json')).statusCode, 404);
    await t.db
      .insertInto('public_post_attempts')
      .values({ address_hash: 'old', form: 'order', at: new Date(Date.now() - 2 * 86_400_000) })
      .execute();
    await t.db
      .insertInto('pow_solutions_used')
      .values({ signature: 'old', expires_at: new Date(Date.now() - 60_000) })
      .execute();
    const n = await purgeSpamGuard({ db: t.db, now: new Date() });
    assert.ok(n.attempts >= 1 && n.solutions >= 1);
    assert.equal(
      (
        await t.db
          .selectFrom('pow_solutions_used')
          .select('signature')
          .where('signature', '=', 'old')
          .execute()
      ).length,
      0,
    );
    assert.ok(
      (await t.db.selectFrom('pow_solutions_used').select('signature').execute()).length > 0,
      'live solutions stay',
    );
  });

  test('the dashboards of the petugas and the Kepala UPT show the pending inquiries with a link', async () => {
    const p = await product('Sarung bantal', 5);
    await pendingOf(p);
    const pending = await t.db
      .selectFrom('order_inquiries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_id', '=', unit.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    for (const c of [petugas, kepala]) {
      const page = await c.get('/dashboard');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="orders-panel"/);
      assert.match(page.body, new RegExp(`data-testid="orders-pending">${pending.n}<`));
      assert.match(page.body, /href="\/orders\?status=pending"/);
    }
  });
});
