import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { AppError } from '../../app/errors.ts';
import { type Ctx, systemCtx } from '../../app/principal.ts';
import type { Role } from '../../db/schema.ts';
import { stitchPng } from '../demo/demo.png.ts';
import { moveProduct } from '../stock/stock.service.ts';
import { productsOfProgramme, rateOn } from './products.service.ts';

const PNG = stitchPng(24, 16, [200, 60, 90], [245, 235, 220]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

type Json = Record<string, unknown>;
const body = (res: { body: string }) => JSON.parse(res.body) as Json;

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('product catalogue', () => {
  let t: TestApp;
  let sys: Ctx;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;
  let kanwilId: string;
  let partnerId: string;
  let agreementId: string;
  let knitting: string;
  let noAgreement: string;
  let kinds: Record<string, string>;
  let yarn: string;
  let labels: string;

  const signedInAs = async (roles: Role[], o: { partner_id?: string } = {}) => {
    const u = await buildUser(t.db, { roles, unit_id: unitId });
    if (o.partner_id)
      await t.db.updateTable('users').set({ partner_id: o.partner_id }).where('id', '=', u.id).execute();
    return t.signedIn(u.username);
  };

  const createProduct = async (o: Json = {}) => {
    const res = await petugas.json('POST', '/api/v1/products', {
      name: `Gantungan kunci ${Math.random().toString(36).slice(2, 7)}`,
      kind_id: kinds.aksesoris,
      uom: 'buah',
      route: 'partner',
      programme_id: knitting,
      ...o,
    });
    assert.equal(res.statusCode, 201, res.body);
    return String(body(res).id);
  };

  before(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: '200000' });
    sys = systemCtx(t.db, new Date(), 'uji');
    const unit = await buildUnit(t.db, { name: 'Rutan Kelas IIB Magetan' });
    unitId = unit.id;
    kanwilId = unit.kanwil_id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    petugas = await signedInAs(['petugas']);
    kepala = await signedInAs(['kepala_upt']);
    kinds = Object.fromEntries(
      (await t.db.selectFrom('product_kinds').select(['code', 'id']).execute()).map((k) => [k.code, k.id]),
    );

    // The PKS with its piece rates, signed and active; an addendum raises the key ring's rate from the 15th.
    const pks = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partnerId,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      number_first: 'W15.PAS.PAS15-01/2026',
      signed_on: '2026-01-21',
      valid_from: '2026-01-21',
      terms: {
        pay_model: 'piece_rate',
        materials_by: 'partner',
        piece_rates: [
          { product: 'Gantungan kunci rajut', unit: 'buah', rate: 5000 },
          { product: 'Dompet rajut', unit: 'buah', rate: 15000 },
        ],
      },
    });
    assert.equal(pks.statusCode, 201, pks.body);
    agreementId = String(body(pks).id);
    assert.equal((await kepala.json('POST', `/api/v1/agreements/${agreementId}/sign`)).statusCode, 200);
    await petugas.json('POST', `/api/v1/agreements/${agreementId}/actions`, { action: 'activate' });
    const add = await petugas.json('POST', `/api/v1/agreements/${agreementId}/addenda`, {
      title: 'Adendum I tarif gantungan kunci',
      signed_on: '2026-03-15',
      valid_from: '2026-03-15',
      terms: {
        pay_model: 'piece_rate',
        materials_by: 'partner',
        piece_rates: [
          { product: 'Gantungan kunci rajut', unit: 'buah', rate: 6000 },
          { product: 'Dompet rajut', unit: 'buah', rate: 15000 },
        ],
      },
    });
    assert.equal(add.statusCode, 201, add.body);
    assert.equal(
      (await kepala.json('POST', `/api/v1/agreements/${String(body(add).id)}/sign`)).statusCode,
      200,
    );

    const prog = await buildProgramme(t.db, {
      unit_id: unitId,
      partner_id: partnerId,
      name: 'Kelas Merajut',
    });
    knitting = prog.id;
    await t.db
      .updateTable('programmes')
      .set({ agreement_id: agreementId })
      .where('id', '=', knitting)
      .execute();
    noAgreement = (
      await buildProgramme(t.db, { unit_id: unitId, partner_id: partnerId, name: 'Kelas Tanpa PKS' })
    ).id;

    const material = async (name: string, owner: 'partner' | 'unit', unit = unitId) =>
      (
        await t.db
          .insertInto('materials')
          .values({
            unit_id: unit,
            name,
            uom: owner === 'partner' ? 'gram' : 'buah',
            owner,
            partner_id: owner === 'partner' ? partnerId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    yarn = await material('Benang katun', 'partner');
    labels = await material('Label merek', 'unit');
  });
  after(() => t.close());

  test('staff add a product on the form, see it in the catalogue and on its page, and edit it; each write is audited', async () => {
    const form = await petugas.get('/products/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Kelas Merajut \(PT\. Arta Jayendra Perkasa\)/);
    const res = await petugas.postForm('/products', {
      name: 'Gantungan kunci rajut',
      kind_id: kinds.aksesoris ?? '',
      uom: 'buah',
      route: 'partner',
      programme_id: knitting,
      price: '12500',
      active: 'true',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const page = await petugas.get(`/products/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="product-name">Gantungan kunci rajut/);
    assert.match(page.body, /Rp 12\.500/);
    assert.match(page.body, /Aksesoris/);

    const list = await petugas.get(`/products?programme_id=${knitting}&route=partner&active=&kind_id=`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Gantungan kunci rajut/);

    const edit = await petugas.get(`/products/${id}/edit`);
    assert.match(edit.body, /value="12500"/);
    const saved = await petugas.postForm(`/products/${id}`, {
      name: 'Gantungan kunci rajut',
      kind_id: kinds.aksesoris ?? '',
      uom: 'buah',
      route: 'partner',
      programme_id: knitting,
      price: '15000',
      description: 'Motif bunga, benang katun',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const row = await t.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.price, '15000');
    assert.equal(row.active, false, 'an unticked "active" box deactivates');
    assert.equal(row.description, 'Motif bunga, benang katun');
    const inactive = body(await petugas.get('/api/v1/products?active=false'));
    assert.ok((inactive.items as Json[]).some((p) => p.id === id));
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['products.create', 'products.update']);
  });

  test("a finished programme stays the product's programme on the edit page (and is not offered for new products)", async () => {
    const done = await buildProgramme(t.db, { unit_id: unitId, name: 'Kelas Menjahit 2025' });
    const id = await createProduct({
      name: 'Taplak meja',
      kind_id: kinds.lainnya,
      route: 'own',
      programme_id: done.id,
    });
    await t.db.updateTable('programmes').set({ status: 'finished' }).where('id', '=', done.id).execute();
    assert.doesNotMatch((await petugas.get('/products/new')).body, /Kelas Menjahit 2025/);
    assert.match(
      (await petugas.get(`/products/${id}/edit`)).body,
      new RegExp(`value="${done.id}" selected>Kelas Menjahit 2025`),
    );
  });

  test('a name already used in the unit is refused with 409 and a clear message, whatever its case', async () => {
    const name = 'Dompet rajut';
    await createProduct({ name, kind_id: kinds.dompet });
    const dup = await petugas.json('POST', '/api/v1/products', {
      name: 'DOMPET rajut',
      kind_id: kinds.dompet,
      uom: 'buah',
      route: 'own',
    });
    assert.equal(dup.statusCode, 409);
    const err = body(dup).error as Json;
    assert.equal(err.code, 'products.name_taken');
    assert.match(String(err.message), /Produk bernama "DOMPET rajut" sudah ada di unit ini/);
    const page = await petugas.postForm('/products', {
      name: 'dompet RAJUT',
      kind_id: kinds.dompet ?? '',
      uom: 'buah',
      route: 'own',
    });
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /data-testid="error-name">Produk bernama &quot;dompet RAJUT&quot; sudah ada/);
  });

  test('bad product input is refused per field and nothing is written', async () => {
    const before = await t.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const base = { name: 'Tas rajut besar', kind_id: kinds.tas, uom: 'buah', route: 'own' };
    const negative = await petugas.json('POST', '/api/v1/products', { ...base, price: -5000 });
    assert.equal(negative.statusCode, 400);
    assert.deepEqual(
      ((body(negative).error as Json).fields as Json[]).map((f) => f.field),
      ['price'],
    );
    const badUom = await petugas.json('POST', '/api/v1/products', { ...base, uom: 'ton' });
    assert.equal(badUom.statusCode, 400);
    const noProgramme = await petugas.json('POST', '/api/v1/products', { ...base, route: 'partner' });
    assert.equal(noProgramme.statusCode, 400);
    assert.match(noProgramme.body, /harus dibuat oleh sebuah program/);
    const unlinked = await petugas.json('POST', '/api/v1/products', {
      ...base,
      route: 'partner',
      programme_id: noAgreement,
    });
    assert.equal(unlinked.statusCode, 400);
    assert.match(unlinked.body, /belum terhubung ke perjanjian/);
    const form = await petugas.postForm('/products', {
      name: 'Tas rajut besar',
      kind_id: kinds.tas ?? '',
      uom: 'buah',
      route: 'own',
      price: '-1',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-price"/);
    const after = await t.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  test('the bill of materials takes whole quantities above zero of the unit’s materials, per line', async () => {
    const id = await createProduct({ name: 'Gantungan kunci bintang', rate_name: 'Gantungan kunci rajut' });
    const put = (lines: unknown) => petugas.json('PUT', `/api/v1/products/${id}/materials`, { lines });
    const fractional = await put([
      { material_id: yarn, qty_per_item: 25 },
      { material_id: labels, qty_per_item: 1.5 },
    ]);
    assert.equal(fractional.statusCode, 400);
    const fields = (body(fractional).error as Json).fields as Json[];
    assert.deepEqual(
      fields.map((f) => f.field),
      ['lines.1.qty_per_item'],
    );
    assert.match(String(fields[0]?.message), /bilangan bulat lebih dari 0/);
    assert.equal((await put([{ material_id: yarn, qty_per_item: 0 }])).statusCode, 400);
    const elsewhere = await t.db
      .insertInto('materials')
      .values({
        unit_id: (await buildUnit(t.db)).id,
        name: 'Benang lain',
        uom: 'gram',
        owner: 'unit',
        partner_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreign = await put([{ material_id: elsewhere.id, qty_per_item: 3 }]);
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /lines\.0\.material_id/);
    assert.equal(
      (
        await put([
          { material_id: yarn, qty_per_item: 2 },
          { material_id: yarn, qty_per_item: 3 },
        ])
      ).statusCode,
      400,
    );
    assert.equal((await put([{ material_id: yarn, qty_per_item: 25 }])).statusCode, 204);

    // The page adds a line and removes one; a fractional quantity is refused on its field.
    const bad = await petugas.postForm(`/products/${id}/materials`, {
      material_id: labels,
      qty_per_item: '2.5',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-qty_per_item"> Jumlah per barang harus bilangan bulat/);
    assert.equal(
      (await petugas.postForm(`/products/${id}/materials`, { material_id: labels, qty_per_item: '1' }))
        .statusCode,
      303,
    );
    const made = (await productsOfProgramme(sys, knitting)).find((p) => p.id === id);
    assert.deepEqual(
      made?.bom.sort((a, b) => a.qty_per_item - b.qty_per_item),
      [
        { material_id: labels, qty_per_item: 1, material_name: 'Label merek', uom: 'buah' },
        { material_id: yarn, qty_per_item: 25, material_name: 'Benang katun', uom: 'gram' },
      ],
    );
    assert.equal((await petugas.postForm(`/products/${id}/materials/${yarn}/delete`)).statusCode, 303);
    const page = await petugas.get(`/products/${id}`);
    assert.match(page.body, /Label merek/);
    assert.doesNotMatch(page.body, /<td>Benang katun<\/td>/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'products.bill_of_materials')
      .execute();
    assert.equal(audit.length, 3);
  });

  test('the piece rate is the one in force on the day: an addendum from the 15th changes it from the 15th', async () => {
    const id = await createProduct({ name: 'Gantungan kunci hati', rate_name: 'gantungan  KUNCI rajut' });
    assert.deepEqual(await rateOn(sys, id, '2026-03-14').then((r) => [r.rate, r.agreementId]), [
      5000,
      agreementId,
    ]);
    assert.equal((await rateOn(sys, id, '2026-03-15')).rate, 6000);
    const api = await petugas.get(`/api/v1/products/${id}/rate?day=2026-03-14`);
    assert.equal(api.statusCode, 200);
    assert.equal(body(api).rate, 5000);
    const page = await petugas.get(`/products/${id}`);
    assert.match(
      page.body,
      /Tarif per potong: Rp 6\.000 \(Adendum I tarif gantungan kunci, berlaku sejak Minggu, 15 Maret 2026\)/,
    );
  });

  test('a rate missing from the agreement in force is refused with 422 production.rate_missing, naming the product and the day', async () => {
    const id = await createProduct({ name: 'Tas rajut kecil', kind_id: kinds.tas });
    await assert.rejects(rateOn(sys, id, '2026-04-01'), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.status, 422);
      assert.equal(err.code, 'production.rate_missing');
      return true;
    });
    const api = await petugas.get(`/api/v1/products/${id}/rate?day=2026-04-01`);
    assert.equal(api.statusCode, 422);
    assert.equal(
      (body(api).error as Json).message,
      'Perjanjian yang berlaku pada 01/04/2026 tidak memuat tarif per potong untuk Tas rajut kecil.',
    );
    const before = await petugas.get(`/api/v1/products/${id}/rate?day=2026-01-01`);
    assert.equal(before.statusCode, 422, 'no agreement is in force before it starts');
    const page = await petugas.get(`/products/${id}`);
    assert.match(page.body, /data-testid="product-rate-missing"/);
    assert.match(page.body, /tidak memuat tarif per potong untuk Tas rajut kecil/);
  });

  test("a partner instructor sees their own partner's products only; another partner's instructor gets 404", async () => {
    const id = await createProduct({ name: 'Gantungan kunci bulan' });
    const own = await createProduct({
      name: 'Sarung bantal',
      kind_id: kinds.lainnya,
      route: 'own',
      programme_id: undefined,
    });
    const other = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'CV Kayu Jati' })).id;
    const mine = await signedInAs(['instruktur_mitra'], { partner_id: partnerId });
    const stranger = await signedInAs(['instruktur_mitra'], { partner_id: other });
    assert.equal((await mine.get(`/products/${id}`)).statusCode, 200);
    assert.equal(
      (await mine.get(`/products/${own}`)).statusCode,
      404,
      'a product of no programme has no partner',
    );
    assert.equal((await stranger.get(`/products/${id}`)).statusCode, 404);
    assert.equal((await stranger.get(`/api/v1/products/${id}`)).statusCode, 404);
    assert.equal((await stranger.get(`/api/v1/products/${id}/rate?day=2026-03-14`)).statusCode, 404);
    assert.equal((await stranger.get(`/products/${id}/photo`)).statusCode, 404);
    assert.equal((body(await stranger.get('/api/v1/products')).items as Json[]).length, 0);
    const listed = body(await mine.get('/api/v1/products')).items as Json[];
    assert.ok(listed.length > 0 && listed.every((p) => p.programme_id === knitting));
    assert.equal((await mine.json('PUT', `/api/v1/products/${id}`, {})).statusCode, 403);
  });

  test('the Kanwil sees the catalogue and stock but never a maker’s name; staff see who made what', async () => {
    const id = await createProduct({ name: 'Gantungan kunci daun' });
    const enrolment = await buildEnrolment(t.db, { programme_id: knitting, name: 'Sulastri Wulandari' });
    await t.db
      .transaction()
      .execute((trx) =>
        moveProduct(
          { ...sys, db: trx },
          { productId: id, kind: 'produced', qty: 4, day: '2026-02-04', enrolmentId: enrolment.id },
        ),
      );
    const kanwil = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kanwilId })).username,
    );
    const list = await kanwil.get('/products');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Gantungan kunci daun/);
    const api = body(await kanwil.get('/api/v1/products')).items as Json[];
    assert.equal(api.find((p) => p.id === id)?.awaiting_check, 4);
    const page = await kanwil.get(`/products/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Diproduksi/);
    assert.doesNotMatch(page.body, /Sulastri/);
    const detail = body(await kanwil.get(`/api/v1/products/${id}`));
    assert.equal(((detail.movements as Json[])[0] as Json).maker, null);
    assert.doesNotMatch(JSON.stringify(detail), /Sulastri/);
    assert.equal((await kanwil.get(`/products/${id}/edit`)).statusCode, 403);
    assert.match((await petugas.get(`/products/${id}`)).body, /Sulastri Wulandari/);

    // Once stock has moved, the route stays: the movements' effect depends on it.
    const change = await petugas.json('PUT', `/api/v1/products/${id}`, {
      name: 'Gantungan kunci daun',
      kind_id: kinds.aksesoris,
      uom: 'buah',
      route: 'own',
      programme_id: knitting,
    });
    assert.equal(change.statusCode, 409);
    assert.equal((body(change).error as Json).code, 'products.route_locked');
  });

  test('the photo is a JPEG or PNG, replaces the previous one, and is shown to whoever sees the product', async () => {
    const id = await createProduct({ name: 'Dompet koin' });
    const send = async (file: { name: string; content: Buffer; type: string }) => {
      await petugas.get(`/products/${id}`);
      const m = multipart({ _csrf: petugas.csrf }, file);
      return t.app.inject({
        method: 'POST',
        url: `/products/${id}/photo`,
        headers: {
          cookie: [...petugas.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': m.contentType,
        },
        payload: m.payload,
      });
    };
    const pdf = await send({ name: 'dompet.png', content: PDF, type: 'image/png' });
    assert.equal(pdf.statusCode, 400);
    assert.match(pdf.body, /Foto harus berupa JPEG atau PNG/);
    assert.equal((await send({ name: 'dompet.png', content: PNG, type: 'image/png' })).statusCode, 303);
    const first = await t.db
      .selectFrom('products')
      .select('photo_file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal((await send({ name: 'dompet-2.png', content: PNG, type: 'image/png' })).statusCode, 303);
    const second = await t.db
      .selectFrom('products')
      .select('photo_file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(first.photo_file_id && second.photo_file_id && first.photo_file_id !== second.photo_file_id);
    const files = await t.db
      .selectFrom('files')
      .select('id')
      .where('owner_type', '=', 'product')
      .where('owner_id', '=', id)
      .execute();
    assert.deepEqual(
      files.map((f) => f.id),
      [second.photo_file_id],
      'the old photo is deleted',
    );
    const humas = await signedInAs(['humas']);
    const img = await humas.get(`/products/${id}/photo`);
    assert.equal(img.statusCode, 200);
    // Stored through storeImage: re-encoded as JPEG without metadata, with a thumbnail.
    assert.equal(img.headers['content-type'], 'image/jpeg');
    assert.equal(img.rawPayload.subarray(0, 3).toString('hex'), 'ffd8ff');
    const thumb = await humas.get(`/products/${id}/photo?size=thumb`);
    assert.equal(thumb.statusCode, 200);
    assert.equal(thumb.headers['content-type'], 'image/jpeg');
    assert.match((await humas.get(`/products/${id}`)).body, /data-testid="product-photo"/);
    assert.equal((await humas.get(`/files/${second.photo_file_id}`)).statusCode, 200);
    const outsider = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await outsider.get(`/files/${second.photo_file_id}`)).statusCode, 404);
    assert.equal((await petugas.postForm(`/products/${id}/photo/delete`)).statusCode, 303);
    const gone = await t.db
      .selectFrom('products')
      .select('photo_file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(gone.photo_file_id, null);
  });

  test('product kinds are the national administrator’s list: add, rename, deactivate; everyone else reads it', async () => {
    const admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
    const page = await admin.get('/admin/product-kinds');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mebel dan kerajinan kayu/);
    assert.equal((await admin.postForm('/admin/product-kinds', { name: 'Batik tulis' })).statusCode, 303);
    const batik = await t.db
      .selectFrom('product_kinds')
      .selectAll()
      .where('code', '=', 'batik-tulis')
      .executeTakeFirstOrThrow();
    const dup = await admin.postForm('/admin/product-kinds', { name: 'batik TULIS', code: 'batik-2' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /sudah ada/);
    assert.equal(
      (await admin.postForm(`/admin/product-kinds/${batik.id}`, { name: 'Batik tulis dan cap' })).statusCode,
      303,
    );
    const renamed = await t.db
      .selectFrom('product_kinds')
      .selectAll()
      .where('id', '=', batik.id)
      .executeTakeFirstOrThrow();
    assert.equal(renamed.name, 'Batik tulis dan cap');
    assert.equal(renamed.active, false, 'an unticked "active" box deactivates');
    assert.equal(
      (await admin.json('PATCH', `/api/v1/product-kinds/${batik.id}`, { active: true })).statusCode,
      204,
    );
    const listed = body(await petugas.get('/api/v1/product-kinds?active=true')).items as Json[];
    assert.ok(listed.some((k) => k.id === batik.id));
    const keramik = String(body(await admin.json('POST', '/api/v1/product-kinds', { name: 'Keramik' })).id);
    const vas = { name: 'Vas keramik', kind_id: keramik, uom: 'buah', route: 'own' };
    const vasId = String(body(await petugas.json('POST', '/api/v1/products', vas)).id);
    await admin.json('PATCH', `/api/v1/product-kinds/${keramik}`, { active: false });
    const refused = await petugas.json('POST', '/api/v1/products', { ...vas, name: 'Vas keramik besar' });
    assert.equal(refused.statusCode, 400);
    // A product keeps its kind once the kind is deactivated: still offered, and still saved.
    assert.match(
      (await petugas.get(`/products/${vasId}/edit`)).body,
      new RegExp(`value="${keramik}" selected>Keramik`),
    );
    assert.equal(
      (await petugas.json('PUT', `/api/v1/products/${vasId}`, { ...vas, price: 40000 })).statusCode,
      204,
    );
    assert.match(refused.body, /kind_id/);
    assert.equal((await petugas.json('POST', '/api/v1/product-kinds', { name: 'Sepatu' })).statusCode, 403);
    const unitAdmin = await signedInAs(['admin']);
    assert.equal((await unitAdmin.get('/admin/product-kinds')).statusCode, 403);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'product_kind')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'product_kinds.create',
      'product_kinds.create',
      'product_kinds.update',
      'product_kinds.update',
      'product_kinds.update',
    ]);
  });
});
