import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../test/db.ts';
import { appliedMigrations, MIGRATIONS, migrate } from './migrate.ts';

describe('migrations', () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb({ fromTemplate: false });
  });
  after(() => t.drop());

  test('every migration applies to an empty database and builds the expected schema', async () => {
    const applied = await migrate(t.db);
    assert.deepEqual(applied, Object.keys(MIGRATIONS));
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      t.db,
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const expected of [
      'api_tokens',
      'audit_log',
      'kanwil',
      'sessions',
      'signin_attempts',
      'units',
      'users',
    ]) {
      assert.ok(names.includes(expected), `table ${expected} exists`);
    }
  });

  test('running again applies nothing (forward-only, idempotent)', async () => {
    assert.deepEqual(await migrate(t.db), []);
    assert.deepEqual(await appliedMigrations(t.db), Object.keys(MIGRATIONS));
  });

  test('two nodes migrating at once: one applies, the other waits and finds nothing to do', async () => {
    const fresh = await createTestDb({ fromTemplate: false });
    try {
      const { createDb } = await import('./database.ts');
      const other = createDb(fresh.url, { max: 2 });
      const [a, b] = await Promise.all([migrate(fresh.db), migrate(other)]);
      await other.destroy();
      assert.equal(a.length + b.length, Object.keys(MIGRATIONS).length);
    } finally {
      await fresh.drop();
    }
  });

  test('the audit log refuses updates and deletes', async () => {
    await sql`insert into audit_log (at, actor_name, action, entity, prev_hash, hash) values (now(), 'x', 'a', 'e', 'p', 'h')`.execute(
      t.db,
    );
    await assert.rejects(sql`update audit_log set action = 'b'`.execute(t.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(t.db), /append-only/);
  });
});
