import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';

describe('partners', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;
  let kanwilId: string;

  before(async () => {
    t = await startTestApp();
    kanwilId = (await buildKanwil(t.db)).id;
    unitId = (await buildUnit(t.db, { kanwil_id: kanwilId })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('a partner is registered with its contacts from the form; empty contact rows are ignored', async () => {
    await petugas.get('/partners/new');
    const res = await petugas.postForm('/partners', {
      type: 'company',
      legal_name: 'PT. Arta Jayendra Perkasa',
      city: 'Magetan',
      contact_name: ['Mandawati', 'Arya Rusli', ''],
      contact_position: ['Direktur', 'Komisaris', ''],
      contact_phone: ['', '', ''],
      contact_email: ['', '', ''],
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await petugas.get(String(res.headers.location));
    assert.match(page.body, /data-testid="partner-name">PT\. Arta Jayendra Perkasa/);
    assert.match(page.body, /<strong>Mandawati<\/strong>, Direktur/);
    const row = await t.db
      .selectFrom('partners')
      .selectAll()
      .where('legal_name', '=', 'PT. Arta Jayendra Perkasa')
      .executeTakeFirstOrThrow();
    assert.equal(row.unit_id, unitId);
    assert.equal(row.contacts.length, 2);
  });

  test('the same name twice in one unit, or a malformed NIB, is refused per field in Indonesian', async () => {
    await buildPartner(t.db, { unit_id: unitId, legal_name: 'BLK Madiun' });
    const dup = await petugas.postForm('/partners', { type: 'blk', legal_name: 'blk madiun' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /sudah terdaftar di unit ini/);
    const nib = await petugas.json('POST', '/api/v1/partners', {
      type: 'company',
      legal_name: 'PT Baru',
      nib: '12ab',
    });
    assert.equal(nib.statusCode, 400);
    assert.match(nib.body, /"field":"nib"/);
  });

  test('the list searches by name and filters by kind', async () => {
    await buildPartner(t.db, { unit_id: unitId, legal_name: 'Universitas Merdeka Madiun' });
    const res = await petugas.get('/partners?q=merdeka');
    assert.match(res.body, /Universitas Merdeka Madiun/);
    assert.doesNotMatch(res.body, /BLK Madiun/);
  });

  test('instructor accounts are created from the partner page and tied to it', async () => {
    const p = await buildPartner(t.db, { unit_id: unitId });
    await petugas.get(`/partners/${p.id}`);
    const res = await petugas.postForm(`/partners/${p.id}/instructors`, {
      username: 'siti.aminah',
      full_name: 'Siti Aminah',
    });
    assert.equal(res.statusCode, 201);
    assert.match(res.body, /data-testid="one-time-password"/);
    const u = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'siti.aminah')
      .executeTakeFirstOrThrow();
    assert.deepEqual(u.roles, ['instruktur_mitra']);
    assert.equal(u.partner_id, p.id);
    assert.equal(u.unit_id, unitId);
    assert.match((await petugas.get(`/partners/${p.id}`)).body, /siti\.aminah/);
  });

  test("a partner's page lists the programmes run with it", async () => {
    const p = await buildPartner(t.db, { unit_id: unitId });
    await t.db
      .insertInto('programmes')
      .values({
        unit_id: unitId,
        name: 'Pelatihan Merajut',
        kind: 'training',
        skill_area: null,
        partner_id: p.id,
        agreement_id: null,
        location: null,
        capacity: 20,
        eligibility: '{}',
      })
      .execute();
    const page = await petugas.get(`/partners/${p.id}`);
    assert.match(page.body, /data-testid="partner-programmes"[\s\S]*Pelatihan Merajut/);
  });

  test('an instructor role cannot be handed out from the users page without a partner', async () => {
    const admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: unitId })).username);
    const res = await admin.json('POST', '/api/v1/users', {
      username: 'instruktur.lepas',
      full_name: 'Lepas',
      roles: ['instruktur_mitra'],
      unit_id: unitId,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /halaman mitranya/);
  });

  test("a Kanwil viewer reads its region's partners and cannot add one; another unit's petugas cannot see them", async () => {
    const p = await buildPartner(t.db, { unit_id: unitId });
    const viewer = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kanwilId })).username,
    );
    assert.equal((await viewer.get(`/api/v1/partners/${p.id}`)).statusCode, 200);
    assert.equal(
      (await viewer.json('POST', '/api/v1/partners', { type: 'company', legal_name: 'PT X' })).statusCode,
      403,
    );
    const stranger = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await stranger.get(`/partners/${p.id}`)).statusCode, 404);
  });
});

describe('long partner lists', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('a list longer than one page has previous and next links that keep the filter', async () => {
    const unit = await buildUnit(t.db);
    for (let i = 0; i < 30; i++)
      await buildPartner(t.db, { unit_id: unit.id, legal_name: `CV Rajut ${String(i).padStart(2, '0')}` });
    const c = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
    const first = await c.get('/partners?q=rajut');
    assert.match(first.body, /data-testid="pager"/);
    assert.match(first.body, /href="\/partners\?q=rajut&amp;page=2" rel="next"/);
    assert.doesNotMatch(first.body, /CV Rajut 29/);
    const second = await c.get('/partners?q=rajut&page=2');
    assert.match(second.body, /CV Rajut 29/);
    assert.doesNotMatch(second.body, /CV Rajut 00/);
  });
});
