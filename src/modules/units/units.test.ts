import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import type { AppError } from '../../app/errors.ts';
import { SYSTEM } from '../../app/principal.ts';
import { createUnit } from './units.service.ts';

describe('units and regional offices', () => {
  let t: TestApp;
  let national: Client;
  let kanwilId: string;

  before(async () => {
    t = await startTestApp();
    kanwilId = (await buildKanwil(t.db, { code: 'JATIM' })).id;
    national = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
  });
  after(() => t.close());

  test('a Bapas and an LPKA can be Kelas II; a Rutan cannot, with a message on the class', async () => {
    const unit = (code: string, type: string, cls: string) => ({
      kanwil_id: kanwilId,
      code,
      type,
      class: cls,
      name: `${type.toUpperCase()} Kelas ${cls} Uji`,
      timezone: 'Asia/Jakarta',
    });
    assert.equal(
      (await national.json('POST', '/api/v1/units', unit('BAPAS-UJI', 'bapas', 'II'))).statusCode,
      201,
    );
    assert.equal(
      (await national.json('POST', '/api/v1/units', unit('LPKA-UJI', 'lpka', 'II'))).statusCode,
      201,
    );
    const rutan = await national.json('POST', '/api/v1/units', unit('RUTAN-UJI', 'rutan', 'II'));
    assert.equal(rutan.statusCode, 400);
    assert.match(rutan.body, /Kelas II hanya untuk Bapas dan LPKA/);
    const saved = await t.db.selectFrom('units').select('code').where('code', '=', 'RUTAN-UJI').execute();
    assert.deepEqual(saved, []);
  });

  test('a national administrator adds a unit; bad answers come back per field and nothing is saved', async () => {
    await national.get('/units/new');
    const bad = await national.postForm('/units', {
      kanwil_id: kanwilId,
      code: 'x',
      type: 'rutan',
      class: 'IIB',
      name: 'Ru',
      timezone: 'Asia/Jakarta',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-code"/);
    assert.match(bad.body, /data-testid="error-name"/);
    const ok = await national.postForm('/units', {
      kanwil_id: kanwilId,
      code: 'rutan-ngw',
      type: 'rutan',
      class: 'IIB',
      name: 'Rutan Kelas IIB Ngawi',
      timezone: 'Asia/Jakarta',
    });
    assert.equal(ok.statusCode, 303);
    const unit = await t.db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', 'RUTAN-NGW')
      .executeTakeFirstOrThrow();
    assert.equal(unit.name, 'Rutan Kelas IIB Ngawi');
    assert.equal(unit.premi_pct + unit.pnbp_pct + unit.capital_pct, 100);
    const dup = await national.json('POST', '/api/v1/units', {
      kanwil_id: kanwilId,
      code: 'RUTAN-NGW',
      type: 'rutan',
      class: 'IIB',
      name: 'Lain',
      timezone: 'Asia/Jakarta',
    });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Kode unit ini sudah dipakai/);
  });

  test('regional offices are added and edited by a national administrator only', async () => {
    await national.get('/units/kanwil');
    const res = await national.postForm('/units/kanwil', {
      code: 'papua',
      name: 'Kanwil Ditjenpas Papua',
      province: 'Papua',
      timezone: 'Asia/Jayapura',
    });
    assert.equal(res.statusCode, 303);
    const k = await t.db
      .selectFrom('kanwil')
      .selectAll()
      .where('code', '=', 'PAPUA')
      .executeTakeFirstOrThrow();
    assert.equal(k.timezone, 'Asia/Jayapura');
    const dup = await national.json('POST', '/api/v1/kanwil', {
      code: 'JATIM',
      name: 'Kanwil lain',
      province: 'Jawa Timur',
      timezone: 'Asia/Jakarta',
    });
    assert.equal(dup.statusCode, 400);
    assert.equal(
      (
        await national.json('PUT', `/api/v1/kanwil/${k.id}`, {
          code: 'PAPUA',
          name: 'Kanwil Ditjenpas Papua Barat',
          province: 'Papua Barat',
          timezone: 'Asia/Jayapura',
        })
      ).statusCode,
      204,
    );
    const unitAdmin = await t.signedIn(
      (await buildUser(t.db, { roles: ['admin'], unit_id: (await buildUnit(t.db)).id })).username,
    );
    const refused = await unitAdmin.json('POST', '/api/v1/kanwil', {
      code: 'BALI',
      name: 'Kanwil Ditjenpas Bali',
      province: 'Bali',
      timezone: 'Asia/Makassar',
    });
    assert.equal(refused.statusCode, 403);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'kanwil')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['kanwil.create', 'kanwil.update']);
  });

  test('a write that fails after its insert leaves no row and no audit record: the read-back in scope is inside the transaction', async () => {
    const count = async (table: 'units' | 'audit_log') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [units, audit] = [await count('units'), await count('audit_log')];
    const elsewhere = (await buildUnit(t.db)).id;
    const before = [await count('units'), await count('audit_log')];
    assert.deepEqual(before, [units + 1, audit]);
    await assert.rejects(
      createUnit(
        { db: t.db, now: new Date(), who: { ...SYSTEM, scope: { all: false, unitIds: [elsewhere] } } },
        {
          kanwil_id: kanwilId,
          code: 'RUTAN-TGL',
          type: 'rutan',
          class: 'IIB',
          name: 'Rutan yang tidak terlihat',
          timezone: 'Asia/Jakarta',
        },
      ),
      (err: AppError) => err.status === 404,
    );
    assert.deepEqual([await count('units'), await count('audit_log')], before);
  });

  test('a unit in Papua shows its own time zone on its dashboard', async () => {
    const papua = await buildKanwil(t.db, { timezone: 'Asia/Jayapura' });
    const unit = await buildUnit(t.db, {
      kanwil_id: papua.id,
      timezone: 'Asia/Jayapura',
      name: 'Lapas Kelas IIA Jayapura',
    });
    const c = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
    const page = await c.get('/dashboard');
    assert.match(page.body, /Lapas Kelas IIA Jayapura/);
    assert.match(page.body, /\d{2}\.\d{2} WIT</);
  });
});
