// The app outlives its database: the embedded PostgreSQL killed with SIGKILL under the running app
// (with its job queue) is noticed, requests meanwhile get a clean 503 in the user's language, and
// the server is started again by itself, with no acknowledged write lost.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildUnit, buildUser } from '../../test/builders.ts';
import { freePort } from '../../test/ports.ts';
import { loadConfig } from '../app/config.ts';
import type { App } from '../app/http.ts';
import { translator } from '../app/i18n.ts';
import { systemPrincipal } from '../app/principal.ts';
import { type Jobs, startJobs } from '../jobs.ts';
import { createToken } from '../modules/account/account.service.ts';
import { buildApp } from '../server.ts';
import { createDb, type Db } from './database.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('when the embedded PostgreSQL dies under the running app', () => {
  let dataDir: string;
  let server: EmbeddedServer;
  let db: Db;
  let app: App;
  let jobs: Jobs;
  let token = '';
  let unitId: string;
  let killedPid = 0;
  let unrelated: ChildProcess | undefined;
  const messages: string[] = [];
  const jobErrors: unknown[] = [];
  const acknowledged: string[] = [];

  /** A request with the administrator's API token, in English unless told otherwise. */
  const call = (method: 'GET' | 'POST', url: string, opts: { json?: unknown; lang?: string } = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-language': opts.lang ?? 'en' },
      ...(opts.json === undefined ? {} : { payload: opts.json as object }),
    });
  const addPartner = (name: string) =>
    call('POST', '/api/v1/partners', { json: { unit_id: unitId, type: 'company', legal_name: name } });
  const pidFile = () => path.join(dataDir, 'pg', 'postmaster.pid');
  const ready = async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-outage-'));
    await fs.chmod(dataDir, 0o755);
    const log = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(m) };
    server = await startEmbeddedPostgres({ dataDir, port: await freePort(), log, restart: true });
    db = createDb(server.url, { max: 5 });
    await migrate(db);
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
    app = await buildApp({ db, config });
    await app.ready();
    jobs = await startJobs({
      url: server.url,
      db,
      config,
      log: { info() {}, warn() {}, error: (o) => jobErrors.push(o) },
    });
    const admin = await buildUser(db, { roles: ['admin'] });
    unitId = (await buildUnit(db)).id;
    const who = {
      ...systemPrincipal(admin.username),
      id: admin.id,
      actor: { userId: admin.id, name: admin.username },
    };
    ({ token } = await createToken({ db, now: new Date(), who }, { name: 'outage test' }));
  });

  after(async () => {
    unrelated?.kill('SIGKILL');
    await jobs?.stop().catch(() => {});
    await app?.close();
    await db?.destroy();
    await server?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test('before the crash, writes are acknowledged and readiness says ready', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await addPartner(`PT Sebelum ${i}`);
      assert.equal(res.statusCode, 201, res.body);
      acknowledged.push(res.json().id);
    }
    assert.equal(await ready(), 200);
  });

  test('while the database is down the process lives on: readiness and requests answer 503, cleanly', async () => {
    // As an operator would: kill -9 the pid in postmaster.pid.
    const lines = readFileSync(pidFile(), 'utf8').split('\n');
    killedPid = Number(lines[0]);
    // Another program then holds the pid the dead server's postmaster.pid names (pid reuse), the
    // case where PostgreSQL would refuse to start on its own: the restart must clear it.
    unrelated = spawn('sleep', ['300'], { stdio: 'ignore' });
    process.kill(killedPid, 'SIGKILL');
    writeFileSync(pidFile(), [String(unrelated.pid), ...lines.slice(1)].join('\n'));

    await until('readiness turns 503', async () => ((await ready()) === 503 ? true : undefined), 10_000);
    const apiRes = await call('GET', '/api/v1/partners');
    assert.equal(apiRes.statusCode, 503);
    const body = apiRes.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'db.unavailable');
    assert.equal(body.error.message, translator('en')('err.dbUnavailable'));
    assert.doesNotMatch(apiRes.body, /postmaster|ECONN|terminat|stack|\.ts:/i);
    assert.equal(apiRes.headers['retry-after'], '5');

    const write = await addPartner('PT Selama Padam');
    assert.equal(write.statusCode, 503, 'a write while the database is away is refused, not half-done');

    const signIn = await app.inject({ method: 'GET', url: '/login' });
    assert.equal(signIn.statusCode, 200, 'a page that needs no database still renders');
    const userPage = await call('GET', '/partners', { lang: 'id' });
    assert.equal(userPage.statusCode, 503);
    assert.match(String(userPage.headers['content-type']), /text\/html/);
    assert.ok(userPage.body.includes(translator('id')('err.dbUnavailable')), 'the page speaks Indonesian');
  });

  test('the server is started again by itself, readiness returns, and no acknowledged write is lost', async () => {
    await until('readiness returns', async () => ((await ready()) === 200 ? true : undefined), 60_000);
    const pid = Number(readFileSync(pidFile(), 'utf8').split('\n')[0]);
    assert.ok(pid !== killedPid && pid !== unrelated?.pid, 'a new postmaster runs');
    assert.ok(
      messages.some((m) => /stopped unexpectedly \(SIGKILL\)/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /restarted in/.test(m)),
      messages.join('\n'),
    );
    const res = await addPartner('PT Sesudah');
    assert.equal(res.statusCode, 201, res.body);
    acknowledged.push(res.json().id);
    for (const id of acknowledged) {
      assert.equal((await call('GET', `/api/v1/partners/${id}`)).statusCode, 200, `partner ${id} is kept`);
    }
    assert.deepEqual(jobErrors, [], 'the job queue saw only the outage, which is not an error');
  });
});
