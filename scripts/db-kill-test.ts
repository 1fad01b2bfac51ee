// `npm run test:db-kill`: the app must outlive its database. Starts the real app (node src/main.ts)
// on a fresh embedded PostgreSQL, drives a bounded load of API and page requests on loopback, kills
// the postmaster with SIGKILL in the middle and checks: node never exits, requests during the
// outage get a clean 503 (never a 500 or a reset connection), the app restarts the database and
// recovers within RECOVERY_LIMIT_S, and every write answered 2xx is still there afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/ports.ts';

const root = path.resolve(import.meta.dirname, '..');
const LOAD_S = Number(process.env.DB_KILL_LOAD_S ?? 20);
const KILL_AT_S = Number(process.env.DB_KILL_AT_S ?? 6);
const CONCURRENCY = 4;
const MAX_REQUESTS = 600;
/** From the kill to the first successful read of the database through the app. */
const RECOVERY_LIMIT_S = 45;
const ADMIN_PASSWORD = 'db-kill-test-password';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  /** Seconds from the start of the load: when the request was sent, and when its answer came. */
  at: number;
  done: number;
  kind: 'write' | 'read-api' | 'read-page';
  status: number; // 0: no HTTP answer (connection refused or reset)
  code?: string;
  transport?: string;
}

class Http {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  async send(method: string, url: string, opts: { json?: unknown; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { origin: this.base, 'accept-language': 'en' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    } else if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + url, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
  }
}

function transportError(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? (err instanceof Error ? err.name : String(err));
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-db-kill-'));
  await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'app.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code ${code}, signal ${signal}`;
  });

  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);
  try {
    // ---- start and prepare: a token, a regional office and a unit to add partners to
    const started = Date.now();
    while (!exited) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - started > 180_000) throw new Error('the app did not become ready within 180 s');
      await sleep(250);
    }
    if (exited) throw new Error(`the app exited while starting (${exited})`);
    const browser = new Http(base);
    const loginPage = await browser.send('GET', '/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.text)?.[1] ?? '';
    const signIn = await browser.send('POST', '/login', {
      form: { _csrf: csrf, username: 'admin', password: ADMIN_PASSWORD },
    });
    if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
    const account = await browser.send('GET', '/account');
    const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(account.text)?.[1] ?? '';
    const tokenRes = await fetch(`${base}/api/v1/me/tokens`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': sessionCsrf,
        origin: base,
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: JSON.stringify({ name: 'db-kill-test' }),
    });
    if (tokenRes.status !== 201) throw new Error(`token creation answered ${tokenRes.status}`);
    const api = new Http(base, ((await tokenRes.json()) as { token: string }).token);
    const kanwil = await api.send('POST', '/api/v1/kanwil', {
      json: { code: 'KW-KILL', name: 'Kanwil Uji', province: 'Jawa Timur', timezone: 'Asia/Jakarta' },
    });
    if (kanwil.status !== 201) throw new Error(`kanwil creation answered ${kanwil.status}: ${kanwil.text}`);
    const unit = await api.send('POST', '/api/v1/units', {
      json: {
        kanwil_id: (JSON.parse(kanwil.text) as { id: string }).id,
        code: 'U-KILL',
        type: 'lapas',
        class: 'IIA',
        name: 'Lapas Uji',
        timezone: 'Asia/Jakarta',
      },
    });
    if (unit.status !== 201) throw new Error(`unit creation answered ${unit.status}: ${unit.text}`);
    const unitId = (JSON.parse(unit.text) as { id: string }).id;

    // ---- load, with the kill in the middle and a readiness probe alongside
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    const t0 = Date.now();
    const elapsed = () => (Date.now() - t0) / 1000;
    let killAt = Number.NaN;
    let postmasterPid = 0;
    let firstReadyAfterKill = Number.NaN;
    let sent = 0;
    let seq = 0;
    const ready: Array<{ at: number; status: number }> = [];

    const probe = (async () => {
      while (elapsed() < LOAD_S + RECOVERY_LIMIT_S) {
        const status = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.status,
          () => 0,
        );
        ready.push({ at: elapsed(), status });
        if (status === 200 && elapsed() > killAt && Number.isNaN(firstReadyAfterKill)) {
          firstReadyAfterKill = elapsed();
        }
        if (!Number.isNaN(firstReadyAfterKill) && elapsed() > LOAD_S) return;
        await sleep(200);
      }
    })();

    const killer = (async () => {
      await sleep(KILL_AT_S * 1000);
      postmasterPid = Number(
        (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0],
      );
      killAt = elapsed();
      process.kill(postmasterPid, 'SIGKILL');
      console.log(
        `killed the embedded postmaster (pid ${postmasterPid}) with SIGKILL at ${killAt.toFixed(1)} s`,
      );
    })();

    const worker = async (w: number) => {
      for (let i = 0; elapsed() < LOAD_S && sent < MAX_REQUESTS; i++) {
        sent++;
        const kind: Outcome['kind'] = i % 2 === 0 ? 'write' : i % 4 === 1 ? 'read-api' : 'read-page';
        const at = elapsed();
        try {
          if (kind === 'write') {
            const name = `Mitra ${w}-${++seq}`;
            const r = await api.send('POST', '/api/v1/partners', {
              json: { unit_id: unitId, type: 'company', legal_name: name },
            });
            const body = r.type.includes('json') ? (JSON.parse(r.text) as Record<string, unknown>) : {};
            if (r.status === 201) acknowledged.push(String(body.id));
            const code = (body.error as { code?: string; message?: string } | undefined)?.code;
            outcomes.push({ at, done: elapsed(), kind, status: r.status, ...(code ? { code } : {}) });
            checkBody(r, kind);
          } else if (kind === 'read-api') {
            const r = await api.send('GET', '/api/v1/partners?q=Mitra');
            const code = r.type.includes('json')
              ? (JSON.parse(r.text) as { error?: { code?: string } }).error?.code
              : undefined;
            outcomes.push({ at, done: elapsed(), kind, status: r.status, ...(code ? { code } : {}) });
            checkBody(r, kind);
          } else {
            const r = await browser.send('GET', '/partners');
            outcomes.push({ at, done: elapsed(), kind, status: r.status });
            checkBody(r, kind);
          }
        } catch (err) {
          outcomes.push({ at, done: elapsed(), kind, status: 0, transport: transportError(err) });
        }
        await sleep(60);
      }
    };
    const checkBody = (r: { status: number; text: string; type: string }, kind: string) => {
      if (r.status !== 503) return;
      if (/postmaster|ECONN|terminat|pg-pool|node_modules|at .*\.ts:/i.test(r.text)) {
        fail(`a 503 to ${kind} carries an internal message: ${r.text.slice(0, 200)}`);
      }
      if (kind === 'read-page' && !(r.type.includes('text/html') && r.text.includes('data-status="503"'))) {
        fail('a page request got a 503 that is not the error page');
      }
      if (kind !== 'read-page' && !/"code":"db\.unavailable"/.test(r.text)) {
        fail(`an API 503 without the code db.unavailable: ${r.text.slice(0, 200)}`);
      }
    };
    await Promise.all([killer, ...Array.from({ length: CONCURRENCY }, (_, w) => worker(w))]);
    await probe;

    // ---- after the load: every acknowledged write must be there
    const missing: string[] = [];
    for (const id of acknowledged) {
      const r = await api.send('GET', `/api/v1/partners/${id}`);
      if (r.status !== 200) missing.push(`${id} (${r.status})`);
    }
    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    const afterKill = outcomes.filter((o) => o.at >= killAt);
    const outageEnd = Number.isNaN(firstReadyAfterKill) ? Number.POSITIVE_INFINITY : firstReadyAfterKill;
    const recovery = firstReadyAfterKill - killAt;
    const writesAfterRecovery = count((o) => o.kind === 'write' && o.at > outageEnd && o.status === 201);
    // The app's own account: what it said about the database, and whether it logged any error.
    const appLog = (await fs.readFile(logFile, 'utf8')).split('\n');
    const errorLines = appLog.filter((l) => /"level":(50|60)/.test(l));
    console.log("the app's account of the outage:");
    for (const l of appLog) {
      if (/^\[simandiri\] (WARNING|embedded PostgreSQL restarted|removed|waiting|ending)/.test(l)) {
        console.log(`  ${l}`);
      }
      if (l.includes('job queue waiting for the database'))
        console.log('  (job queue) waiting for the database');
    }
    const figures = {
      requests: outcomes.length,
      ok_2xx: count((o) => o.status >= 200 && o.status < 400),
      unavailable_503: count((o) => o.status === 503),
      server_errors_other: count((o) => o.status >= 500 && o.status !== 503),
      client_errors_4xx: count((o) => o.status >= 400 && o.status < 500),
      no_answer: count((o) => o.status === 0),
      writes_acknowledged: acknowledged.length,
      writes_missing_after_recovery: missing.length,
      writes_after_recovery: writesAfterRecovery,
      readyz_503_probes: ready.filter((p) => p.status === 503).length,
      error_log_lines: errorLines.length,
      killed_at_s: Number(killAt.toFixed(1)),
      recovery_s: Number(recovery.toFixed(1)),
    };
    console.log(
      `figures (recovery limit ${RECOVERY_LIMIT_S} s, ${CONCURRENCY} clients, ${LOAD_S} s of load):`,
    );
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(30)} ${v}`);

    if (exited) fail(`the app exited during the test (${exited})`);
    if (errorLines.length)
      fail(`the app logged ${errorLines.length} errors: ${errorLines[0]?.slice(0, 300)}`);
    if (Number.isNaN(killAt)) fail('the postmaster was never killed');
    if (!(recovery <= RECOVERY_LIMIT_S)) fail(`no recovery within ${RECOVERY_LIMIT_S} s of the kill`);
    if (figures.server_errors_other) fail(`${figures.server_errors_other} answers were 5xx other than 503`);
    if (figures.client_errors_4xx)
      fail(`${figures.client_errors_4xx} answers were 4xx (the load sends valid requests)`);
    // Only requests already in flight when the database died may lose their connection.
    if (figures.no_answer > CONCURRENCY) fail(`${figures.no_answer} requests got no HTTP answer`);
    if (figures.unavailable_503 + figures.readyz_503_probes === 0) fail('the outage was never seen (no 503)');
    if (count((o) => o.status === 503 && o.done < killAt)) fail('503 answers before the database was killed');
    if (!writesAfterRecovery) fail('no write succeeded after recovery');
    if (missing.length) fail(`acknowledged writes missing after recovery: ${missing.join(', ')}`);
    if (!afterKill.length) fail('no request was sent after the kill');
  } catch (err) {
    if (exited) fail(`the app exited during the test (${exited})`);
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(30_000)]);
      if (!exited) child.kill('SIGKILL');
    }
  }
  if (failures.length) {
    console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
    console.error(`\nlast lines of the app's log (${logFile}):`);
    console.error((await fs.readFile(logFile, 'utf8')).split('\n').slice(-40).join('\n').slice(-8000));
    process.exit(1);
  }
  await fs.rm(dataDir, { recursive: true, force: true });
  console.log('\nok: the app outlived its database and lost no acknowledged write');
}

await main();
