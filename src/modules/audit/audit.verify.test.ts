import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { createDb, type Db } from '../../db/database.ts';
import { type Actor, recordAudit, verifyAuditChain } from './audit.service.ts';

const actor: Actor = { userId: null, name: 'petugas.uji', requestId: 'req-1', ip: '10.0.0.1' };

/** Records n entries, each in its own transaction as the app does, and returns their ids in order. */
async function recordSome(db: Db, n: number): Promise<string[]> {
  for (let i = 1; i <= n; i++) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: i % 2 ? 'unit.update' : 'user.create',
        entity: 'unit',
        entityId: `e-${i}`,
        before: i === 1 ? null : { name: `Rutan ${i - 1}`, at: new Date(Date.UTC(2026, 0, i)) },
        after: { name: `Rutan ${i}`, tags: ['a', 'ü'], nested: { n: i, ok: true } },
      }),
    );
  }
  const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
  return rows.map((r) => String(r.id));
}

/** Changes the log behind the append-only trigger's back, as a superuser with table access could. */
async function tamper(db: Db, change: (trx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
    await change(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
  });
}

function runVerifyCli(databaseUrl: string): Promise<{ code: number; out: string }> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

describe('audit chain verification', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.drop());

  test('an untouched chain verifies and counts every record', async () => {
    assert.deepEqual(await verifyAuditChain(t.db), {
      ok: true,
      count: 0,
      lastId: null,
      lastHash: '0'.repeat(64),
      checkpoints: 0,
      warnings: [],
    });
    await recordSome(t.db, 6);
    // Several entries in one transaction chain to each other too.
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, actor, { action: 'a.one', entity: 'x' });
      await recordAudit(trx, actor, { action: 'a.two', entity: 'x', after: { z: 1, a: 2 } });
    });
    const r = await verifyAuditChain(t.db);
    const last = await t.db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(r, {
      ok: true,
      count: 8,
      lastId: String(last.id),
      lastHash: last.hash,
      checkpoints: 0,
      warnings: ['no checkpoint yet: run `npm run audit:checkpoint`'],
    });
  });

  test('a changed `after` is reported at exactly that record', async () => {
    const ids = await recordSome(t.db, 6);
    const target = ids[2] ?? '';
    await tamper(t.db, (trx) =>
      trx
        .updateTable('audit_log')
        .set({ after: JSON.stringify({ name: 'Rutan palsu' }) })
        .where('id', '=', target)
        .execute(),
    );
    const r = await verifyAuditChain(t.db);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.brokenId, target);
    assert.equal(r.count, 2);
    assert.match(r.reason, /changed/);
  });

  test('a changed `action` is reported at exactly that record', async () => {
    const ids = await recordSome(t.db, 5);
    const target = ids[4] ?? '';
    await tamper(t.db, (trx) =>
      trx.updateTable('audit_log').set({ action: 'nothing.happened' }).where('id', '=', target).execute(),
    );
    const r = await verifyAuditChain(t.db);
    assert.ok(!r.ok);
    assert.equal(r.brokenId, target);
    assert.equal(r.count, 4);
  });

  test('a removed middle record is reported at the record that followed it', async () => {
    const ids = await recordSome(t.db, 6);
    await tamper(t.db, (trx) =>
      trx
        .deleteFrom('audit_log')
        .where('id', '=', ids[3] ?? '')
        .execute(),
    );
    const r = await verifyAuditChain(t.db);
    assert.ok(!r.ok);
    assert.equal(r.brokenId, ids[4]);
    assert.equal(r.count, 3);
    assert.match(r.reason, /previous-hash link/);
  });

  test('20 parallel transactions still form one linear chain', async () => {
    // A pool as large as the number of writers, so they really overlap instead of queueing in the pool.
    const wide = createDb(t.url, { max: 20 });
    try {
      let started = 0;
      let release: () => void = () => {};
      const allStarted = new Promise<void>((r) => {
        release = r;
      });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          wide.transaction().execute(async (trx) => {
            await sql`select 1`.execute(trx);
            // Every transaction is open before any of them appends.
            if (++started === 20) release();
            await allStarted;
            await recordAudit(trx, actor, { action: 'parallel', entity: 'x', entityId: String(i) });
          }),
        ),
      );
    } finally {
      await wide.destroy();
    }
    const r = await verifyAuditChain(t.db);
    assert.deepEqual({ ok: r.ok, count: r.count }, { ok: true, count: 20 });
    const links = await t.db.selectFrom('audit_log').select('prev_hash').execute();
    assert.equal(new Set(links.map((l) => l.prev_hash)).size, 20, 'no two records share a predecessor');
  });

  test('`npm run audit:verify` exits 0 on an intact chain and 1 naming the broken record', async () => {
    const ids = await recordSome(t.db, 3);
    const ok = await runVerifyCli(t.url);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /Audit chain intact: 3 records/);

    await tamper(t.db, (trx) =>
      trx
        .updateTable('audit_log')
        .set({ actor_name: 'orang lain' })
        .where('id', '=', ids[1] ?? '')
        .execute(),
    );
    const broken = await runVerifyCli(t.url);
    assert.equal(broken.code, 1, broken.out);
    assert.match(broken.out, new RegExp(`Audit chain BROKEN at record #${ids[1]}: `));
  });
});
