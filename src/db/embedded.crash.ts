// What a crashed embedded postmaster leaves behind, cleared before a new one starts: its backends
// (a new server beside them could corrupt the data) and a postmaster.pid that would block the start.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The PostgreSQL processes (postmaster, backends, background workers) serving pgDir, found by their
 * working directory: PostgreSQL runs inside its data directory. Linux only; elsewhere none are seen
 * and PostgreSQL's own interlock (postmaster.pid and its shared memory) is left to decide.
 */
export async function serverProcesses(pgDir: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const dir = await fs.realpath(pgDir).catch(() => path.resolve(pgDir));
  const found: number[] = [];
  for (const name of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      // A zombie or another user's process has no readable cwd and is skipped here.
      if ((await fs.readlink(`/proc/${name}/cwd`)) !== dir) continue;
      if ((await fs.readFile(`/proc/${name}/cmdline`, 'utf8')).includes('postgres')) found.push(Number(name));
    } catch {
      // The process ended while we looked, or is not ours to inspect.
    }
  }
  return found;
}

/**
 * Waits for the processes of a dead postmaster to end (they notice its death within moments),
 * ends those still running after graceMs, then removes a postmaster.pid that no process serves:
 * its pid may by now belong to another program, and PostgreSQL would then refuse to start.
 */
export async function clearAfterCrash(pgDir: string, log: Logger, graceMs = 10_000): Promise<void> {
  let left = await serverProcesses(pgDir);
  if (left.length) {
    log.warn(`waiting for ${left.length} process(es) of the stopped PostgreSQL to end`);
    const until = Date.now() + graceMs;
    while (left.length && Date.now() < until) {
      await sleep(100);
      left = await serverProcesses(pgDir);
    }
  }
  if (left.length) {
    log.warn(`ending ${left.length} leftover PostgreSQL process(es) (pids ${left.join(', ')})`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const until = Date.now() + 5_000;
    while (left.length && Date.now() < until) {
      await sleep(100);
      left = await serverProcesses(pgDir);
    }
    if (left.length) throw new Error(`PostgreSQL processes ${left.join(', ')} are still running on ${pgDir}`);
  }
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (process.platform === 'linux' && existsSync(pidFile)) {
    await fs.rm(pidFile, { force: true });
    log.info('removed the postmaster.pid left by the stopped server');
  }
}
