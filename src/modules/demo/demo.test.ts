import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { systemCtx } from '../../app/principal.ts';
import { seedProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { ensureFirstAdmin } from '../users/users.service.ts';
import { DEMO_ACCOUNTS, DEMO_PARTNER_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo.seed.ts';

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
    assert.equal(await seedProgramAksi(systemCtx(t.db, undefined, 'uji')), 6);
    assert.equal(
      await seedProgramAksi(systemCtx(t.db, undefined, 'uji')),
      0,
      'reference data only fills an empty list',
    );
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
    const pks = await t.db
      .selectFrom('agreements')
      .selectAll()
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow();
    assert.equal(pks.status, 'active');
    assert.equal(pks.signed_on, '2026-01-21');
    assert.equal(pks.valid_to, null, 'open-ended');
    assert.equal(pks.signed_by, kepala.id);
    const terms = await t.db
      .selectFrom('agreement_terms')
      .selectAll()
      .where('source_id', '=', pks.id)
      .executeTakeFirstOrThrow();
    assert.equal(terms.materials_by, 'partner');
    assert.equal(terms.pay_model, 'piece_rate');
    const instructor = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'instruktur.arta')
      .executeTakeFirstOrThrow();
    assert.equal(instructor.partner_id, pks.partner_id);
  });

  test('every demo account signs in with the documented password', async () => {
    for (const a of [...DEMO_ACCOUNTS, ...DEMO_PARTNER_ACCOUNTS]) {
      await t.signedIn(a.username, DEMO_PASSWORD);
    }
  });
});
