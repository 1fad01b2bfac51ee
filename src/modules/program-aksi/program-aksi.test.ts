import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { SEED_ITEMS, seedProgramAksi } from './program-aksi.service.ts';

describe('Program Aksi reference list', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    await seedProgramAksi(systemCtx(t.db, undefined, 'uji'));
    admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
  });
  after(() => t.close());

  test('the list is seeded with the items confirmed in public reporting', async () => {
    const page = await admin.get('/admin/program-aksi');
    assert.equal(page.statusCode, 200);
    for (const title of SEED_ITEMS) assert.ok(page.body.includes(title), title);
  });

  test('the administrator numbers, renames and deactivates an item, and adds one; each change is audited', async () => {
    const item = await t.db.selectFrom('program_aksi').selectAll().orderBy('title').executeTakeFirstOrThrow();
    const res = await admin.postForm(`/admin/program-aksi/${item.id}`, {
      number: '7',
      title: `${item.title} (diperbarui)`,
    });
    assert.equal(res.statusCode, 303);
    const after = await t.db
      .selectFrom('program_aksi')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.number, 7);
    assert.equal(after.active, false, 'an unticked "active" box deactivates');
    const added = await admin.postForm('/admin/program-aksi', { title: 'Revitalisasi bengkel kerja' });
    assert.equal(added.statusCode, 303);
    const dup = await admin.postForm('/admin/program-aksi', { title: 'revitalisasi BENGKEL kerja' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /sudah ada/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'program_aksi')
      .where('actor_name', '!=', 'uji')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['program_aksi.create', 'program_aksi.update']);
  });

  test('unit staff read the list through the API but cannot change it', async () => {
    const petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    const list = await petugas.get('/api/v1/program-aksi');
    assert.equal(list.statusCode, 200);
    assert.ok((JSON.parse(list.body) as { items: unknown[] }).items.length >= SEED_ITEMS.length);
    assert.equal(
      (await petugas.json('POST', '/api/v1/program-aksi', { title: 'Butir baru' })).statusCode,
      403,
    );
  });
});
