// App nodes for the cluster test: the compiled start when the project has a build (`npm run build`,
// then `node dist/main.js`), otherwise TypeScript through tsx; each node's output in its own log.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export { freePort } from '../../test/ports.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds once when package.json has a build script; returns the command line a node runs. */
export function prepareStart(): { argv: string[]; how: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (pkg.scripts?.build) {
    const t0 = Date.now();
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
    if (!existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error('npm run build made no dist/main.js');
    return {
      argv: ['dist/main.js'],
      how: `compiled: npm run build (${Date.now() - t0} ms), node dist/main.js`,
    };
  }
  return {
    argv: ['--import', 'tsx', 'src/main.ts'],
    how: 'no build script yet: node --import tsx src/main.ts',
  };
}

export interface AppNode {
  name: string;
  port: number;
  base: string;
  child: ChildProcess;
  log: string;
  /** Set when the process has exited: its code or signal. */
  exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
  exited: Promise<void>;
}

export function startNode(opts: {
  name: string;
  port: number;
  argv: string[];
  env: Record<string, string>;
  dir: string;
}): AppNode {
  const log = path.join(opts.dir, `${opts.name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, opts.argv, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, PORT: String(opts.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const node: AppNode = {
    name: opts.name,
    port: opts.port,
    base: `http://127.0.0.1:${opts.port}`,
    child,
    log,
    exit: undefined,
    exited: Promise.resolve(),
  };
  node.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      node.exit = { code, signal, at: Date.now() };
      resolve();
    });
  });
  return node;
}

export async function waitReady(node: AppNode, limitMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (node.exit)
      throw new Error(`${node.name} exited while starting (code ${node.exit.code}); see ${node.log}`);
    const ok = await fetch(`${node.base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - t0;
    if (Date.now() - t0 > limitMs) throw new Error(`${node.name} not ready within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopNode(node: AppNode, limitMs = 25_000): Promise<void> {
  if (node.exit) return;
  node.child.kill('SIGTERM');
  await Promise.race([node.exited, new Promise((r) => setTimeout(r, limitMs))]);
  if (!node.exit) node.child.kill('SIGKILL');
  await node.exited;
}

/** The local TCP ports of a process's sockets (Linux /proc): which node holds a connection. */
export async function localPortsOf(pid: number): Promise<Set<number>> {
  const inodes = new Set<string>();
  for (const fd of await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    const link = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m?.[1]) inodes.add(m[1]);
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await fs.readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const inode = cols[9];
      if (local && inode && inodes.has(inode)) ports.add(Number.parseInt(local.split(':')[1] ?? '', 16));
    }
  }
  return ports;
}
