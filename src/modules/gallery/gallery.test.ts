// The gallery's management: Humas puts the unit's products in the public gallery and publishes them
// once the shown photo is confirmed (nobody identifiable, or consent recorded) and a price is set;
// nobody else manages it, another unit's products are not Humas's to see, and text is escaped.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';

type Json = Record<string, unknown>;
const body = (res: { body: string }) => JSON.parse(res.body) as Json;

function multipart(file: { name: string; content: Buffer; type: string }) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A phone photo of a bag, with the camera's EXIF and a GPS position. */
const phonePhoto = () =>
  sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#b35' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 38/1 0/1' } })
    .toBuffer();

describe('product gallery management', () => {
  let t: TestApp;
  let humas: Client;
  let otherHumas: Client;
  let petugas: Client;
  let kanwil: Client;
  let unitId: string;
  const products: Record<'bag' | 'wallet' | 'noPrice' | 'scarf' | 'other', string> = {
    bag: '',
    wallet: '',
    noPrice: '',
    scarf: '',
    other: '',
  };

  const upload = (c: Client, url: string, file: { name: string; content: Buffer; type: string }) => {
    const m = multipart(file);
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': c.csrf,
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
  };
  const add = async (productId: string, blurb?: string) => {
    const res = await humas.json('POST', '/api/v1/gallery', {
      product_id: productId,
      ...(blurb ? { blurb } : {}),
    });
    assert.equal(res.statusCode, 201, res.body);
    return body(res).id as string;
  };
  const count = async (table: 'files' | 'image_variants' | 'gallery_entries') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id, name: 'Rutan Kelas IIB Galeri' })).id;
    const otherUnit = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    const kind = await t.db.selectFrom('product_kinds').select('id').executeTakeFirstOrThrow();
    const make = async (unit: string, name: string, price: number | null, onHand = 0, reserved = 0) =>
      (
        await t.db
          .insertInto('products')
          .values({
            unit_id: unit,
            kind_id: kind.id,
            name,
            route: 'own',
            price: price === null ? null : String(price),
            description: `${name} rajut tangan.`,
            on_hand: onHand,
            reserved,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    products.bag = await make(unitId, 'Tas rajut', 45000, 10, 3);
    products.wallet = await make(unitId, 'Dompet rajut', 20000, 4);
    products.noPrice = await make(unitId, 'Bros rajut', null, 5);
    products.scarf = await make(unitId, 'Syal rajut', 60000, 2);
    products.other = await make(otherUnit, 'Tas lain', 30000, 1);
    const signIn = async (roles: ['humas'] | ['petugas'], unit: string) =>
      t.signedIn((await buildUser(t.db, { roles, unit_id: unit })).username);
    humas = await signIn(['humas'], unitId);
    otherHumas = await signIn(['humas'], otherUnit);
    petugas = await signIn(['petugas'], unitId);
    kanwil = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'], kanwil_id: kw.id })).username);
  });
  after(() => t.close());

  test('Humas sees the unit’s products with price and available stock, adds one and publishes it', async () => {
    const page = await humas.get('/gallery');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`data-testid="gallery-add-${products.bag}"`));
    assert.match(page.body, /Rp 45\.000/);
    assert.match(page.body, /tersedia 7/, 'on hand 10 less 3 reserved');
    assert.doesNotMatch(page.body, /Tas lain/, "another unit's product is not listed");

    const added = await humas.postForm('/gallery', { product_id: products.bag });
    assert.equal(added.statusCode, 303, added.body);
    const id = String(added.headers.location).split('/').pop() ?? '';
    const entry = await humas.get(`/gallery/${id}`);
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /data-testid="gallery-publish"/);
    assert.match(entry.body, /Tas rajut rajut tangan\./, "the blurb starts as the product's description");

    const published = await humas.postForm(`/gallery/${id}/publish`);
    assert.equal(published.statusCode, 303, published.body);
    const row = await t.db
      .selectFrom('gallery_entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.published, true);
    assert.ok(row.published_at);
    const api = body(await humas.json('GET', `/api/v1/gallery/${id}`));
    assert.equal(api.published, true);
    assert.equal(api.available, 7);
    assert.equal(api.price, 45000);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('entity', '=', 'gallery_entry')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['gallery.add', 'gallery.publish'],
    );
    assert.ok(audit.every((a) => a.unit_id === unitId));

    const off = await humas.json('POST', `/api/v1/gallery/${id}/unpublish`);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(body(off).published, false);
  });

  test("the product's photo is published only once confirmed, as a stripped copy that a later product photo does not replace", async () => {
    const put = await upload(petugas, `/api/v1/products/${products.wallet}/photo`, {
      name: 'dompet.jpg',
      content: await phonePhoto(),
      type: 'image/jpeg',
    });
    assert.equal(put.statusCode, 201, put.body);
    const id = await add(products.wallet);

    const refused = await humas.json('POST', `/api/v1/gallery/${id}/publish`);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.body, /belum dikonfirmasi/);
    const page = await humas.postForm(`/gallery/${id}/publish`);
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /data-testid="error-summary"/);

    const noNote = await humas.json('POST', `/api/v1/gallery/${id}/photo/confirm`, {
      confirmation: 'consent',
    });
    assert.equal(noNote.statusCode, 400, noNote.body);
    assert.match(noNote.body, /consent_note/);

    const ok = await humas.json('POST', `/api/v1/gallery/${id}/photo/confirm`, {
      confirmation: 'consent',
      consent_note: 'Persetujuan tertulis 3 Februari 2026, arsip Humas.',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const photo = body(ok).photo as Json;
    assert.equal(photo.source, 'own');
    assert.equal(photo.confirmed, true);

    const thumb = await humas.get(`/gallery/${id}/photo?size=thumb`);
    assert.equal(thumb.statusCode, 200);
    assert.equal(thumb.headers['content-type'], 'image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    assert.equal(meta.width, 480);
    assert.equal(meta.exif, undefined);

    const pub = await humas.json('POST', `/api/v1/gallery/${id}/publish`);
    assert.equal(pub.statusCode, 200, pub.body);

    // A new product photo later does not change what the public gallery shows.
    const again = await upload(petugas, `/api/v1/products/${products.wallet}/photo`, {
      name: 'dompet-baru.png',
      content: await sharp({ create: { width: 800, height: 600, channels: 3, background: '#333' } })
        .png()
        .toBuffer(),
      type: 'image/png',
    });
    assert.equal(again.statusCode, 201, again.body);
    const after = body(await humas.json('GET', `/api/v1/gallery/${id}`));
    assert.deepEqual(after.photo, photo);

    // The consent note is personal: the audit chain keeps it out of the record itself.
    const confirmAudit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', id)
      .where('action', '=', 'gallery.photo_confirm')
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(confirmAudit.after), /arsip Humas/);
  });

  test("Humas's own photo: a non-image or oversized file is refused with nothing written; a new photo needs its own confirmation", async () => {
    const id = await add(products.scarf);
    assert.equal((await humas.json('POST', `/api/v1/gallery/${id}/publish`)).statusCode, 200);
    const before = { files: await count('files'), variants: await count('image_variants') };

    const text = await upload(humas, `/api/v1/gallery/${id}/photo`, {
      name: 'syal.jpg',
      content: Buffer.from('this is not a photo'),
      type: 'image/jpeg',
    });
    assert.equal(text.statusCode, 400, text.body);
    assert.match(text.body, /JPEG atau PNG/);
    const form = await upload(humas, `/gallery/${id}/photo`, {
      name: 'syal.jpg',
      content: Buffer.from('this is not a photo'),
      type: 'image/jpeg',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /JPEG atau PNG/);
    assert.deepEqual({ files: await count('files'), variants: await count('image_variants') }, before);

    const good = await upload(humas, `/api/v1/gallery/${id}/photo`, {
      name: 'syal.jpg',
      content: await phonePhoto(),
      type: 'image/jpeg',
    });
    assert.equal(good.statusCode, 201, good.body);
    const e = body(await humas.json('GET', `/api/v1/gallery/${id}`));
    assert.equal(e.published, false, 'a new, unconfirmed photo takes the entry off the public gallery');
    assert.deepEqual((e.photo as Json).confirmed, false);
    assert.ok((e.problems as string[]).includes('gallery.photoUnconfirmed'));
  });

  test('a product without a price cannot be published, with a clear message', async () => {
    const id = await add(products.noPrice);
    const res = await humas.postForm(`/gallery/${id}/publish`);
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /belum punya harga/);
    const row = await t.db
      .selectFrom('gallery_entries')
      .select('published')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.published, false);
  });

  test('the petugas and a Kanwil viewer may not manage the gallery', async () => {
    for (const c of [petugas, kanwil]) {
      assert.equal((await c.get('/gallery')).statusCode, 403);
      assert.equal((await c.json('GET', '/api/v1/gallery')).statusCode, 403);
      assert.equal((await c.json('POST', '/api/v1/gallery', { product_id: products.bag })).statusCode, 403);
    }
  });

  test("another unit's product and entry are not Humas's to see (404)", async () => {
    assert.equal(
      (await humas.json('POST', '/api/v1/gallery', { product_id: products.other })).statusCode,
      404,
    );
    const res = await otherHumas.json('POST', '/api/v1/gallery', { product_id: products.other });
    assert.equal(res.statusCode, 201, res.body);
    const otherId = body(res).id as string;
    assert.equal((await humas.json('GET', `/api/v1/gallery/${otherId}`)).statusCode, 404);
    assert.equal((await humas.json('POST', `/api/v1/gallery/${otherId}/publish`)).statusCode, 404);
    assert.equal((await humas.get(`/gallery/${otherId}/photo`)).statusCode, 404);
    const list = body(await humas.json('GET', '/api/v1/gallery'));
    assert.ok(!(list.items as Json[]).some((i) => i.product_id === products.other));
  });

  test('bad input gets a message on its field, and nothing is saved', async () => {
    const before = await count('gallery_entries');
    const badId = await humas.json('POST', '/api/v1/gallery', { product_id: 'not-a-uuid' });
    assert.equal(badId.statusCode, 400);
    assert.match(badId.body, /product_id/);
    const long = await humas.json('POST', '/api/v1/gallery', {
      product_id: products.bag,
      blurb: 'x'.repeat(1001),
    });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /blurb/);
    assert.equal(await count('gallery_entries'), before);

    const list = body(await humas.json('GET', '/api/v1/gallery'));
    const bag = (list.items as Json[]).find((i) => i.product_id === products.bag);
    const id = String(bag?.entry_id);
    const again = await humas.json('POST', '/api/v1/gallery', { product_id: products.bag });
    assert.equal(again.statusCode, 409);
    const form = await humas.postForm(`/gallery/${id}/blurb`, { blurb: 'y'.repeat(1001) });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-blurb"/);
    const badConfirm = await humas.json('POST', `/api/v1/gallery/${id}/photo/confirm`, {
      confirmation: 'maybe',
    });
    assert.equal(badConfirm.statusCode, 400);
    assert.match(badConfirm.body, /confirmation/);
    const noPhoto = await humas.json('POST', `/api/v1/gallery/${id}/photo/confirm`, {
      confirmation: 'no_identifiable',
    });
    assert.equal(noPhoto.statusCode, 400);
    assert.match(noPhoto.body, /Belum ada foto/);
  });

  test('a script in the blurb is shown as text, never run', async () => {
    const list = body(await humas.json('GET', '/api/v1/gallery'));
    const bag = (list.items as Json[]).find((i) => i.product_id === products.bag);
    const id = String(bag?.entry_id);
    const res = await humas.json('PATCH', `/api/v1/gallery/${id}`, {
      blurb: '<script>alert("x")</script><img src=x onerror=alert(1)>',
    });
    assert.equal(res.statusCode, 200, res.body);
    for (const url of [`/gallery/${id}`, '/gallery']) {
      const page = await humas.get(url);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(page.body, /<img src=x/);
      assert.match(page.body, /&lt;script(&gt;|>)alert/);
    }
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'gallery.blurb')
      .execute();
    assert.equal(audit.length, 1);
  });
});
