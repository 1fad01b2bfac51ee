import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser } from '../test/builders.ts';
import { createTestDb, type TestDb } from '../test/db.ts';
import { loadConfig } from './app/config.ts';
import { startJobs } from './jobs.ts';
import { purgeExpired } from './modules/auth/auth.service.ts';

describe('background jobs on the PostgreSQL queue', () => {
  let t: TestDb;
  const config = loadConfig({ NODE_ENV: 'test', SESSION_IDLE_MINUTES: '30' });
  before(async () => {
    t = await createTestDb();
  });
  after(() => t.drop());

  test('starting the queue creates its tables, the hourly session clean-up, the daily agreement reminders, the daily session generation, the recount of the monthly aggregates and the daily retention run and the daily clean-up of the public forms’ spam guard', async () => {
    const log = { info() {}, error() {} };
    const jobs = await startJobs({ url: t.url, db: t.db, config, log });
    try {
      const r = await sql<{
        name: string;
        cron: string;
      }>`select name, cron from pgboss.schedule order by name`.execute(t.db);
      assert.deepEqual(r.rows, [
        { name: 'agreements.reminders', cron: '0 6 * * *' },
        { name: 'audit.retention-and-checkpoint', cron: '20 0 * * *' },
        { name: 'auth.purge-expired', cron: '17 * * * *' },
        { name: 'inmates.purge-import-previews', cron: '41 * * * *' },
        { name: 'orders.purge-spam-guard', cron: '25 2 * * *' },
        { name: 'programmes.generate-sessions', cron: '30 5 * * *' },
        { name: 'retention.pseudonymise', cron: '40 1 * * *' },
        { name: 'rollups.refresh', cron: '* * * * *' },
      ]);
    } finally {
      await jobs.stop();
    }
  });

  test('the clean-up removes expired and idle sessions and keeps live ones', async () => {
    const u = await buildUser(t.db);
    const mk = (id: string, expires: string, seen: string) =>
      sql`insert into sessions (id_hash, user_id, csrf_token, expires_at, last_seen_at)
          values (${id}, ${u.id}, 'c', now() + ${expires}::interval, now() - ${seen}::interval)`.execute(
        t.db,
      );
    await mk('live', '1 hour', '1 minute');
    await mk('expired', '-1 second', '1 minute');
    await mk('idle', '1 hour', '45 minutes');
    assert.equal(await purgeExpired(t.db, config), 2);
    const left = await t.db.selectFrom('sessions').select('id_hash').execute();
    assert.deepEqual(
      left.map((s) => s.id_hash),
      ['live'],
    );
  });
});
