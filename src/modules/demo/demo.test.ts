import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { ensureFirstAdmin } from '../users/users.service.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo.seed.ts';

describe('demo data and first start', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('on an empty database the first administrator gets a one-time password, once', async () => {
    const first = await ensureFirstAdmin(t.db, 'admin', undefined);
    assert.equal(first.created, true);
    assert.ok(first.oneTimePassword);
    const again = await ensureFirstAdmin(t.db, 'admin', undefined);
    assert.deepEqual(again, { created: false, oneTimePassword: null });
  });

  test('seeding tells the Magetan story and running it twice adds nothing', async () => {
    const first = await seedDemo(t.db);
    assert.ok(first.created > 5);
    const second = await seedDemo(t.db);
    assert.equal(second.created, 0);
    const unit = await t.db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    assert.equal(unit.name, 'Rutan Kelas IIB Magetan');
    assert.equal(unit.timezone, 'Asia/Jakarta');
    const kepala = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'ari.rahmanto')
      .executeTakeFirstOrThrow();
    assert.equal(kepala.full_name, 'Ari Rahmanto');
    assert.deepEqual(kepala.roles, ['kepala_upt']);
    assert.equal(kepala.unit_id, unit.id);
  });

  test('every demo account signs in with the documented password', async () => {
    for (const a of DEMO_ACCOUNTS) {
      await t.signedIn(a.username, DEMO_PASSWORD);
    }
  });
});
