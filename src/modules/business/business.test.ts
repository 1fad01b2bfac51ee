// Own business (#16): a person's UMKM plan with the catalogue products they learned, and the
// assistance given for it; the unit's staff write it, an assigned Bapas officer reads it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildCatalogueProduct, buildSkillProgramme, buildTrainee } from '../../../test/jobs-fixtures.ts';
import { buildBapas, buildCase } from '../../../test/reintegration-fixtures.ts';
import { dayInZone } from '../../app/format.ts';

describe('own-business (UMKM) plans', () => {
  let t: TestApp;
  let staff: Client;
  let otherStaff: Client;
  let pk: Client;
  let kanwil: Client;
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  let inmateId: string;
  let learned: string;
  let other: string;
  let foreign: string;

  const count = async (table: 'business_plans' | 'business_assistance' | 'audit_log') =>
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
    const unit = await buildUnit(t.db, { kanwil_id: kw.id });
    const otherUnit = await buildUnit(t.db, { kanwil_id: kw.id });
    const rajut = await buildSkillProgramme(t.db, { unit_id: unit.id, skill_area: 'Rajut' });
    const person = await buildTrainee(t.db, {
      unit_id: unit.id,
      programme_id: rajut.programme.id,
      name: 'Sri Wahyuni',
      completed: true,
    });
    inmateId = person.id;
    learned = (
      await buildCatalogueProduct(t.db, {
        unit_id: unit.id,
        name: 'Syal rajut',
        programme_id: rajut.programme.id,
      })
    ).id;
    other = (await buildCatalogueProduct(t.db, { unit_id: unit.id, name: 'Keset kain' })).id;
    foreign = (await buildCatalogueProduct(t.db, { unit_id: otherUnit.id, name: 'Produk unit lain' })).id;
    const bapas = await buildBapas(t.db, { kanwil_id: kw.id });
    await buildCase(t.db, {
      inmate_id: person.id,
      plan: 'umkm',
      bapas_unit_id: bapas.unit.id,
      pk_user_id: bapas.pk.id,
    });
    staff = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
    otherStaff = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit.id })).username,
    );
    pk = await t.signedIn(bapas.pk.username);
    kanwil = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id })).username,
    );
  });
  after(() => t.close());

  test('the page offers the catalogue, products of their programmes first and ticked', async () => {
    const page = await staff.get(`/reintegration/${inmateId}/business`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rencana usaha: Sri Wahyuni/);
    assert.match(page.body, /Belum ada rencana usaha/);
    const syal = page.body.indexOf('Syal rajut');
    assert.ok(syal > 0 && syal < page.body.indexOf('Keset kain'));
    assert.match(page.body, new RegExp(`value="${learned}" checked`));
    assert.doesNotMatch(page.body, /Produk unit lain/);
  });

  test("a plan without its trade, or with another unit's product, is refused per field and nothing is written", async () => {
    const before = [await count('business_plans'), await count('audit_log')];
    const empty = await staff.postForm(`/reintegration/${inmateId}/business`, { trade: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /data-testid="error-trade"/);
    const foreignProduct = await staff.json('PUT', `/api/v1/business-plans/${inmateId}`, {
      trade: 'Rajut',
      product_ids: [learned, foreign],
    });
    assert.equal(foreignProduct.statusCode, 400);
    assert.match(foreignProduct.body, /"field":"product_ids"/);
    assert.deepEqual([await count('business_plans'), await count('audit_log')], before);
  });

  test('assistance needs a plan first (409), then is recorded with kind, item, value, giver and date', async () => {
    const none = await staff.json('POST', `/api/v1/business-plans/${inmateId}/assistance`, {
      kind: 'starter_kit',
      item: 'Mesin rajut',
      value: 1_250_000,
      giver: 'PT. Arta Jayendra Perkasa',
      given_on: today,
    });
    assert.equal(none.statusCode, 409);
    assert.equal(await count('business_assistance'), 0);

    const saved = await staff.postForm(`/reintegration/${inmateId}/business`, {
      business_name: 'Rajut Sri',
      trade: 'Rajut',
      description: 'Syal dan tas rajut dijual di pasar Magetan',
      product_ids: [learned, other],
      location: 'Desa Candirejo',
      capital_needed: '3000000',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const future = await staff.postForm(`/reintegration/${inmateId}/business/assistance`, {
      kind: 'starter_kit',
      item: 'Mesin rajut',
      value: '1250000',
      giver: 'PT. Arta Jayendra Perkasa',
      given_on: '2099-01-01',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /Tanggal tidak boleh setelah hari ini/);
    const kit = await staff.postForm(`/reintegration/${inmateId}/business/assistance`, {
      kind: 'starter_kit',
      item: 'Mesin rajut dan benang',
      value: '1250000',
      giver: 'PT. Arta Jayendra Perkasa',
      given_on: today,
    });
    assert.equal(kit.statusCode, 303, kit.body.slice(0, 500));
    const capital = await staff.json('POST', `/api/v1/business-plans/${inmateId}/assistance`, {
      kind: 'capital',
      item: 'Modal awal',
      value: 500_000,
      giver: 'Baznas Magetan',
      given_on: today,
    });
    assert.equal(capital.statusCode, 201, capital.body);

    const page = await staff.get(`/reintegration/${inmateId}/business`);
    assert.match(page.body, /Mesin rajut dan benang/);
    assert.match(page.body, /Rp 1\.250\.000/);
    assert.match(page.body, /data-testid="assistance-total"[\s\S]*Rp 1\.750\.000/);
    assert.match(page.body, /data-testid="business-products">Syal rajut, Keset kain/);
    const api = await staff.get(`/api/v1/business-plans/${inmateId}`);
    assert.equal(api.statusCode, 200);
    const plan = api.json() as {
      trade: string;
      capital_needed: number;
      assistance_total: number;
      products: unknown[];
    };
    assert.equal(plan.trade, 'Rajut');
    assert.equal(plan.capital_needed, 3_000_000);
    assert.equal(plan.assistance_total, 1_750_000);
    assert.equal(plan.products.length, 2);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'business_plans.%')
      .execute();
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'business_plans.assistance',
      'business_plans.assistance',
      'business_plans.create',
    ]);
  });

  test("another unit's staff get 404; the assigned Bapas officer reads but does not write; the Kanwil is refused", async () => {
    assert.equal((await otherStaff.get(`/reintegration/${inmateId}/business`)).statusCode, 404);
    assert.equal((await otherStaff.get(`/api/v1/business-plans/${inmateId}`)).statusCode, 404);
    const read = await pk.get(`/reintegration/${inmateId}/business`);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /data-testid="plan-form"/);
    const list = (await pk.get('/api/v1/business-plans')).json() as { items: Array<{ inmate_id: string }> };
    assert.deepEqual(
      list.items.map((p) => p.inmate_id),
      [inmateId],
    );
    assert.equal(
      (await pk.json('PUT', `/api/v1/business-plans/${inmateId}`, { trade: 'Rajut' })).statusCode,
      403,
    );
    assert.equal((await kanwil.get(`/reintegration/${inmateId}/business`)).statusCode, 403);
  });
});
