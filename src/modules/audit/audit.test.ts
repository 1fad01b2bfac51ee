import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { maskNik } from './audit.chain.ts';
import { recordAudit } from './audit.service.ts';

describe('audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('an audit record is written in the same transaction as the write: a rollback leaves neither', async () => {
    const unit = await buildUnit(t.db);
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('units').set({ name: 'Nama Sementara' }).where('id', '=', unit.id).execute();
        await recordAudit(
          trx,
          { userId: null, name: 'uji' },
          { action: 'units.update', entity: 'unit', entityId: unit.id, unitId: unit.id },
        );
        throw new Error('gagal di tengah');
      }),
    );
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', unit.id).execute();
    assert.equal(audit.length, 0);
    const row = await t.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', unit.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.name, 'Nama Sementara');
  });

  test('records never hold secrets, and NIK is masked', async () => {
    await t.db.transaction().execute((trx) =>
      recordAudit(
        trx,
        { userId: null, name: 'uji' },
        {
          action: 'x.test',
          entity: 'x',
          after: { password_hash: 'scrypt$...', nik: '3520123456789012', name: 'A' },
        },
      ),
    );
    const r = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'x.test')
      .executeTakeFirstOrThrow();
    assert.deepEqual(r.after, { nik: maskNik('3520123456789012'), name: 'A' });
    assert.equal(maskNik('3520123456789012'), '3520**********12');
  });

  test('the admin page lists records with who, what and the change, filtered by action', async () => {
    const unit = await buildUnit(t.db);
    // The unit tree is national data: a national administrator changes it (issue 9 item 3).
    const a = await buildUser(t.db, { roles: ['admin'], unit_id: null });
    const c = await t.signedIn(a.username);
    const res = await c.json('PUT', `/api/v1/units/${unit.id}`, {
      kanwil_id: unit.kanwil_id,
      code: unit.code,
      type: 'rutan',
      class: 'IIB',
      name: 'Rutan Kelas IIB Magetan',
      timezone: 'Asia/Jakarta',
    });
    assert.equal(res.statusCode, 200);
    const page = await c.get('/admin/audit?action=units.');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /units\.update/);
    assert.match(page.body, /<ins>Rutan Kelas IIB Magetan<\/ins>/);
    assert.doesNotMatch(page.body, /auth\.signin</);
  });

  test("a Kanwil viewer sees its region's audit records only; a petugas has no audit page", async () => {
    const k = await buildKanwil(t.db);
    const mine = await buildUnit(t.db, { kanwil_id: k.id });
    const other = await buildUnit(t.db);
    for (const u of [mine, other]) {
      await t.db
        .transaction()
        .execute((trx) =>
          recordAudit(
            trx,
            { userId: null, name: 'uji' },
            { action: 'scope.test', entity: 'unit', entityId: u.id, unitId: u.id },
          ),
        );
    }
    const viewer = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: k.id })).username,
    );
    const list = JSON.parse((await viewer.get('/api/v1/audit?action=scope.test')).body) as {
      view: string;
      items: unknown[];
      counts: Array<{ unit_id: string; action: string; count: number }>;
    };
    // Offices read counts per unit and action, never the records themselves (audit.access.test.ts).
    assert.equal(list.view, 'counts');
    assert.deepEqual(list.items, []);
    assert.deepEqual(
      list.counts.map((i) => [i.unit_id, i.action, i.count]),
      [[mine.id, 'scope.test', 1]],
    );
    const petugas = await t.signedIn((await buildUser(t.db, { unit_id: mine.id })).username);
    assert.equal((await petugas.get('/admin/audit')).statusCode, 403);
  });
});
