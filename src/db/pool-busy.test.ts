// Every connection of a node's pool busy is load, not an outage (issue 15, faults): a request that
// waited its whole connect timeout on a full pool is answered 503 "the server is busy" in the
// user's language, with Retry-After, and not "the database cannot be reached" (which tells people
// to worry about their last change for no reason). A wait that times out because the server is
// away stays an outage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Client } from '../../test/app.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../../test/builders.ts';
import { createTestDb, type TestDb } from '../../test/db.ts';
import { loadConfig } from '../app/config.ts';
import type { App } from '../app/http.ts';
import { buildApp } from '../server.ts';
import { createDb, type Db, isDatabaseUnavailable, isPoolBusy } from './database.ts';

describe('a full connection pool', () => {
  let tdb: TestDb;
  let db: Db;
  let app: App;
  let english: Client;

  before(async () => {
    tdb = await createTestDb();
    const unit = await buildUnit(tdb.db);
    const u = await buildUser(tdb.db, { roles: ['petugas'], unit_id: unit.id });
    await tdb.db.updateTable('users').set({ locale: 'en' }).where('id', '=', u.id).execute();
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
    // One connection, given up after 200 ms: holding it makes every other request wait in vain.
    db = createDb(tdb.url, { max: 1, connectTimeoutMs: 200 });
    app = await buildApp({ db, replica: null, config });
    await app.ready();
    english = new Client(app);
    await english.get('/login');
    const res = await english.postForm('/login', { username: u.username, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
  });

  after(async () => {
    await app?.close();
    await db?.destroy();
    await tdb?.drop();
  });

  /** Runs `fn` while the pool's only connection is held by a transaction. */
  async function whileFull<T>(fn: () => Promise<T>): Promise<T> {
    let out: T | undefined;
    await db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      out = await fn();
    });
    return out as T;
  }

  test('a wait on a full pool is "busy", not an outage', async () => {
    const err = await whileFull(() =>
      sql`select 1`.execute(db).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    assert.ok(err instanceof Error, 'the second query waited in vain');
    assert.equal(isPoolBusy(err), true);
    assert.equal(isDatabaseUnavailable(err), false);
    // Once the connection is back, the pool serves again.
    assert.deepEqual((await sql<{ one: number }>`select 1 as one`.execute(db)).rows, [{ one: 1 }]);
  });

  test('a page and the API answer 503 "busy" in the user’s language, with Retry-After', async () => {
    const [page, api] = await whileFull(() =>
      Promise.all([
        english.get('/dashboard'),
        english.get('/api/v1/sessions/00000000-0000-4000-8000-000000000000/attendance'),
      ]),
    );
    for (const res of [page, api]) {
      assert.equal(res.statusCode, 503, res.body.slice(0, 300));
      assert.equal(res.headers['retry-after'], '5');
    }
    assert.match(page.body, /The server is handling many requests/);
    assert.equal((api.json() as { error: { code: string } }).error.code, 'db.busy');
  });

  test('a server that does not answer is still an outage', async () => {
    const away = createDb('postgres://nobody@127.0.0.1:9/none', { max: 1, connectTimeoutMs: 200 });
    try {
      const err = await sql`select 1`.execute(away).then(
        () => null,
        (e: unknown) => e,
      );
      assert.equal(isPoolBusy(err), false);
      assert.equal(isDatabaseUnavailable(err), true);
    } finally {
      await away.destroy();
    }
  });
});
