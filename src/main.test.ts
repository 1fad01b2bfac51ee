// The real entry point as `npm start` runs it (scripts/start.js: the compiled bundle in dist/, built
// first when a source is newer): starts on an existing database, serves, and on SIGTERM finishes and
// exits cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDb, type TestDb } from '../test/db.ts';
import { DEMO_PASSWORD } from './modules/demo/demo.accounts.ts';

const running = new Set<import('node:child_process').ChildProcess>();
// A failed assertion must not leave an app running and the test file waiting on it forever.
after(() => {
  for (const c of running) c.kill('SIGKILL');
});

async function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'scripts', 'start.js')], {
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const proc = { child, out: '' };
  child.stdout.on('data', (d: Buffer) => {
    proc.out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    proc.out += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready at (http:\/\/[^\s]+)/.exec(proc.out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${proc.out}`));
    });
  });
  /** Sends the signal and waits for the exit code; an app still running after 30 s is a failure. */
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
    const r = await Promise.race([exited, timeout]);
    if (r === 'timeout') {
      child.kill('SIGKILL');
      throw new Error(`the app did not stop within 30 s of ${signal}:\n${proc.out}`);
    }
    return r;
  };
  return {
    ...proc,
    get out() {
      return proc.out;
    },
    url,
    stop,
  };
}

/** Cookies of one visitor, kept across requests. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    keep(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    },
  };
}

/**
 * What the bundle in dist/ reads from disk at run time, found from there: public/ (the stylesheet,
 * the service worker), an installed package's file (the chart library), the PDF fonts, a workbook.
 */
async function filesFoundFromTheBundle(url: string) {
  const visitor = jar();
  const get = async (p: string) => {
    const res = await fetch(`${url}${p}`, { headers: { cookie: visitor.header() }, redirect: 'manual' });
    visitor.keep(res);
    return res;
  };
  const login = await get('/login');
  const html = await login.text();
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(css, 'the sign-in page links its stylesheet');
  assert.equal((await get(css)).status, 200, css);
  assert.equal((await get('/sw.js')).status, 200);
  assert.equal((await get('/vendor/chart.umd.js')).status, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const signIn = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { cookie: visitor.header(), 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ _csrf: csrf, username: 'petugas.magetan', password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  visitor.keep(signIn);
  assert.equal(signIn.status, 303, 'the demo petugas signs in');
  const sale = /href="\/sales\/([0-9a-f-]{36})"/.exec(await (await get('/sales')).text())?.[1];
  assert.ok(sale, 'the demo has a sale');
  const pdf = await get(`/sales/${sale}/receipt.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  const xlsx = await get('/production-reports/stock.xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(
    Buffer.from(await xlsx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
    'PK',
  );
}

describe('npm start (compiled) on DATABASE_URL', () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb({ fromTemplate: false });
  });
  after(() => t.drop());

  test('migrates, creates the first admin, seeds the demo, serves, and shuts down gracefully on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    const app = await startMain({ DATABASE_URL: t.url, SEED_DEMO: 'true' });
    const out = app.out;
    const url = app.url;
    assert.match(out, /migrations applied: 0001_foundation/);
    assert.match(out, /first administrator "admin" created with one-time password: \S+/);
    assert.match(out, /demo data: \d+ records added/);
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    await filesFoundFromTheBundle(url);
    assert.equal(await app.stop(), 0);
    assert.match(app.out, /SIGTERM received, shutting down/);
    assert.doesNotMatch(app.out, /Simandiri#2026/, 'the demo password is never printed');
  });
});

describe('npm start (compiled) with the embedded PostgreSQL', () => {
  const dataDir = path.join(import.meta.dirname, '..', 'tmp', `main-test-${process.pid}`);
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('the first start creates the database, Ctrl+C stops it, the next start reuses it', {
    timeout: 180_000,
  }, async () => {
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(40000 + (process.pid % 20000)),
      SEED_DEMO: 'false',
      ADMIN_PASSWORD: 'admin-uji-12345',
    };
    const first = await startMain(env);
    assert.match(first.out, /embedded PostgreSQL created/);
    assert.equal((await fetch(`${first.url}/readyz`)).status, 200);
    assert.equal(await first.stop('SIGINT'), 0);
    assert.equal(
      existsSync(path.join(dataDir, 'pg', 'postmaster.pid')),
      false,
      'PostgreSQL stopped with the app',
    );
    const second = await startMain(env);
    assert.match(second.out, /embedded PostgreSQL started/);
    assert.doesNotMatch(second.out, /first administrator/);
    assert.equal(await second.stop(), 0);
  });
});
