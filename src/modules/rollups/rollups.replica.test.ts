// Report reads through reportDb (issue 15, item 6), in-process: the test app's "replica" is a clone
// of the demo database taken when the app starts, reached through read-only sessions with a query
// log, so it behaves as a standby that stopped replaying: what a page shows tells which server it
// read. Roll-up pages, API, exports, indicators, office dashboard and a draft report's figures read
// the replica; every write (a report drafted and submitted) goes to the primary, and submitting
// freezes the primary's figures. A replica that cannot be reached leaves the pages answering from
// the primary. scripts/replica-test.ts does the same against a real streaming replica.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildSession } from '../../../test/attendance-fixtures.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { dayInZone } from '../../app/format.ts';
import { translator } from '../../app/i18n.ts';
import { reportDb, systemCtx } from '../../app/principal.ts';
import { createPool, type Db } from '../../db/database.ts';
import { openReplica, replicaOver } from '../../db/replica.ts';
import type { Database } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { addMonths } from '../production-reports/production-reports.rules.ts';
import { refreshDirty } from './rollups.service.ts';
import { freshnessText } from './rollups.words.ts';

/** Read-only sessions on `url` (as a standby's are), every statement logged. */
function readOnlyLogged(url: string, log: string[]): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    application_name: 'test-replica',
    options: '-c default_transaction_read_only=on',
  });
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') log.push(e.query.sql);
    },
  });
}

const WRITE = /^\s*(insert|update|delete|merge|create|alter|drop|truncate)\b/i;
const AGGREGATES = /rollup_(unit|programme)_months/;

describe('report reads go to the read replica, writes to the primary', () => {
  let t: TestApp;
  let rep: TestDb;
  const log: string[] = [];
  const as = new Map<string, Client>();
  let magetan = '';
  let month = '';
  /** Sessions held in the month by Magetan on the replica (the clone), before the primary moves on. */
  let heldOnReplica = 0;

  before(async () => {
    t = await startTestApp(
      {},
      {
        demo: true,
        replica: async () => {
          rep = await createTestDb({ demo: true });
          await refreshDirty(rep.db);
          return readOnlyLogged(rep.url, log);
        },
      },
    );
    await refreshDirty(t.db);
    magetan = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'RUTAN-MGT').executeTakeFirstOrThrow()
    ).id;
    // The latest month before this one without a monthly report of Magetan's (one is drafted below).
    const current = dayInZone(new Date(), 'Asia/Jakarta').slice(0, 7);
    const reported = new Set(
      (await t.db.selectFrom('monthly_reports').select('month').where('unit_id', '=', magetan).execute()).map(
        (r) => String(r.month).slice(0, 7),
      ),
    );
    month = addMonths(current, -1);
    while (reported.has(month)) month = addMonths(month, -1);
    heldOnReplica = await heldIn(rep.db);
    // The primary moves on: two more sessions held by Magetan in that month, recounted.
    const prog = await t.db
      .selectFrom('programmes')
      .select('id')
      .where('unit_id', '=', magetan)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await buildSession(t.db, { programme_id: prog.id, day: `${month}-10` });
    await buildSession(t.db, { programme_id: prog.id, day: `${month}-11` });
    await refreshDirty(t.db);
    assert.equal(await heldIn(t.db), heldOnReplica + 2, 'the primary counts the new sessions');
    for (const u of ['ditjenpas', 'kanwil.jatim', 'ari.rahmanto', 'petugas.magetan'])
      as.set(u, await t.signedIn(u, DEMO_PASSWORD));
  });
  after(async () => {
    await t.close();
    await rep.drop();
  });

  const heldIn = async (db: Db) =>
    Number(
      (
        await db
          .selectFrom('rollup_unit_months')
          .select('sessions_held')
          .where('unit_id', '=', magetan)
          .where('month', '=', `${month}-01`)
          .executeTakeFirst()
      )?.sessions_held ?? 0,
    );
  const client = (u: string) => {
    const c = as.get(u);
    assert.ok(c, u);
    return c;
  };
  /** Runs `fn` and returns the statements the replica ran meanwhile. */
  const onReplica = async (fn: () => Promise<void>) => {
    const from = log.length;
    await fn();
    return log.slice(from);
  };

  test('the roll-up pages, their API, exports and the national trend read the replica', async () => {
    const c = client('ditjenpas');
    const ran = await onReplica(async () => {
      const api = await c.json('GET', `/api/v1/rollups/units/${magetan}?month=${month}`);
      assert.equal(api.statusCode, 200, api.body);
      const body = api.json() as {
        figures: { sessions_held: number };
        trend: Array<{ month: string; sessions_held: number }>;
        freshness: { replica_lag_seconds: number | null };
      };
      assert.equal(body.figures.sessions_held, heldOnReplica, "the replica's figure, not the primary's");
      assert.equal(body.trend.find((m) => m.month === month)?.sessions_held, heldOnReplica);
      // Not a standby (a clone): no lag to tell, so none is shown.
      assert.equal(body.freshness.replica_lag_seconds, null);
      const page = await c.get(`/rollups/units/${magetan}?month=${month}`);
      assert.equal(page.statusCode, 200);
      assert.equal((await c.get(`/rollups?month=${month}`)).statusCode, 200);
      assert.equal((await c.get(`/rollups.xlsx?month=${month}`)).statusCode, 200);
    });
    assert.ok(ran.filter((q) => AGGREGATES.test(q)).length >= 6, ran.join('\n'));
    // The national trend is summed by month in SQL: one statement grouping by month.
    assert.ok(ran.some((q) => /group by r\.month/.test(q)));
  });

  test('the Program Aksi indicators and the office dashboard read the replica', async () => {
    const ind = await onReplica(async () => {
      const r = await client('kanwil.jatim').get(`/program-aksi/indicators?period=${month}`);
      assert.equal(r.statusCode, 200);
    });
    assert.ok(
      ind.some((q) => /rollup_programme_months/.test(q)),
      ind.join('\n'),
    );
    const dash = await onReplica(async () => {
      const r = await client('kanwil.jatim').get('/dashboard');
      assert.equal(r.statusCode, 200);
    });
    assert.ok(
      dash.some((q) => /rollup_unit_months/.test(q)),
      dash.join('\n'),
    );
  });

  test("a draft report shows the replica's figures; submitting writes to the primary and freezes the primary's", async () => {
    const ran = await onReplica(async () => {
      const created = await client('petugas.magetan').json('POST', '/api/v1/reports', { month });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { id: string }).id;
      const draft = (await client('petugas.magetan').json('GET', `/api/v1/reports/${id}`)).json() as {
        live: boolean;
        figures: { unit: { sessionsHeld: number } };
      };
      assert.equal(draft.live, true);
      assert.equal(
        draft.figures.unit.sessionsHeld,
        heldOnReplica,
        'a draft reads the live figures on the replica',
      );
      const narrative = 'Kegiatan berjalan sesuai jadwal.';
      const put = await client('petugas.magetan').json('PUT', `/api/v1/reports/${id}/narrative`, {
        narrative,
      });
      assert.equal(put.statusCode, 200, put.body);
      const submitted = await client('ari.rahmanto').json('POST', `/api/v1/reports/${id}/submit`, {});
      assert.equal(submitted.statusCode, 200, submitted.body);
      const frozen = (await client('ari.rahmanto').json('GET', `/api/v1/reports/${id}`)).json() as {
        live: boolean;
        status: string;
        figures: { unit: { sessionsHeld: number } };
      };
      // The report row is read from the primary (its own page shows the action just taken) ...
      assert.equal(frozen.status, 'submitted');
      assert.equal(frozen.live, false);
      // ... and the figures frozen in the submitting transaction are the primary's.
      assert.equal(frozen.figures.unit.sessionsHeld, heldOnReplica + 2);
      // The report exists on the primary only: nothing was written to the replica.
      const onRep = await rep.db.selectFrom('monthly_reports').select('id').where('id', '=', id).execute();
      assert.equal(onRep.length, 0);
    });
    assert.deepEqual(
      ran.filter((q) => WRITE.test(q)),
      [],
    );
  });

  test('the replica pool ran reads only, in read-only sessions', async () => {
    assert.ok(log.length > 0);
    assert.deepEqual(
      log.filter((q) => WRITE.test(q)),
      [],
    );
    // A write on those sessions is refused, as on a standby.
    await assert.rejects(
      t.app.replica?.db.updateTable('units').set({ name: 'x' }).where('id', '=', magetan).execute() ??
        Promise.reject(new Error('no replica')),
      /read-only transaction/,
    );
  });

  test('inside a transaction reportDb is that transaction; without a replica, the primary', async () => {
    const replica = t.app.replica;
    assert.ok(replica);
    const ctx = { ...systemCtx(t.db), replica };
    assert.equal(reportDb(ctx), replica.db);
    assert.equal(reportDb(systemCtx(t.db)), t.db);
    await t.db.transaction().execute(async (trx) => {
      assert.equal(reportDb({ ...ctx, db: trx }), trx);
    });
  });
});

describe('a read replica that cannot be reached', () => {
  let t: TestApp;
  let primaryPool: pg.Pool;

  before(async () => {
    t = await startTestApp(
      {},
      {
        demo: true,
        replica: (tdb) => {
          primaryPool = createPool(tdb.url, { max: 2 });
          // Nothing listens on port 1: every connection is refused.
          return openReplica('postgresql://simandiri@127.0.0.1:1/none', primaryPool, { lagNoticeSeconds: 60 })
            .db;
        },
      },
    );
  });
  after(async () => {
    await t.close();
    await primaryPool.end();
  });

  test('leaves the report pages answering from the primary, and the node ready', async () => {
    const c = await t.signedIn('ditjenpas', DEMO_PASSWORD);
    const page = await c.get('/rollups');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="rollup-freshness"/);
    const api = await c.json('GET', '/api/v1/rollups');
    assert.equal(api.statusCode, 200, api.body);
    const ready = await t.client().get('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', reports: 'primary' });
  });
});

describe("the replica's pool", () => {
  let tdb: TestDb;
  let primaryPool: pg.Pool;
  before(async () => {
    tdb = await createTestDb();
    primaryPool = createPool(tdb.url, { max: 2 });
    // Fails like a standby whose replay cancelled the read, on the replica's connections only.
    await sql`create function replica_conflict() returns text language plpgsql as $$
      begin
        if current_setting('application_name') = 'simandiri-replica' then
          raise exception 'canceling statement due to conflict with recovery' using errcode = '40001';
        end if;
        return current_setting('application_name');
      end $$`.execute(tdb.db);
  });
  after(async () => {
    await primaryPool.end();
    await tdb.drop();
  });

  test('runs a read that replay cancelled once more on the primary, and stays on the replica', async () => {
    const replica = openReplica(tdb.url, primaryPool, { lagNoticeSeconds: 60 });
    try {
      const r = await sql<{ app: string }>`select replica_conflict() as app`.execute(replica.db);
      assert.equal(r.rows[0]?.app, 'simandiri');
      assert.equal(replica.reading(), 'replica');
      const own = await sql<{ app: string }>`select current_setting('application_name') as app`.execute(
        replica.db,
      );
      assert.equal(own.rows[0]?.app, 'simandiri-replica');
    } finally {
      await replica.db.destroy();
    }
  });

  test('moves a read to the primary when the replica dropped its connection', async () => {
    const replica = openReplica(tdb.url, primaryPool, { lagNoticeSeconds: 60 });
    try {
      await sql`select 1`.execute(replica.db);
      // The replica's backend goes away under the pooled connection; the next read still answers.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                 where application_name = 'simandiri-replica' and datname = current_database()`.execute(
        tdb.db,
      );
      const r = await sql<{ n: number }>`select 1 as n`.execute(replica.db);
      assert.equal(r.rows[0]?.n, 1);
    } finally {
      await replica.db.destroy();
    }
  });
});

describe('the freshness stamp', () => {
  const at = new Date('2026-12-02T03:31:00Z');

  test("says how far behind the replica is, in the reader's language, only when it is", () => {
    const f = { computedAt: at, pending: 0, replicaLagSeconds: 130 };
    assert.equal(
      freshnessText(translator('id'), 'id', 'Asia/Jakarta', f),
      'Angka per Rabu, 2 Desember 2026 10.31 WIB; semua perubahan sudah dihitung. Data replika tertinggal 2 menit dari server utama.',
    );
    assert.match(
      freshnessText(translator('en'), 'en', 'Asia/Jakarta', { ...f, replicaLagSeconds: 7200 }),
      /The replica data is 2 hours behind the primary server\.$/,
    );
    assert.doesNotMatch(
      freshnessText(translator('id'), 'id', 'Asia/Jakarta', { ...f, replicaLagSeconds: null }),
      /replika/,
    );
  });

  test('a replica over a plain Db never falls back', () => {
    assert.equal(replicaOver({} as Db, 60).reading(), 'replica');
  });
});
