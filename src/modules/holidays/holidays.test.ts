import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { seedHolidays } from './holidays.service.ts';

describe('holiday calendar', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test("Indonesia's 2026 national holidays and cuti bersama are seeded once, as data", async () => {
    assert.equal(await seedHolidays(systemCtx(t.db)), 25);
    assert.equal(await seedHolidays(systemCtx(t.db)), 0);
    const rows = await t.db
      .selectFrom('holidays')
      .select(['day', 'kind'])
      .where('unit_id', 'is', null)
      .execute();
    assert.equal(rows.filter((r) => r.kind === 'cuti_bersama').length, 8);
    assert.equal(rows.filter((r) => r.kind === 'national').length, 17);
    const page = await petugas.get('/holidays?year=2026');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="holiday-2026-03-18"/);
    assert.match(page.body, /Cuti bersama Hari Suci Nyepi/);
  });

  test('unit staff add and remove their local holidays but cannot touch national ones', async () => {
    await petugas.get('/holidays');
    const add = await petugas.postForm('/holidays', {
      day: '2026-04-20',
      name: 'Hari jadi Kabupaten Magetan',
    });
    assert.equal(add.statusCode, 303, add.body.slice(0, 500));
    const local = await t.db
      .selectFrom('holidays')
      .selectAll()
      .where('day', '=', '2026-04-20')
      .executeTakeFirstOrThrow();
    assert.equal(local.unit_id, unitId);
    assert.equal(local.kind, 'local');
    const dup = await petugas.postForm('/holidays', { day: '2026-04-20', name: 'Lagi' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /data-testid="error-day">Tanggal ini sudah tercatat/);
    const national = await petugas.json('POST', '/api/v1/holidays', {
      day: '2026-04-21',
      name: 'Libur baru',
      national: true,
    });
    assert.equal(national.statusCode, 400);
    assert.match(national.body, /"field":"national"/);
    const nyepi = await t.db
      .selectFrom('holidays')
      .select('id')
      .where('day', '=', '2026-03-19')
      .executeTakeFirstOrThrow();
    assert.equal((await petugas.json('DELETE', `/api/v1/holidays/${nyepi.id}`)).statusCode, 403);
    const stranger = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await stranger.json('DELETE', `/api/v1/holidays/${local.id}`)).statusCode, 404);
    assert.doesNotMatch((await stranger.get('/holidays?year=2026')).body, /Hari jadi Kabupaten Magetan/);
    assert.equal((await petugas.json('DELETE', `/api/v1/holidays/${local.id}`)).statusCode, 204);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', local.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['holidays.create', 'holidays.delete'],
    );
  });

  test('an administrator moves a national holiday when the isbat decision changes it', async () => {
    const admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
    const iduladha = await t.db
      .selectFrom('holidays')
      .select('id')
      .where('day', '=', '2026-05-27')
      .executeTakeFirstOrThrow();
    const res = await admin.json('PUT', `/api/v1/holidays/${iduladha.id}`, {
      day: '2026-05-26',
      name: 'Hari Raya Iduladha 1447 H',
      kind: 'national',
    });
    assert.equal(res.statusCode, 204, res.body);
    const list = await admin.get('/api/v1/holidays?year=2026');
    const days = (list.json() as { items: Array<{ day: string }> }).items.map((h) => h.day);
    assert.ok(days.includes('2026-05-26'));
    assert.ok(!days.includes('2026-05-27'));
  });
});
