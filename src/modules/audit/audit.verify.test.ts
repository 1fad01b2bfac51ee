import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { type Actor, SYSTEM, systemCtx } from '../../app/principal.ts';
import { createDb, type Db } from '../../db/database.ts';
import { erasePersonalData, recordAudit, verifyAuditChain, writeCheckpoint } from './audit.service.ts';

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

function runVerifyCli(databaseUrl: string, args: string[] = []): Promise<{ code: number; out: string }> {
  return runScript('scripts/audit-verify.ts', databaseUrl, args);
}

function runScript(
  script: string,
  databaseUrl: string,
  args: string[],
): Promise<{ code: number; out: string }> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(40) },
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

const KEY = 'k'.repeat(40);

describe('personal data in the audit log can be erased; checkpoints catch a cut-off tail', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.drop());

  async function recordInmate(db: Db, name: string) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'inmates.create',
        entity: 'inmate',
        entityId: 'inmate-1',
        after: { unit_id: 'u-1', name, birth_date: '1988-04-17', health_restriction: true, block: 'C' },
      }),
    );
  }

  test('the chain holds no personal value; the retention job erases them (audited) and the chain still verifies', async () => {
    await recordInmate(t.db, 'Bagus Santoso');
    const chained = await t.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
    assert.equal(JSON.stringify(chained).includes('Bagus Santoso'), false, 'no name in the chained record');
    assert.equal(
      JSON.stringify(chained).includes('1988-04-17'),
      false,
      'no birth date in the chained record',
    );
    assert.deepEqual(chained.after, {
      unit_id: 'u-1',
      name: '[personal]',
      birth_date: '[personal]',
      health_restriction: '[personal]',
      block: '[personal]',
    });
    const kept = await t.db.selectFrom('audit_personal').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual((kept.after as Record<string, unknown>).name, 'Bagus Santoso');

    // Within retention nothing is erased and nothing is recorded.
    assert.equal(
      await erasePersonalData(
        { db: t.db, now: new Date(), who: { ...SYSTEM, actor } },
        { retentionDays: 30 },
      ),
      0,
    );
    // Thirty-one days later the personal part goes, the digest stays in the chain.
    const later = new Date(Date.now() + 31 * 86_400_000);
    assert.equal(
      await erasePersonalData({ db: t.db, now: later, who: { ...SYSTEM, actor } }, { retentionDays: 30 }),
      1,
    );
    const erased = await t.db.selectFrom('audit_personal').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([erased.nonce, erased.before, erased.after], [null, null, null]);
    assert.ok(erased.erased_at);
    const all = await t.db.selectFrom('audit_log').select(['action', 'after']).orderBy('id').execute();
    assert.equal(all.length, 2);
    assert.equal(all[1]?.action, 'audit.erase_personal');
    assert.equal((all[1]?.after as { records?: number } | undefined)?.records, 1);
    const r = await verifyAuditChain(t.db);
    assert.deepEqual({ ok: r.ok, count: r.count }, { ok: true, count: 2 });
    const text = JSON.stringify(await t.db.selectFrom('audit_personal').selectAll().execute());
    assert.ok(!text.includes('Bagus Santoso') && !text.includes('1988-04-17'));
  });

  test('a personal value changed behind the log is reported; the database refuses any change but erasure', async () => {
    await recordInmate(t.db, 'Rudi Hartono');
    const id = String((await t.db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow()).id);
    await assert.rejects(
      t.db
        .updateTable('audit_personal')
        .set({ after: JSON.stringify({ name: 'Orang Lain' }) })
        .execute(),
      /only allows erasure/,
    );
    await assert.rejects(t.db.deleteFrom('audit_personal').execute(), /only allows erasure/);
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table audit_personal disable trigger audit_personal_erase_only`.execute(trx);
      await trx
        .updateTable('audit_personal')
        .set({
          after: JSON.stringify({
            name: 'Orang Lain',
            birth_date: '1988-04-17',
            health_restriction: true,
            block: 'C',
          }),
        })
        .execute();
      await sql`alter table audit_personal enable trigger audit_personal_erase_only`.execute(trx);
    });
    const r = await verifyAuditChain(t.db);
    assert.ok(!r.ok);
    assert.equal(r.brokenId, id);
    assert.match(r.reason, /personal values were changed/);
  });

  test('removing the newest records after a checkpoint is detected, and a forged checkpoint too', async () => {
    const ids = await recordSome(t.db, 5);
    const c = await writeCheckpoint(systemCtx(t.db, new Date(), 'uji'), KEY);
    assert.equal(c.lastId, ids[4]);
    assert.equal(c.count, 5);
    await recordSome(t.db, 0);
    const intact = await verifyAuditChain(t.db, { checkpointKey: KEY });
    assert.deepEqual(
      { ok: intact.ok, warnings: intact.ok ? intact.warnings : [] },
      { ok: true, warnings: [] },
    );

    // Cut the last two records off: the chain itself is still a valid, shorter chain...
    await tamper(t.db, (trx) =>
      trx
        .deleteFrom('audit_log')
        .where('id', '>=', ids[3] ?? '')
        .execute(),
    );
    const r = await verifyAuditChain(t.db, { checkpointKey: KEY });
    // ...but the checkpoint names a record that is gone.
    assert.ok(!r.ok);
    assert.equal(r.brokenId, ids[4]);
    assert.match(r.reason, /no longer in the log/);

    // A checkpoint re-written to the shortened head without the key does not pass either.
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table audit_checkpoints disable trigger audit_checkpoints_no_update`.execute(trx);
      await trx
        .updateTable('audit_checkpoints')
        .set({
          last_audit_id: ids[2] ?? '',
          record_count: '3',
          head_hash: (
            await trx
              .selectFrom('audit_log')
              .select('hash')
              .where('id', '=', ids[2] ?? '')
              .executeTakeFirstOrThrow()
          ).hash,
        })
        .execute();
      await sql`alter table audit_checkpoints enable trigger audit_checkpoints_no_update`.execute(trx);
    });
    const forged = await verifyAuditChain(t.db, { checkpointKey: KEY });
    assert.ok(!forged.ok);
    assert.match(forged.reason, /signature does not match/);
  });

  test('`audit:verify -- --head <id>:<hash>` compares with a head kept outside the system', async () => {
    const ids = await recordSome(t.db, 4);
    const first = await runVerifyCli(t.url);
    assert.equal(first.code, 0, first.out);
    const m = /--head (\d+):([0-9a-f]{64})/.exec(first.out);
    assert.ok(m, 'the command prints the head to keep');
    const kept = `${m[1]}:${m[2]}`;
    assert.equal(m[1], ids[3]);
    const same = await runVerifyCli(t.url, ['--head', kept]);
    assert.equal(same.code, 0, same.out);
    assert.match(same.out, /is in the chain unchanged/);

    const wrong = await runVerifyCli(t.url, ['--head', `${m[1]}:${'a'.repeat(64)}`]);
    assert.equal(wrong.code, 1, wrong.out);
    assert.match(wrong.out, /does not have the hash you kept/);

    // No checkpoint was written, so only the kept head reveals that the newest record was removed.
    await tamper(t.db, (trx) =>
      trx
        .deleteFrom('audit_log')
        .where('id', '=', ids[3] ?? '')
        .execute(),
    );
    assert.equal((await runVerifyCli(t.url)).code, 0, 'the shortened chain alone looks intact');
    const cut = await runVerifyCli(t.url, ['--head', kept]);
    assert.equal(cut.code, 1, cut.out);
    assert.match(cut.out, new RegExp(`BROKEN at record #${ids[3]}: the head you kept`));

    const bad = await runVerifyCli(t.url, ['--head', 'nonsense']);
    assert.equal(bad.code, 2, bad.out);
  });

  test('`npm run audit:checkpoint` signs the head and prints it', async () => {
    const ids = await recordSome(t.db, 2);
    const out = await runScript('scripts/audit-checkpoint.ts', t.url, []);
    assert.equal(out.code, 0, out.out);
    assert.match(out.out, new RegExp(`head #${ids[1]} hash [0-9a-f]{64}`));
    const rows = await t.db.selectFrom('audit_checkpoints').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(String(rows[0]?.last_audit_id), ids[1]);
    const verify = await runVerifyCli(t.url);
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, /2 records, 1 checkpoints/);
  });
});
