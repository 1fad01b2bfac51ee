// Runs the real app as its own process on a private data folder and observes it from outside, as an
// operator would: time to ready, clean stop, memory use. `compiled` is `npm start` (scripts/start.js
// running the bundle in dist/, built beforehand with `buildApp`); `tsx` is how `npm start` ran before
// issue 15 (`node --import tsx src/main.ts`, compiling TypeScript at every start), for comparison.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SETTINGS } from '../src/app/config.ts';

export { freePort } from '../test/ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT_KEEP = 200;

export interface AppProcess {
  pid: number;
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has gone. */
  exited: Promise<string>;
  /** The last lines the app printed, for explaining a failure. */
  output(): string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type StartMode = 'compiled' | 'tsx';

const COMMAND: Record<StartMode, string[]> = {
  compiled: ['scripts/start.js'],
  tsx: ['--import', 'tsx', 'src/main.ts'],
};

/** `npm run build` (dist/main.js), so a compiled start measures starting, not building; its ms. */
export async function buildApp(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/build.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
  return performance.now() - t0;
}

/**
 * The app's environment: none of the caller's Simandiri settings leak in, only the bench's own:
 * production settings, as an operator runs it, with the demo (which production leaves off).
 */
function appEnv(opts: { dataDir: string; port: number; pgPort: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name] of SETTINGS) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    // The bench's client talks plain HTTP on the loopback.
    COOKIE_SECURE: 'false',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    DATA_DIR: opts.dataDir,
    EMBEDDED_PG_PORT: String(opts.pgPort),
    JOBS: 'true',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'info',
  };
}

/** Spawns the app and returns once GET /readyz answers 200, with the milliseconds that took. */
export async function startApp(opts: {
  dataDir: string;
  port: number;
  pgPort: number;
  timeoutMs: number;
  /** How the app is started (default compiled: `npm start`). */
  mode?: StartMode;
  /** The checkout to start (default this one), e.g. a worktree of an older commit for "before". */
  cwd?: string;
  /** Told of the process as soon as it exists, so an interrupted bench can still stop it. */
  onSpawn?: (app: AppProcess) => void;
}): Promise<{ app: AppProcess; readyMs: number; cpuMs: number }> {
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    if (lines.length > OUTPUT_KEEP) lines.splice(0, lines.length - OUTPUT_KEEP);
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, COMMAND[opts.mode ?? 'compiled'], {
    cwd: opts.cwd ?? ROOT,
    env: appEnv(opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let gone = false;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = true;
      resolve(signal ?? String(code));
    }),
  );
  if (child.pid === undefined) throw new Error('could not spawn the app');
  const app: AppProcess = {
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${opts.port}`,
    dataDir: opts.dataDir,
    child,
    exited,
    output: () => lines.join('\n'),
  };
  opts.onSpawn?.(app);
  const deadline = t0 + opts.timeoutMs;
  while (performance.now() < deadline) {
    if (gone) throw new Error(`the app exited before it was ready:\n${app.output()}`);
    try {
      const res = await fetch(`${app.baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        const readyMs = performance.now() - t0;
        return { app, readyMs, cpuMs: await nodeCpuMs(app.pid) };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  child.kill('SIGKILL');
  throw new Error(`the app was not ready within ${opts.timeoutMs} ms:\n${app.output()}`);
}

/** Clock ticks of CPU (user + system) a process has used, from /proc/<pid>/stat, in ms. */
async function cpuOf(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 11 and 12 after "(comm) ", in 1/100 s.
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

/**
 * CPU time the app's node process (and its helpers other than PostgreSQL, such as tsx's esbuild)
 * has used: unlike the wall time it hardly changes when other programs keep the machine busy.
 */
export async function nodeCpuMs(pid: number): Promise<number> {
  let ms = await cpuOf(pid);
  for (const p of await descendants(pid)) if (!p.name.startsWith('postgres')) ms += await cpuOf(p.pid);
  return ms;
}

/** SIGTERM and wait for a clean exit; SIGKILL after timeoutMs. Returns how long the stop took. */
export async function stopApp(app: AppProcess, timeoutMs: number): Promise<{ ms: number; exit: string }> {
  const t0 = performance.now();
  if (app.child.exitCode !== null || app.child.signalCode !== null) return { ms: 0, exit: await app.exited };
  app.child.kill('SIGTERM');
  const timer = sleep(timeoutMs).then(() => 'timeout');
  const exit = await Promise.race([app.exited, timer]);
  if (exit === 'timeout') {
    app.child.kill('SIGKILL');
    await app.exited;
    throw new Error(`the app did not stop within ${timeoutMs} ms of SIGTERM:\n${app.output()}`);
  }
  return { ms: performance.now() - t0, exit };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL left running from dataDir (its app was killed rather than stopped): stop it, so
 * the bench never leaves a server behind.
 */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmd.includes('postgres')) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

async function procField(pid: number, file: string, field: string): Promise<number> {
  const text = await fs.readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => '');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m?.[1] ? Number(m[1]) : 0;
}

/** Resident set size in kB (VmRSS). */
export const rssKb = (pid: number) => procField(pid, 'status', 'VmRSS');
/** Proportional set size in kB: shared pages divided among their sharers, so sums are honest. */
export const pssKb = (pid: number) => procField(pid, 'smaps_rollup', 'Pss');

/** Every process below pid, found through the parent ids in /proc/<pid>/stat. */
export async function descendants(pid: number): Promise<Array<{ pid: number; name: string }>> {
  const parentOf = new Map<number, number>();
  const nameOf = new Map<number, string>();
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ...": comm may itself contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    parentOf.set(Number(entry), ppid);
    nameOf.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
  }
  const out: Array<{ pid: number; name: string }> = [];
  let frontier = [pid];
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const [child, parent] of parentOf) {
      if (frontier.includes(parent)) {
        next.push(child);
        out.push({ pid: child, name: nameOf.get(child) ?? '?' });
      }
    }
    frontier = next;
  }
  return out;
}

export interface MemoryFigures {
  nodeRssKb: number;
  nodePssKb: number;
  pgProcesses: number;
  pgRssKb: number;
  pgPssKb: number;
}

export async function measureMemory(app: AppProcess): Promise<MemoryFigures> {
  const pg = (await descendants(app.pid)).filter((p) => p.name.startsWith('postgres'));
  let pgRssKb = 0;
  let pgPssKb = 0;
  for (const p of pg) {
    pgRssKb += await rssKb(p.pid);
    pgPssKb += await pssKb(p.pid);
  }
  return {
    nodeRssKb: await rssKb(app.pid),
    nodePssKb: await pssKb(app.pid),
    pgProcesses: pg.length,
    pgRssKb,
    pgPssKb,
  };
}
