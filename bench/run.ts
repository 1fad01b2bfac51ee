// `npm run bench`: measures the real app on this machine: cold and warm start to ready, memory at
// idle (node and its embedded PostgreSQL), and sign-in and dashboard latency; prints a table. Starts
// are measured as `npm start` runs the app (compiled: dist/main.js) and, for comparison, as it ran
// before issue 15 (tsx compiling src/ at every start): `node --import tsx bench/run.ts --before <dir>`
// takes the "before" from another checkout, such as a worktree of commit 3040de8.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/modules/demo/demo.seed.ts';
import {
  type AppProcess,
  buildApp,
  freePort,
  type MemoryFigures,
  measureMemory,
  type StartMode,
  startApp,
  stopApp,
  stopLeftoverPostgres,
} from './startup.ts';

const USER = 'petugas.magetan';
const REQUESTS = 50;
const IDLE_MS = 3000;
/** Warm starts per mode; the median is reported (the machine may be busy with something else). */
const WARM_RUNS = 3;
const START_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 30_000;
/** When interrupted: a shorter wait, after which the app is killed and its PostgreSQL stopped directly. */
const CLEANUP_STOP_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Cleanup, whatever happens

let dataRoot: string | undefined;
let running: AppProcess | undefined;
let cleaned = false;

async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  if (running) {
    await stopApp(running, CLEANUP_STOP_MS).catch(() => {});
    running = undefined;
  }
  if (dataRoot) {
    for (const mode of ['compiled', 'tsx'])
      await stopLeftoverPostgres(path.join(dataRoot, mode, 'data')).catch(() => {});
    await fs.rm(dataRoot, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the app and removing the bench data...\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// A minimal browser: cookies and the sign-in form's CSRF token

class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  forget(name: string): void {
    this.cookies.delete(name);
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    let body: string | undefined;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text };
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

interface Latency {
  p50: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

function summarise(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
  return {
    p50: rank(50),
    p95: rank(95),
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
    n: s.length,
  };
}

/** REQUESTS sequential sign-ins, then REQUESTS sequential dashboard loads as the signed-in user. */
async function measureLatency(base: string): Promise<{ signIn: Latency; dashboard: Latency }> {
  const browser = new Browser(base);
  const form = await browser.request('GET', '/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (form.status !== 200 || !csrf || !browser.has('sm_anon')) {
    throw new Error(`the sign-in form did not give a CSRF token and sm_anon cookie (status ${form.status})`);
  }
  const signIn: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    // Each sign-in starts anonymous again, as a new visitor with the same form would.
    browser.forget('sm_sid');
    const r = await timed(() =>
      browser.request('POST', '/login', { _csrf: csrf, username: USER, password: DEMO_PASSWORD }),
    );
    if (r.value.status !== 303 || r.value.location !== '/dashboard' || !browser.has('sm_sid')) {
      throw new Error(`sign-in ${i + 1} failed: status ${r.value.status}, location ${r.value.location}`);
    }
    signIn.push(r.ms);
  }
  const dashboard: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await timed(() => browser.request('GET', '/dashboard'));
    if (r.value.status !== 200 || !r.value.text.includes('Magetan')) {
      throw new Error(`dashboard load ${i + 1} failed: status ${r.value.status}`);
    }
    dashboard.push(r.ms);
  }
  return { signIn: summarise(signIn), dashboard: summarise(dashboard) };
}

// ---------------------------------------------------------------------------------------------
// Report

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

function table(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  const v = Math.max(...rows.map(([, x]) => x.length));
  const line = `+${'-'.repeat(w + 2)}+${'-'.repeat(v + 2)}+`;
  const body = rows.map(([k, x]) => (k === '' ? line : `| ${k.padEnd(w)} | ${x.padStart(v)} |`));
  return [line, ...body, line].join('\n');
}

function memoryRows(label: string, m: MemoryFigures): Array<[string, string]> {
  return [
    [`${label}: node process RSS`, mb(m.nodeRssKb)],
    [`${label}: PostgreSQL, ${m.pgProcesses} processes, RSS sum`, mb(m.pgRssKb)],
    [`${label}: PostgreSQL PSS sum (shared memory counted once)`, mb(m.pgPssKb)],
  ];
}

async function cpuModel(): Promise<string> {
  const info = await fs.readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

interface Starts {
  cold: number;
  coldCpu: number;
  coldStop: { ms: number; exit: string };
  warm: number[];
  warmCpu: number[];
  idle: MemoryFigures;
  /** The last warm start, still running, for the caller to use and stop. */
  app: AppProcess;
}

/** A cold start on a new data folder, then WARM_RUNS warm starts on it; the last one is left running. */
async function starts(mode: StartMode, say: (m: string) => void, cwd?: string): Promise<Starts> {
  const root = path.join(dataRoot ?? '', mode);
  await fs.mkdir(root);
  await fs.chmod(root, 0o755);
  const dataDir = path.join(root, 'data');
  const opts = {
    dataDir,
    port: await freePort(),
    pgPort: await freePort(),
    timeoutMs: START_TIMEOUT_MS,
    mode,
    cwd,
    onSpawn: (app: AppProcess) => {
      running = app;
    },
  };
  say(`${mode}: cold start (new DATA_DIR ${dataDir}, port ${opts.port}, PostgreSQL port ${opts.pgPort})...`);
  // Built just before each compiled start (not timed), so the start never includes a rebuild even
  // while someone edits src/ on this machine: users start from an up-to-date build.
  const fresh = async () => {
    if (mode === 'compiled') await buildApp();
  };
  await fresh();
  const cold = await startApp(opts);
  const coldStop = await stopApp(cold.app, STOP_TIMEOUT_MS);
  running = undefined;
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 1; ; i++) {
    say(`${mode}: warm start ${i} of ${WARM_RUNS} (same DATA_DIR)...`);
    await fresh();
    const w = await startApp(opts);
    warm.push(w.readyMs);
    warmCpu.push(w.cpuMs);
    if (i === WARM_RUNS) {
      say(`${mode}: idle ${IDLE_MS / 1000} s...`);
      await sleep(IDLE_MS);
      return {
        cold: cold.readyMs,
        coldCpu: cold.cpuMs,
        coldStop,
        warm,
        warmCpu,
        idle: await measureMemory(w.app),
        app: w.app,
      };
    }
    await stopApp(w.app, STOP_TIMEOUT_MS);
    running = undefined;
  }
}

async function main(): Promise<void> {
  dataRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-bench-'));
  // As root, PostgreSQL runs as user postgres, which must be able to enter the data folder's parents.
  await fs.chmod(dataRoot, 0o755);
  const say = (m: string) => process.stderr.write(`${m}\n`);

  say('npm run build...');
  const buildMs = await buildApp();
  // `--before <checkout>`: the "before" figures from another tree (a worktree of the commit before
  // issue 15, 3040de8), started with tsx as npm start did then; by default this tree under tsx.
  const at = process.argv.indexOf('--before');
  const beforeTree = at > 0 ? path.resolve(process.argv[at + 1] ?? '.') : undefined;
  const before = await starts('tsx', say, beforeTree);
  await stopApp(before.app, STOP_TIMEOUT_MS);
  running = undefined;
  const after = await starts('compiled', say);

  say(`${REQUESTS} sign-ins and ${REQUESTS} dashboard loads as ${USER}...`);
  const latency = await measureLatency(after.app.baseUrl);
  const loaded = await measureMemory(after.app);
  const warmStop = await stopApp(after.app, STOP_TIMEOUT_MS);
  running = undefined;

  const l = (x: Latency) => `p50 ${millis(x.p50)}  p95 ${millis(x.p95)}  max ${millis(x.max)}`;
  const both = (f: (s: Starts) => string) => `${f(before)}  ->  ${f(after)}`;
  const warmText = (s: Starts) =>
    `${seconds(median(s.warm))} (${s.warm.map((x) => (x / 1000).toFixed(2)).join(' ')})`;
  const rows: Array<[string, string]> = [
    ['npm run build (esbuild: src/ -> dist/main.js)', seconds(buildMs)],
    ['', ''],
    [`before (tsx${beforeTree ? `, ${beforeTree}` : ''})  ->  after (compiled, npm start)`, ''],
    ['cold start to ready (initdb, migrate, seed the demo, jobs)', both((s) => seconds(s.cold))],
    ['  node CPU time until ready (hardly depends on other load)', both((s) => seconds(s.coldCpu))],
    [`warm start to ready, median of ${WARM_RUNS} (same DATA_DIR)`, both(warmText)],
    ['  node CPU time until ready, median', both((s) => seconds(median(s.warmCpu)))],
    [`idle ${IDLE_MS / 1000} s after a warm start: node process RSS`, both((s) => mb(s.idle.nodeRssKb))],
    [
      'clean stop after the cold start (SIGTERM to exit)',
      both((s) => `${seconds(s.coldStop.ms)} (exit ${s.coldStop.exit})`),
    ],
    ['', ''],
    ...memoryRows(`compiled, idle ${IDLE_MS / 1000} s after a warm start`, after.idle),
    ['', ''],
    [`sign-in, POST /login (${latency.signIn.n} sequential)`, l(latency.signIn)],
    [`dashboard, GET /dashboard (${latency.dashboard.n} sequential)`, l(latency.dashboard)],
    ['', ''],
    ...memoryRows(`after the ${REQUESTS * 2} requests`, loaded),
    ['clean stop after the requests', `${seconds(warmStop.ms)} (exit ${warmStop.exit})`],
  ];
  process.stdout.write(
    `\nSimandiri bench: node ${process.version}, ${os.platform()} ${os.arch()}, ` +
      `${await cpuModel()} x${os.cpus().length}, ${mb(os.totalmem() / 1024)} RAM, ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} at the end\n${table(rows)}\n`,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
