// Processes for bench/http.ts: the app started as an operator starts it (compiled when its tree has
// `npm run build`, else through tsx, and saying which), the bare Fastify route, and their memory
// read from /proc. The app gets production settings and DATABASE_URL, never the caller's own.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './startup.ts';

export type StartMode = 'compiled' | 'tsx';

export interface Proc {
  pid: number;
  url: string;
  child: ChildProcess;
  exited: Promise<string>;
  /** How it was started, for the report: the command line and the mode. */
  command: string;
  mode: StartMode | 'bare';
  readyMs: number;
  buildMs: number | null;
  logFile: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function kb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const text = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m?.[1] ? Number(m[1]) : 0;
}
/** Resident memory now, and the peak since the process started, in MB. */
export async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  return { rss: (await kb(pid, 'VmRSS')) / 1024, peak: (await kb(pid, 'VmHWM')) / 1024 };
}

/** The start the app's tree offers: compiled when its package.json has a build script. */
export async function startModeOf(appDir: string, asked: 'auto' | StartMode): Promise<StartMode> {
  if (asked !== 'auto') return asked;
  const pkg = JSON.parse(await fs.readFile(path.join(appDir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return pkg.scripts?.build ? 'compiled' : 'tsx';
}

function spawnLogged(cmd: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv; log: string }) {
  const out = openSync(o.log, 'a');
  const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', out, out] });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  if (child.pid === undefined) throw new Error(`could not spawn ${cmd}`);
  return { child, exited, pid: child.pid };
}

const tail = async (file: string) =>
  (await fs.readFile(file, 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');

async function waitReady(url: string, exited: Promise<string>, timeoutMs: number, log: string) {
  let gone: string | null = null;
  void exited.then((x) => {
    gone = x;
  });
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (gone !== null)
      throw new Error(`the process exited (${gone}) before it was ready:\n${await tail(log)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // Not listening yet.
    }
    await sleep(25);
  }
  throw new Error(`not ready within ${timeoutMs / 1000} s:\n${await tail(log)}`);
}

/**
 * Builds (compiled mode: `npm run build` in the app's tree, timed) and starts the app on a free
 * port with NODE_ENV=production, the given DATABASE_URL, demo seeding off and a scratch DATA_DIR;
 * resolves once /readyz answers 200. Its output goes to a log file in `workDir`.
 */
export async function startApp(o: {
  appDir: string;
  mode: StartMode;
  databaseUrl: string;
  workDir: string;
  logLevel?: string | undefined;
  timeoutMs: number;
}): Promise<Proc> {
  const log = path.join(o.workDir, 'app.log');
  let buildMs: number | null = null;
  if (o.mode === 'compiled') {
    const t0 = performance.now();
    const b = spawnSync('npm', ['run', 'build'], { cwd: o.appDir, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`npm run build failed in ${o.appDir}:\n${b.stdout}\n${b.stderr}`);
    buildMs = performance.now() - t0;
    if (!existsSync(path.join(o.appDir, 'dist/main.js')))
      throw new Error(`npm run build made no dist/main.js in ${o.appDir}`);
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: o.databaseUrl,
    DATA_DIR: path.join(o.workDir, 'data'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    ...(o.logLevel ? { LOG_LEVEL: o.logLevel } : {}),
  };
  const args = o.mode === 'compiled' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const t0 = performance.now();
  const p = spawnLogged(process.execPath, args, { cwd: o.appDir, env, log });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, p.exited, o.timeoutMs, log).catch((err) => {
    p.child.kill('SIGKILL');
    throw err;
  });
  return {
    ...p,
    url,
    command: `node ${args.join(' ')}`,
    mode: o.mode,
    readyMs: performance.now() - t0,
    buildMs,
    logFile: log,
  };
}

/** The bare Fastify route (bench/http-bare.ts) in its own process. */
export async function startBare(workDir: string): Promise<Proc> {
  const port = await freePort();
  const log = path.join(workDir, 'bare.log');
  const script = path.join(import.meta.dirname, 'http-bare.ts');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), NODE_ENV: 'production' };
  const t0 = performance.now();
  const p = spawnLogged(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env,
    log,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/`, p.exited, 30_000, log);
  return {
    ...p,
    url,
    command: 'node --import tsx bench/http-bare.ts',
    mode: 'bare',
    readyMs: performance.now() - t0,
    buildMs: null,
    logFile: log,
  };
}

/** SIGTERM, then SIGKILL after `ms`. */
export async function stop(p: Proc, ms = 20_000): Promise<string> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.exited;
  p.child.kill('SIGTERM');
  const out = await Promise.race([p.exited, sleep(ms).then(() => 'timeout')]);
  if (out !== 'timeout') return out;
  p.child.kill('SIGKILL');
  return p.exited;
}
