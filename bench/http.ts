// `npm run bench:http`: issue 15's HTTP benchmark. A data set of a stated size (bench/http-data.ts),
// the app started as an operator starts it (compiled with `npm run build` when the tree has it,
// NODE_ENV=production, DATABASE_URL to the server started here, no demo data), and a bare Fastify
// route in its own process; autocannon drives both through the same scenarios every time, in this
// order: the 200-person roster (API, page), one inmate (API, page), saving 200 marks (one request
// after another, as the page's script sends them), the programme's attendance report (page, API),
// the national attendance overview, the Kanwil and the national roll-up, a unit's dashboard.
// Prints req/s, p50/p95/p99, non-2xx and the ratio to bare Fastify, the data sizes, the machine,
// the app's start and its memory (VmRSS idle before, and after the whole run); --out writes JSON.
//
//   npm run bench:http                                   (workload: 5,000 inmates, ~206,000 marks;
//                                                          a temp folder, generated in about 2 minutes)
//   npm run bench:http -- --data-dir /tmp/workload       (generate once, run again on the same data)
//   npm run bench:http -- --size national --data-dir DIR (bench:rollup's national set, reused)
//   npm run bench:http -- --database-url URL --size national   (a server already running on it)
//   npm run bench:http -- --app-dir /tmp/before          (another tree of the app on the same data)
//   npm run bench:http -- --size national --data-dir DIR --serve --url-file F
//                                      (only start the data's server, write its URL to F, keep it up)
//   npm run bench:http -- --data-dir DIR --prepare      (only generate the data, or add what it lacks)
// Flags: --connections 20 --duration 10 --warmup 3 --timeout 10 --saves 30 --only key,key
//        --start auto|compiled|tsx --log-level LEVEL --encoding 'gzip, deflate, br' --out FILE.json
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { TEST_PASSWORD } from '../test/builders.ts';
import { memoryMb, type Proc, startApp, startBare, startModeOf, stop } from './http-app.ts';
import { openData, SIZES, sizesOf, targetsOf } from './http-data.ts';
import { dropSessions, ensureUser, freshSessions, settle } from './http-fixtures.ts';
import { BROWSER, type Browser, hammer, probe, saveRollCalls, signIn } from './http-load.ts';
import { machine, type Report, type ScenarioResult, table } from './http-report.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'workload' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'app-dir': { type: 'string' },
    start: { type: 'string', default: 'auto' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '10' },
    saves: { type: 'string', default: '30' },
    only: { type: 'string' },
    'log-level': { type: 'string' },
    out: { type: 'string' },
    serve: { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
    'url-file': { type: 'string' },
    encoding: { type: 'string' },
  },
});
const log = (m: string) => process.stderr.write(`${m}\n`);
const num = (name: string, v: string | undefined) => {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new Error(`--${name} must be a number, got ${v}`);
  return x;
};
const sizeName = values.size as keyof typeof SIZES;
const size = SIZES[sizeName];
if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
if (sizeName === 'national' && !values['data-dir'] && !values['database-url'])
  throw new Error(
    '--size national takes an hour to generate: give --data-dir (kept and reused) or --database-url',
  );
const startAsked = values.start as 'auto' | 'compiled' | 'tsx';
if (!['auto', 'compiled', 'tsx'].includes(startAsked))
  throw new Error('--start must be auto, compiled or tsx');
const settings = {
  connections: num('connections', values.connections),
  duration: num('duration', values.duration),
  warmup: num('warmup', values.warmup),
  timeout: num('timeout', values.timeout),
  saves: num('saves', values.saves),
};
const SAVE_WARMUP = 5;
// --encoding '' asks for uncompressed answers (to see what compression costs the node).
if (values.encoding !== undefined) {
  if (values.encoding) BROWSER['accept-encoding'] = values.encoding;
  else delete (BROWSER as Partial<typeof BROWSER>)['accept-encoding'];
}
const ROOT = path.resolve(import.meta.dirname, '..');
const appDir = path.resolve(values['app-dir'] ?? ROOT);
const only = values.only ? new Set(values.only.split(',')) : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const data = await openData({
  size,
  dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : undefined,
  databaseUrl: values['database-url'],
  appDir,
  log,
});
let stopping: Promise<void> | undefined;
const procs: Proc[] = [];
const shutdown = () =>
  (stopping ??= (async () => {
    for (const p of procs) await stop(p).catch(() => {});
    await data.close();
  })());
for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.once(s, () => {
    void shutdown().then(() => process.exit(130));
  });

try {
  if (values.serve) await serve();
  else if (!values.prepare) await bench();
} finally {
  await shutdown();
}

/** --serve: the data's server only, its URL written for others (EXPLAIN), up until a signal. */
async function serve(): Promise<void> {
  if (values['url-file']) await fs.writeFile(values['url-file'], `${data.url}\n`, { mode: 0o600 });
  log(`serving ${values['url-file'] ? `(URL in ${values['url-file']})` : data.url} until SIGTERM or Ctrl+C`);
  await new Promise<void>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve());
  });
}

function commitOf(dir: string): string {
  try {
    const head = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no', 'src'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

async function bench(): Promise<void> {
  const startedAt = new Date().toISOString();
  const m = machine();
  const { db } = data;
  // Every run starts from vacuumed tables (the visibility map set, as autovacuum keeps a live
  // database): rows just generated, or left dead by the last run's save scenario, would otherwise
  // turn the reports' index-only scans into a heap fetch per mark.
  log('vacuum (analyze) of the attendance tables...');
  await sql`vacuum (analyze) attendance_marks, enrolments, programme_sessions, batch_submissions`.execute(db);
  const t = await targetsOf(db);
  await ensureUser(db, 'bench.http.petugas', { roles: ['petugas'], unit: t.unitId });
  await ensureUser(db, 'bench.http.kanwil', { roles: ['kanwil'], kanwil: t.kanwilId });
  await ensureUser(db, 'bench.http.pusat', { roles: ['pusat'] });
  // The national attendance overview lists programmes, which only a national administrator reads.
  await ensureUser(db, 'bench.http.admin', { roles: ['admin'] });

  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-bench-http-'));
  const mode = await startModeOf(appDir, startAsked);
  log(
    `starting the app: ${mode === 'compiled' ? 'compiled (npm run build, then node dist/main.js)' : 'tsx (node --import tsx src/main.ts): no build script in its package.json'} from ${appDir}`,
  );
  const app = await startApp({
    appDir,
    mode,
    databaseUrl: data.url,
    workDir,
    logLevel: values['log-level'],
    timeoutMs: 900_000,
  });
  procs.push(app);
  log(`app ready in ${(app.readyMs / 1000).toFixed(2)} s (pid ${app.pid}, log ${app.logFile})`);
  // Sizes after the app's start: its migrations have run.
  const sizes = await sizesOf(db);
  await sleep(3000);
  const idle = await memoryMb(app.pid);

  const bare = await startBare(workDir);
  procs.push(bare);
  const lim = {
    connections: settings.connections,
    duration: settings.duration,
    warmup: settings.warmup,
    timeout: settings.timeout,
  };
  log(`bare Fastify: ${settings.warmup} s warm-up, ${settings.duration} s measured...`);
  const bareFigures = await hammer({ url: `${bare.url}/`, headers: {}, ...lim });
  await stop(bare);

  const petugas = await signIn(app.url, 'bench.http.petugas', TEST_PASSWORD);
  const kanwil = await signIn(app.url, 'bench.http.kanwil', TEST_PASSWORD);
  const pusat = await signIn(app.url, 'bench.http.pusat', TEST_PASSWORD);
  const admin = await signIn(app.url, 'bench.http.admin', TEST_PASSWORD);
  const JSON_ = { accept: 'application/json' };
  const HTML = { accept: 'text/html,application/xhtml+xml' };
  const month = `?month=${t.month}`;
  const scenarios: Array<{
    key: string;
    label: string;
    who: [string, Browser];
    path: string;
    accept: Record<string, string>;
  }> = [
    {
      key: 'roster-api',
      label: `roster API (${t.sessionMarks} people)`,
      who: ['petugas', petugas],
      path: `/api/v1/sessions/${t.sessionId}/attendance`,
      accept: JSON_,
    },
    {
      key: 'roster-html',
      label: `roster page (${t.sessionMarks} people)`,
      who: ['petugas', petugas],
      path: `/sessions/${t.sessionId}/attendance`,
      accept: HTML,
    },
    {
      key: 'inmate-api',
      label: 'inmate API',
      who: ['petugas', petugas],
      path: `/api/v1/inmates/${t.inmateId}`,
      accept: JSON_,
    },
    {
      key: 'inmate-html',
      label: 'inmate page',
      who: ['petugas', petugas],
      path: `/inmates/${t.inmateId}`,
      accept: HTML,
    },
    {
      key: 'save-marks',
      label: `save ${t.participants} marks (sequential)`,
      who: ['petugas', petugas],
      path: '/api/v1/sessions/:id/attendance',
      accept: JSON_,
    },
    {
      key: 'report-html',
      label: 'programme attendance report page',
      who: ['petugas', petugas],
      path: `/attendance-reports/programmes/${t.programmeId}`,
      accept: HTML,
    },
    {
      key: 'report-api',
      label: 'programme attendance summary API',
      who: ['petugas', petugas],
      path: `/api/v1/programmes/${t.programmeId}/attendance-summary`,
      accept: JSON_,
    },
    {
      key: 'overview-national',
      label: 'attendance overview, national',
      who: ['admin', admin],
      path: '/attendance-reports',
      accept: HTML,
    },
    {
      key: 'rollup-kanwil',
      label: 'Kanwil roll-up page',
      who: ['kanwil', kanwil],
      path: `/rollups${month}`,
      accept: HTML,
    },
    {
      key: 'rollup-national',
      label: 'national roll-up page',
      who: ['pusat', pusat],
      path: `/rollups${month}`,
      accept: HTML,
    },
    {
      key: 'dashboard',
      label: 'unit dashboard',
      who: ['petugas', petugas],
      path: '/dashboard',
      accept: HTML,
    },
  ];
  const meOf = (b: Browser) => ({ url: `${app.url}/api/v1/me`, cookie: b.cookie });
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    if (only && !only.has(s.key)) continue;
    await settle(db, meOf(petugas));
    const [as, who] = s.who;
    if (s.key === 'save-marks') {
      const ids = await freshSessions(db, t, settings.saves + SAVE_WARMUP);
      log(`${s.label}: ${SAVE_WARMUP} warm-up + ${settings.saves} saves, each to a new session of today...`);
      try {
        const f = await saveRollCalls({ base: app.url, who, sessionIds: ids, warmup: SAVE_WARMUP });
        results.push({
          key: s.key,
          label: `save ${f.marks} marks (sequential)`,
          as,
          method: 'POST',
          path: s.path,
          connections: 1,
          probe: null,
          figures: f,
          ratioToBare: null,
          ...(f.refused.length ? { note: f.refused.join(' | ') } : {}),
        });
      } finally {
        await dropSessions(db, ids, log);
      }
      continue;
    }
    const url = `${app.url}${s.path}`;
    const p = await probe(url, who);
    if (p.status !== 200)
      log(`WARNING ${s.key}: ${s.path} answers HTTP ${p.status}: ${p.body.slice(0, 200)}`);
    log(`${s.label} (${as}) ${s.path}: ${(p.wireBytes / 1024).toFixed(1)} KB on the wire; load...`);
    const f = await hammer({ url, headers: { cookie: who.cookie, ...BROWSER, ...s.accept }, ...lim });
    results.push({
      key: s.key,
      label: s.label,
      as,
      method: 'GET',
      path: s.path,
      connections: settings.connections,
      probe: { status: p.status, rawBytes: p.rawBytes, wireBytes: p.wireBytes },
      figures: f,
      ratioToBare: bareFigures.rps > 0 ? f.rps / bareFigures.rps : null,
      ...(f.requests === 0
        ? {
            note: `no request completed in the ${settings.duration} s window (${settings.connections} connections)`,
          }
        : {}),
    });
    log(
      `  ${f.rps.toFixed(1)} req/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, non-2xx ${f.non2xx}, errors ${f.errors}`,
    );
  }
  await settle(db, meOf(petugas));
  await sleep(4000);
  const after = await memoryMb(app.pid);
  await stop(app);

  const report: Report = {
    harness: 'bench/http.ts',
    command: `npm run bench:http -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt,
    finishedAt: new Date().toISOString(),
    size: sizeName,
    settings,
    machine: { ...m, loadAfter: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    app: {
      dir: appDir,
      commit: commitOf(appDir),
      start: app.mode,
      command: app.command,
      buildSeconds: app.buildMs === null ? null : app.buildMs / 1000,
      readySeconds: app.readyMs / 1000,
      idleRssMb: idle.rss,
      afterRssMb: after.rss,
      peakRssMb: after.peak,
    },
    data: {
      ...sizes,
      participants: t.participants,
      heldSessions: t.heldSessions,
      sessionMarks: t.sessionMarks,
      sessionDay: t.sessionDay,
      month: t.month,
    },
    bare: bareFigures,
    scenarios: results,
  };
  process.stdout.write(`\n${table(report)}\n`);
  if (values.out) {
    await fs.writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
    log(`written to ${values.out}`);
  }
  if (results.some((x) => x.figures.non2xx + x.figures.errors > 0))
    log(`some requests failed: the app's log is kept in ${app.logFile}`);
  else await fs.rm(workDir, { recursive: true, force: true });
}
