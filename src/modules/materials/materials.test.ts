import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { type Ctx, systemCtx } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import { ledgerDifferences, moveProduct } from '../stock/stock.service.ts';
import { stockOverview } from './adjustments.service.ts';
import { decideAdjustment, lowStock } from './materials.service.ts';

describe('materials, their movements, stock-takes and write-offs', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;
  let partnerId: string;
  let sessionId: string;
  let otherSessionId: string;
  let enrolmentIds: string[];
  let kepalaCtx: Ctx;
  const today = daysFromToday(0);

  const count = async (
    table: 'material_movements' | 'audit_log' | 'product_movements' | 'stock_adjustments',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const row = (id: string) =>
    t.db.selectFrom('materials').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const create = async (body: Record<string, unknown>) => {
    const res = await petugas.json('POST', '/api/v1/materials', body);
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    const prog = await buildProgramme(t.db, {
      unit_id: unitId,
      partner_id: partnerId,
      name: 'Pelatihan Merajut',
    });
    sessionId = (await buildSession(t.db, { programme_id: prog.id, day: today })).id;
    const otherUnit = await buildUnit(t.db);
    const otherProg = await buildProgramme(t.db, { unit_id: otherUnit.id });
    otherSessionId = (await buildSession(t.db, { programme_id: otherProg.id, day: today })).id;
    enrolmentIds = (
      await buildParticipants(t.db, { programme_id: prog.id, n: 2, started_on: daysFromToday(-30) })
    ).map((e) => e.id);
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    const k = await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId });
    kepala = await t.signedIn(k.username);
    const base = systemCtx(t.db);
    kepalaCtx = {
      ...base,
      who: {
        ...base.who,
        id: k.id,
        roles: ['kepala_upt'],
        unitId,
        scope: scopeFor({ unit_id: unitId, kanwil_id: null, roles: ['kepala_upt'] }, []),
        actor: { userId: k.id, name: k.username },
      },
    };
  });
  after(() => t.close());

  test('a consignment names its partner; the list shows the owner and the value of what the unit bought', async () => {
    const missing = await petugas.json('POST', '/api/v1/materials', {
      name: 'Benang rajut',
      uom: 'gulung',
      owner: 'partner',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /"field":"partner_id"/);
    await petugas.get('/materials/new');
    const form = await petugas.postForm('/materials', {
      name: 'Benang katun',
      uom: 'gulung',
      owner: 'partner',
      partner_id: partnerId,
      low_stock_level: '5',
    });
    assert.equal(form.statusCode, 303, form.body.slice(0, 400));
    const needles = await create({ name: 'Jarum hakpen', uom: 'buah', owner: 'unit' });
    const dup = await petugas.json('POST', '/api/v1/materials', {
      name: 'jarum hakpen',
      uom: 'buah',
      owner: 'unit',
    });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /"field":"name"/);
    const received = await petugas.json('POST', `/api/v1/materials/${needles}/receipts`, {
      day: today,
      qty: 4,
      cost: 1_250_000,
      source: 'Toko Sumber Rejeki Magetan',
      document_no: 'NOTA-0012',
    });
    assert.equal(received.statusCode, 201, received.body);
    const list = await petugas.get('/materials');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /titipan mitra/);
    assert.match(list.body, /milik UPT/);
    assert.match(list.body, /Rp 1\.250\.000/);
    assert.match(list.body, /Stok menipis/, 'an empty consignment with a level of 5 is low');
  });

  test('goods received, issued and returned; a unit-bought stock loses value at average cost and reaches exactly 0', async () => {
    const id = await create({ name: 'Label kain', uom: 'buah', owner: 'unit' });
    const noCost = await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 3,
      source: 'Toko Label',
      document_no: 'N-1',
    });
    assert.equal(noCost.statusCode, 400);
    assert.match(noCost.body, /"field":"cost"/);
    await petugas.get(`/materials/${id}/receipts/new`);
    const rec = await petugas.postForm(`/materials/${id}/receipts`, {
      day: today,
      qty: '3',
      cost: '10000',
      source: 'Toko Label',
      document_no: 'N-1',
    });
    assert.equal(rec.statusCode, 303, rec.body.slice(0, 400));
    assert.deepEqual([(await row(id)).on_hand, (await row(id)).stock_value], [3, '10000']);

    const values: string[] = [];
    for (const target of [
      { session_id: sessionId },
      { enrolment_id: enrolmentIds[0] },
      { session_id: sessionId },
    ]) {
      const res = await petugas.json('POST', `/api/v1/materials/${id}/issues`, {
        day: today,
        qty: 1,
        ...target,
      });
      assert.equal(res.statusCode, 201, res.body);
      values.push((await row(id)).stock_value);
    }
    assert.deepEqual(
      values,
      ['6667', '3334', '0'],
      'floor(value x qty / on hand), the rest with the last unit',
    );
    assert.equal((await row(id)).on_hand, 0);

    const back = await petugas.json('POST', `/api/v1/materials/${id}/returns`, {
      day: today,
      qty: 2,
      session_id: sessionId,
    });
    assert.equal(back.statusCode, 201, back.body);
    const tooMany = await petugas.json('POST', `/api/v1/materials/${id}/returns`, {
      day: today,
      qty: 1,
      session_id: sessionId,
    });
    assert.equal(tooMany.statusCode, 400, 'two went to the session and two came back');
    assert.match(tooMany.body, /"field":"qty"/);
    assert.equal((await row(id)).on_hand, 2);

    const page = await petugas.get(`/materials/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Diterima/);
    assert.match(page.body, /Diberikan/);
    assert.match(page.body, /Dikembalikan/);
    assert.match(page.body, /Pelatihan Merajut/);
    assert.match(page.body, /Toko Label/);
    assert.deepEqual(await ledgerDifferences(t, [], [id]), []);
  });

  test('consignment takes no cost; issues need a session or participant of this unit', async () => {
    const yarn = await create({
      name: 'Benang akrilik',
      uom: 'gulung',
      owner: 'partner',
      partner_id: partnerId,
    });
    const withCost = await petugas.json('POST', `/api/v1/materials/${yarn}/receipts`, {
      day: today,
      qty: 20,
      cost: 5000,
      source: 'PT. Arta Jayendra Perkasa',
      document_no: 'SJ/AJP/001',
    });
    assert.equal(withCost.statusCode, 400);
    const ok = await petugas.json('POST', `/api/v1/materials/${yarn}/receipts`, {
      day: today,
      qty: 20,
      source: 'PT. Arta Jayendra Perkasa',
      document_no: 'SJ/AJP/001',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await row(yarn)).stock_value, '0');
    for (const [body, field] of [
      [{}, 'session_id'],
      [{ session_id: otherSessionId }, 'session_id'],
      [{ enrolment_id: '00000000-0000-4000-8000-000000000000' }, 'enrolment_id'],
    ] as const) {
      const res = await petugas.json('POST', `/api/v1/materials/${yarn}/issues`, {
        day: today,
        qty: 1,
        ...body,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, new RegExp(`"field":"${field}"`));
    }
    const future = await petugas.json('POST', `/api/v1/materials/${yarn}/issues`, {
      day: daysFromToday(3),
      qty: 1,
      session_id: sessionId,
    });
    assert.equal(future.statusCode, 400);
    assert.equal((await row(yarn)).on_hand, 20);
  });

  test('issuing more than on hand is 409 stock.insufficient and writes nothing; fractions and minus get a clear message', async () => {
    const id = await create({ name: 'Benang wol', uom: 'gulung', owner: 'partner', partner_id: partnerId });
    await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 2,
      source: 'PT. Arta Jayendra Perkasa',
      document_no: 'SJ-2',
    });
    const [moves, audits] = [await count('material_movements'), await count('audit_log')];
    const res = await petugas.json('POST', `/api/v1/materials/${id}/issues`, {
      day: today,
      qty: 3,
      session_id: sessionId,
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /"code":"stock.insufficient"/);
    assert.match(res.body, /tersisa 2/);
    await petugas.get(`/materials/${id}/issues/new`);
    const form = await petugas.postForm(`/materials/${id}/issues`, {
      day: today,
      qty: '3',
      session_id: sessionId,
    });
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /data-testid="error-qty">Stok Benang wol tidak cukup: tersisa 2/);
    for (const qty of ['2.5', '-1', '0', 'dua']) {
      const bad = await petugas.postForm(`/materials/${id}/issues`, {
        day: today,
        qty,
        session_id: sessionId,
      });
      assert.equal(bad.statusCode, 400, qty);
      assert.match(bad.body, /Jumlah harus bilangan bulat/, qty);
    }
    const api = await petugas.json('POST', `/api/v1/materials/${id}/issues`, {
      day: today,
      qty: 1.5,
      session_id: sessionId,
    });
    assert.equal(api.statusCode, 400);
    assert.equal(await count('material_movements'), moves, 'no movement written');
    assert.equal(await count('audit_log'), audits, 'nothing audited');
    assert.equal((await row(id)).on_hand, 2);
  });

  test('a stock-take difference needs a reason; petugas cannot approve; the Kepala approves and the difference is posted', async () => {
    const id = await create({ name: 'Benang nilon', uom: 'gulung', owner: 'partner', partner_id: partnerId });
    await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 10,
      source: 'PT. Arta Jayendra Perkasa',
      document_no: 'SJ-3',
    });
    const sheet = await petugas.get('/stock/adjustments/new?kind=stocktake');
    assert.equal(sheet.statusCode, 200);
    assert.match(sheet.body, new RegExp(`name="counted.m.${id}"`));
    const adjustments = await count('stock_adjustments');
    const noReason = await petugas.postForm('/stock/adjustments/stocktakes', {
      day: today,
      [`counted.m.${id}`]: '8',
      [`expected.m.${id}`]: '10',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, new RegExp(`data-testid="error-reason.m.${id}">Selisih wajib diberi alasan`));
    const blank = await petugas.postForm('/stock/adjustments/stocktakes', { day: today });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /data-testid="error-lines">Isi setidaknya satu barang/);
    assert.equal(await count('stock_adjustments'), adjustments, 'nothing saved');
    const stale = await petugas.postForm('/stock/adjustments/stocktakes', {
      day: today,
      [`counted.m.${id}`]: '8',
      [`expected.m.${id}`]: '9',
      [`reason.m.${id}`]: 'Kusut',
    });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Stok berubah sejak halaman dibuka/);
    const sent = await petugas.postForm('/stock/adjustments/stocktakes', {
      day: today,
      [`counted.m.${id}`]: '8',
      [`expected.m.${id}`]: '10',
      [`reason.m.${id}`]: 'Dua gulung basah dan rusak',
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
    const adjId = String(sent.headers.location).split('/').pop() ?? '';
    assert.equal((await row(id)).on_hand, 10, 'nothing moves before the approval');

    const moves = await count('material_movements');
    assert.equal(
      (await petugas.postForm(`/stock/adjustments/${adjId}/decision`, { decision: 'approve' })).statusCode,
      403,
    );
    assert.equal(
      (await petugas.json('POST', `/api/v1/stock-adjustments/${adjId}/decision`, { approve: true }))
        .statusCode,
      403,
    );
    await assert.rejects(
      decideAdjustment({ ...kepalaCtx, who: { ...kepalaCtx.who, roles: ['petugas'] } }, adjId, {
        approve: true,
      }),
      /auth.forbidden/,
    );
    assert.equal(await count('material_movements'), moves);

    const page = await kepala.get(`/stock/adjustments/${adjId}`);
    assert.match(page.body, /data-testid="approve"/);
    const ok = await kepala.postForm(`/stock/adjustments/${adjId}/decision`, { decision: 'approve' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    assert.equal((await row(id)).on_hand, 8);
    const posted = await t.db
      .selectFrom('material_movements')
      .selectAll()
      .where('adjustment_id', '=', adjId)
      .execute();
    assert.deepEqual(
      posted.map((m) => [m.kind, m.qty]),
      [['counted', -2]],
    );
    const again = await kepala.json('POST', `/api/v1/stock-adjustments/${adjId}/decision`, { approve: true });
    assert.equal(again.statusCode, 409);
    assert.equal((await row(id)).on_hand, 8, 'approved once, posted once');
  });

  test('two approvals at once post once; a rejection needs a note and posts nothing; a zero difference posts nothing', async () => {
    const id = await create({ name: 'Benang sutra', uom: 'gulung', owner: 'partner', partner_id: partnerId });
    const other = await create({ name: 'Kancing', uom: 'buah', owner: 'unit' });
    await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 5,
      source: 'PT. Arta Jayendra Perkasa',
      document_no: 'SJ-4',
    });
    const mk = async () => {
      const res = await petugas.json('POST', '/api/v1/stock-adjustments', {
        kind: 'stocktake',
        day: today,
        lines: [
          { material_id: id, counted: 7, reason: 'Kiriman tanpa surat jalan ditemukan' },
          { material_id: other, counted: 0 },
        ],
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { adjustment: { id: string } }).adjustment.id;
    };
    const a = await mk();
    const results = await Promise.allSettled([
      decideAdjustment(kepalaCtx, a, { approve: true }),
      decideAdjustment(kepalaCtx, a, { approve: true }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal((await row(id)).on_hand, 7);
    const posted = await t.db
      .selectFrom('material_movements')
      .select('material_id')
      .where('adjustment_id', '=', a)
      .execute();
    assert.equal(posted.length, 1, 'the line with no difference posts nothing');

    const b = await mk();
    const noNote = await kepala.json('POST', `/api/v1/stock-adjustments/${b}/decision`, { approve: false });
    assert.equal(noNote.statusCode, 400);
    const rejected = await kepala.json('POST', `/api/v1/stock-adjustments/${b}/decision`, {
      approve: false,
      note: 'Hitung ulang bersama Kasubsi',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal((rejected.json() as { adjustment: { status: string } }).adjustment.status, 'rejected');
    assert.equal((await row(id)).on_hand, 7, 'a rejection posts nothing');
    assert.equal(
      (await t.db.selectFrom('material_movements').select('id').where('adjustment_id', '=', b).execute())
        .length,
      0,
    );
  });

  test('write-offs of materials and finished products; more than on hand at approval is 409 and posts nothing', async () => {
    const id = await create({ name: 'Benang merah', uom: 'gulung', owner: 'unit' });
    await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 5,
      cost: 50_000,
      source: 'Toko Benang',
      document_no: 'N-7',
    });
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'dompet')
      .executeTakeFirstOrThrow();
    const product = await t.db
      .insertInto('products')
      .values({ unit_id: unitId, kind_id: kind.id, name: 'Dompet rajut', route: 'own' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await moveProduct(systemCtx(t.db), { productId: product.id, kind: 'produced', qty: 6, day: today });

    await petugas.get('/stock/adjustments/new?kind=write_off');
    const tooMuch = await petugas.postForm('/stock/adjustments/write-offs', {
      day: today,
      item: `m.${id}`,
      qty: '6',
      reason: 'Basah',
    });
    assert.equal(tooMuch.statusCode, 400);
    assert.match(tooMuch.body, /data-testid="error-qty">Melebihi stok: tersisa 5/);
    const noReason = await petugas.postForm('/stock/adjustments/write-offs', {
      day: today,
      item: `m.${id}`,
      qty: '1',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /data-testid="error-reason">Wajib diisi/);
    assert.doesNotMatch(noReason.body, /data-testid="error-(kind|item|qty)"/);
    const w = await petugas.postForm('/stock/adjustments/write-offs', {
      day: today,
      item: `m.${id}`,
      qty: '5',
      reason: 'Terkena air hujan',
    });
    assert.equal(w.statusCode, 303, w.body.slice(0, 400));
    const wId = String(w.headers.location).split('/').pop() ?? '';
    const issued = await petugas.json('POST', `/api/v1/materials/${id}/issues`, {
      day: today,
      qty: 1,
      session_id: sessionId,
    });
    assert.equal(issued.statusCode, 201);
    const [moves, audits] = [await count('material_movements'), await count('audit_log')];
    const refused = await kepala.json('POST', `/api/v1/stock-adjustments/${wId}/decision`, { approve: true });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /"code":"stock.insufficient"/);
    assert.equal(await count('material_movements'), moves);
    assert.equal(await count('audit_log'), audits);
    const still = await kepala.json('GET', `/api/v1/stock-adjustments/${wId}`);
    assert.equal((still.json() as { adjustment: { status: string } }).adjustment.status, 'submitted');

    const p = await petugas.json('POST', '/api/v1/stock-adjustments', {
      kind: 'stocktake',
      day: today,
      lines: [{ product_id: product.id, counted: 4, reason: 'Dua dompet dipamerkan dan hilang' }],
    });
    assert.equal(p.statusCode, 201, p.body);
    const pId = (p.json() as { adjustment: { id: string } }).adjustment.id;
    assert.equal(
      (await kepala.json('POST', `/api/v1/stock-adjustments/${pId}/decision`, { approve: true })).statusCode,
      200,
    );
    const after = await t.db
      .selectFrom('products')
      .select(['on_hand'])
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.on_hand, 4);

    const stock = await petugas.get('/stock');
    assert.equal(stock.statusCode, 200);
    assert.match(stock.body, /Dompet rajut/);
    assert.match(stock.body, /Benang merah/);
    const api = await petugas.get('/api/v1/stock');
    const body = api.json() as { products: Array<{ id: string; available: number }> };
    assert.equal(body.products.find((x) => x.id === product.id)?.available, 4);
    assert.deepEqual(await ledgerDifferences(t, [product.id], [id]), []);
  });

  test('on hand equals the sum of the movements for every material; the low-stock list names those at or below their level', async () => {
    const ids = (await t.db.selectFrom('materials').select('id').where('unit_id', '=', unitId).execute()).map(
      (m) => m.id,
    );
    assert.ok(ids.length >= 6);
    assert.deepEqual(await ledgerDifferences(t, [], ids), []);
    const low = await lowStock(kepalaCtx);
    assert.ok(low.some((m) => m.name === 'Benang katun'));
    assert.ok(low.every((m) => m.low_stock_level > 0 && m.on_hand <= m.low_stock_level));
    const instructorless = await petugas.get('/api/v1/materials?low=true');
    assert.equal(instructorless.statusCode, 200);
    assert.ok((instructorless.json() as { items: Array<{ low: boolean }> }).items.every((m) => m.low));
  });

  test('unit of measure and owner are fixed once stock has moved; a material in stock stays active', async () => {
    const id = await create({ name: 'Pita', uom: 'meter', owner: 'unit' });
    const renamed = await petugas.json('PUT', `/api/v1/materials/${id}`, {
      name: 'Pita satin',
      uom: 'gulung',
      owner: 'unit',
      low_stock_level: 2,
    });
    assert.equal(renamed.statusCode, 200, 'no movement yet: anything may change');
    await petugas.json('POST', `/api/v1/materials/${id}/receipts`, {
      day: today,
      qty: 3,
      cost: 9000,
      source: 'Toko',
      document_no: 'N-9',
    });
    const uom = await petugas.json('PUT', `/api/v1/materials/${id}`, {
      name: 'Pita satin',
      uom: 'meter',
      owner: 'unit',
    });
    assert.equal(uom.statusCode, 400);
    assert.match(uom.body, /"field":"uom"/);
    await petugas.get(`/materials/${id}/edit`);
    const off = await petugas.postForm(`/materials/${id}`, {
      name: 'Pita satin',
      uom: 'gulung',
      owner: 'unit',
      low_stock_level: '2',
    });
    assert.equal(off.statusCode, 400, 'the unticked box asks to deactivate it, with 3 in stock');
    assert.match(off.body, /data-testid="error-active"/);
    const kept = await petugas.postForm(`/materials/${id}`, {
      name: 'Pita satin merah',
      uom: 'gulung',
      owner: 'unit',
      low_stock_level: '2',
      active: 'true',
    });
    assert.equal(kept.statusCode, 303, kept.body.slice(0, 400));
    const r = await row(id);
    assert.deepEqual([r.name, r.uom, r.active, r.on_hand], ['Pita satin merah', 'gulung', true, 3]);
  });

  test('the stock page reads the maintained columns: 1,000 materials and products in one answer', async () => {
    const unit = await buildUnit(t.db);
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'tas')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('materials')
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          unit_id: unit.id,
          name: `Bahan ${i}`,
          uom: 'gram' as const,
          owner: 'unit' as const,
          low_stock_level: i % 7,
        })),
      )
      .execute();
    await t.db
      .insertInto('products')
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          unit_id: unit.id,
          kind_id: kind.id,
          name: `Tas ${i}`,
          route: 'partner' as const,
        })),
      )
      .execute();
    const staff = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username,
    );
    await staff.get('/api/v1/stock');
    const started = performance.now();
    const res = await staff.get('/api/v1/stock');
    const ms = performance.now() - started;
    assert.equal(res.statusCode, 200);
    const body = res.json() as { materials: unknown[]; products: unknown[] };
    assert.equal(body.materials.length + body.products.length, 1000);
    const t0 = performance.now();
    const read = await stockOverview({
      ...kepalaCtx,
      who: {
        ...kepalaCtx.who,
        scope: scopeFor({ unit_id: unit.id, kanwil_id: null, roles: ['petugas'] }, []),
      },
    });
    const readMs = performance.now() - t0;
    assert.equal(read.materials.length + read.products.length, 1000);
    console.log(
      `stock of 1,000 items: ${readMs.toFixed(1)} ms read, ${ms.toFixed(1)} ms for GET /api/v1/stock`,
    );
    assert.ok(ms < 1000, `${ms} ms`);
    const page = await staff.get('/stock');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tas 499/);
  });
});
