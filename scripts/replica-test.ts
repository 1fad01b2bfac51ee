// `npm run test:replica`: report reads go to a real streaming replica, writes never do.
// Starts a throwaway PostgreSQL 15 primary and a standby made from it with pg_basebackup -R
// (streaming), both logging every statement with the client's application_name, builds the app
// in-process with DATABASE_URL = primary and DATABASE_REPLICA_URL = standby, and checks through
// its pages and API:
//   1. the roll-up page, its API and a draft report's figures are read on the standby (its log has
//      the app's replica pool reading the aggregates; /readyz says reports: replica);
//   2. writes (sign-in, a report drafted) succeed on the primary, and the replica pool never sent a
//      write (the standby's log has none from it; a standby would refuse one anyway);
//   3. with replay paused on the standby and a write on the primary, the page still shows the
//      standby's figures and its freshness stamp says how far behind they are ("Data replika
//      tertinggal ..."); after resuming, the new figures and no lag;
//   4. with the standby stopped, the pages answer from the primary and /readyz stays ready.
// PG_BIN chooses the PostgreSQL binaries (default /usr/lib/postgresql/15/bin). As root the servers
// run as the user postgres. Prints PASS/FAIL lines; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/app/config.ts';
import { createPool, type Db, dbOver } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openReplica } from '../src/db/replica.ts';
import { refreshUnitMonth } from '../src/modules/rollups/rollups.service.ts';
import { buildApp } from '../src/server.ts';
import { Client } from '../test/app.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../test/builders.ts';
import { freePort } from '../test/ports.ts';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const LAG_NOTICE_S = 2;
const t0 = Date.now();
const failures: string[] = [];

function check(ok: boolean, what: string, detail = ''): void {
  const line = `${ok ? 'PASS' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`;
  process.stdout.write(`${line}\n`);
  if (!ok) failures.push(what);
}
const say = (m: string) => process.stdout.write(`  … ${m} [${((Date.now() - t0) / 1000).toFixed(1)} s]\n`);

const isRoot = process.getuid?.() === 0;
function pg(cmd: string, args: string[]): string {
  const bin = path.join(PG_BIN, cmd);
  const r = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' })
    : spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Statements in a server log as (application_name, text): log_line_prefix is '%a|'. */
function statements(logFile: string): Array<{ app: string; text: string }> {
  const out: Array<{ app: string; text: string }> = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^([^|]*)\|LOG:\s+(?:statement|execute [^:]*):\s*(.*)$/.exec(line);
    if (m) out.push({ app: m[1] ?? '', text: m[2] ?? '' });
  }
  return out;
}
const WRITE = /^\s*(insert|update|delete|merge|create|alter|drop|truncate|copy)\b/i;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'simandiri-replica-'));
  if (isRoot)
    chownSync(
      dir,
      Number(spawnSync('id', ['-u', 'postgres']).stdout),
      Number(spawnSync('id', ['-g', 'postgres']).stdout),
    );
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const primaryLog = path.join(dir, 'primary.log');
  const standbyLog = path.join(dir, 'standby.log');
  const [pPort, sPort] = [await freePort(), await freePort()];
  const serverOpts = (port: number) =>
    `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off ` +
    `-c log_statement=all -c log_line_prefix='%a|' -c wal_level=replica -c max_wal_senders=5`;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let db: Db | undefined;
  let replicaDb: Db | undefined;
  const stop = (d: string) => {
    try {
      pg('pg_ctl', ['-D', d, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } catch {
      // already stopped
    }
  };
  try {
    pg('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    pg('pg_ctl', ['-D', primaryDir, '-l', primaryLog, '-w', '-t', '60', 'start', '-o', serverOpts(pPort)]);
    say(`primary PostgreSQL on 127.0.0.1:${pPort}`);
    pg('createdb', ['-h', '127.0.0.1', '-p', String(pPort), '-U', 'postgres', 'simandiri']);
    pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(pPort),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    pg('pg_ctl', ['-D', standbyDir, '-l', standbyLog, '-w', '-t', '60', 'start', '-o', serverOpts(sPort)]);
    say(`streaming standby on 127.0.0.1:${sPort} (pg_basebackup -R)`);

    const primaryUrl = `postgres://postgres@127.0.0.1:${pPort}/simandiri`;
    const standbyUrl = `postgres://postgres@127.0.0.1:${sPort}/simandiri`;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'r'.repeat(40),
      DATABASE_URL: primaryUrl,
      DATABASE_REPLICA_URL: standbyUrl,
      DATABASE_REPLICA_LAG_NOTICE_SECONDS: String(LAG_NOTICE_S),
      JOBS: 'false',
    });
    const pool = createPool(primaryUrl);
    db = dbOver(pool);
    const probe = dbOver(createPool(standbyUrl, { max: 1, applicationName: 'replica-test' }));
    const standby = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(probe)).rows[0] as T;
    const caughtUp = async () => {
      const lsn = (await sql<{ l: string }>`select pg_current_wal_lsn()::text as l`.execute(db as Db)).rows[0]
        ?.l;
      for (let i = 0; i < 200; i++) {
        const r = await standby(
          sql<{ ok: boolean }>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`,
        );
        if (r.ok) return;
        await sleep(50);
      }
      throw new Error('the standby did not catch up in 10 s');
    };
    const inRecovery = await standby(sql<{ r: boolean }>`select pg_is_in_recovery() as r`);
    check(inRecovery.r === true, 'the standby is a streaming replica in recovery');

    await migrate(db);
    // A region, a unit with its petugas, a Ditjenpas user, and last month's aggregates of the unit.
    const unit = await buildUnit(db, { name: 'Rutan Uji Replika' });
    const pusat = await buildUser(db, { roles: ['pusat'], unit_id: null });
    const petugas = await buildUser(db, { roles: ['petugas'], unit_id: unit.id });
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15))
      .toISOString()
      .slice(0, 7);
    await db.transaction().execute((trx) => refreshUnitMonth(trx, unit.id, month));
    const setParticipants = (n: number) =>
      sql`update rollup_unit_months set participants_total = ${n}
           where unit_id = ${unit.id} and month = ${`${month}-01`}`.execute(db as Db);
    await setParticipants(111);
    await caughtUp();
    say('schema migrated and data written on the primary, replayed on the standby');

    const replica = openReplica(standbyUrl, pool, {
      lagNoticeSeconds: config.databaseReplicaLagNoticeSeconds,
    });
    replicaDb = replica.db;
    app = await buildApp({ db, replica, config });
    await app.ready();
    const signIn = async (username: string) => {
      const c = new Client(app as never);
      await c.get('/login');
      const res = await c.postForm('/login', { username, password: TEST_PASSWORD });
      if (res.statusCode !== 303) throw new Error(`sign-in as ${username}: ${res.statusCode}`);
      await c.refreshCsrf();
      return c;
    };
    const ditjenpas = await signIn(pusat.username);
    const unitStaff = await signIn(petugas.username);
    check(true, 'sign-in (a write: the session row) succeeds through the app');

    type Rollup = {
      total: { participants: { total: number } };
      freshness: { replica_lag_seconds: number | null };
    };
    const rollup = async () => {
      const r = await ditjenpas.json('GET', `/api/v1/rollups?month=${month}`);
      if (r.statusCode !== 200) throw new Error(`/api/v1/rollups: ${r.statusCode} ${r.body}`);
      return r.json() as Rollup;
    };
    const page = async () => (await ditjenpas.get(`/rollups?month=${month}`)).body;

    // 1. Reads on the standby.
    const before = statements(standbyLog).length;
    const first = await rollup();
    const html = await page();
    check(
      first.total.participants.total === 111,
      'the roll-up API answers the replicated figures',
      `participants ${first.total.participants.total}`,
    );
    check(
      /data-testid="rollup-freshness"/.test(html) && !/replika/.test(html),
      'the roll-up page answers, no lag to tell',
    );
    const onStandby = statements(standbyLog).slice(before);
    const appReads = onStandby.filter((s) => s.app === 'simandiri-replica');
    check(
      appReads.some((s) => /rollup_unit_months/.test(s.text)),
      "the roll-up reads ran on the standby, from the app's replica pool",
      `${appReads.length} statements`,
    );
    const ready = (await ditjenpas.get('/readyz')).json() as { status: string; reports?: string };
    check(
      ready.status === 'ready' && ready.reports === 'replica',
      '/readyz: ready, reports read from the replica',
      JSON.stringify(ready),
    );

    // 2. Writes on the primary only.
    const created = await unitStaff.json('POST', '/api/v1/reports', { month });
    check(
      created.statusCode === 201,
      'a write through the app (a monthly report drafted) succeeds',
      String(created.statusCode),
    );
    const reportId = (created.json() as { id: string }).id;
    const onPrimary = await sql<{
      n: number;
    }>`select count(*)::int as n from monthly_reports where id = ${reportId}`.execute(db);
    check(onPrimary.rows[0]?.n === 1, 'the report is on the primary');
    const beforeDraft = statements(standbyLog).length;
    const draft = await unitStaff.json('GET', `/api/v1/reports/${reportId}`);
    const draftReads = statements(standbyLog)
      .slice(beforeDraft)
      .filter((s) => s.app === 'simandiri-replica' && /rollup_programme_months/.test(s.text));
    check(
      draft.statusCode === 200 && draftReads.length > 0,
      "a draft report's live figures are read on the standby",
      `${draft.statusCode}, ${draftReads.length} statements`,
    );
    const primaryWrites = statements(primaryLog).filter(
      (s) => WRITE.test(s.text) && /monthly_reports/.test(s.text),
    );
    check(
      primaryWrites.some((s) => s.app === 'simandiri'),
      "the primary's log has the write, from the app's primary pool",
    );
    const replicaPoolWrites = statements(standbyLog).filter(
      (s) => s.app === 'simandiri-replica' && WRITE.test(s.text),
    );
    check(
      replicaPoolWrites.length === 0,
      'the replica pool never sent a write',
      `${replicaPoolWrites.length} writes`,
    );
    const replicaOnPrimary = statements(primaryLog).filter((s) => s.app === 'simandiri-replica');
    check(replicaOnPrimary.length === 0, 'the replica pool never ran anything on the primary');

    // 3. A lagging standby: replay paused, the primary moves on.
    await standby(sql`select pg_wal_replay_pause()`);
    await setParticipants(222);
    await sleep((LAG_NOTICE_S + 1) * 1000);
    const lagging = await rollup();
    const laggingPage = await page();
    check(
      lagging.total.participants.total === 111,
      'paused standby: the page shows its (old) figures',
      `participants ${lagging.total.participants.total}`,
    );
    check(
      (lagging.freshness.replica_lag_seconds ?? 0) >= LAG_NOTICE_S,
      'paused standby: the API gives the lag',
      `replica_lag_seconds ${lagging.freshness.replica_lag_seconds}`,
    );
    const stamp = /data-testid="rollup-freshness">([^<]*)</.exec(laggingPage)?.[1] ?? '';
    check(
      /Data replika tertinggal \d+ detik dari server utama\./.test(stamp),
      'paused standby: the freshness stamp says so',
      stamp,
    );
    await standby(sql`select pg_wal_replay_resume()`);
    await caughtUp();
    const resumed = await rollup();
    check(
      resumed.total.participants.total === 222 && resumed.freshness.replica_lag_seconds === null,
      'replay resumed: the new figures, no lag',
      `participants ${resumed.total.participants.total}`,
    );

    // 4. The standby stopped: reports read from the primary, the node stays ready.
    await probe.destroy();
    stop(standbyDir);
    const fallback = await ditjenpas.json('GET', `/api/v1/rollups?month=${month}`);
    const fallbackPage = await ditjenpas.get(`/rollups?month=${month}`);
    check(
      fallback.statusCode === 200 &&
        (fallback.json() as Rollup).total.participants.total === 222 &&
        fallbackPage.statusCode === 200,
      'standby stopped: the roll-ups answer from the primary',
      `${fallback.statusCode}`,
    );
    const readyDown = await ditjenpas.get('/readyz');
    check(
      readyDown.statusCode === 200 && (readyDown.json() as { reports?: string }).reports === 'primary',
      '/readyz stays ready, reports read from the primary',
      readyDown.body,
    );
    const work = await unitStaff.json('GET', '/api/v1/reports');
    check(work.statusCode === 200, "the unit's daily work goes on", String(work.statusCode));
  } catch (err) {
    check(false, 'the run itself', err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await app?.close().catch(() => {});
    await replicaDb?.destroy().catch(() => {});
    await db?.destroy().catch(() => {});
    stop(standbyDir);
    stop(primaryDir);
    if (failures.length && process.env.KEEP) process.stdout.write(`logs kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  process.stdout.write(
    failures.length ? `FAILED: ${failures.length} check(s) in ${s} s\n` : `ALL PASSED in ${s} s\n`,
  );
  process.exit(failures.length ? 1 : 0);
}

void main();
