// The embedded server must survive what happens on real desks: a killed process leaving its
// PostgreSQL behind, and a port taken by something else.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { freePort } from '../../test/ports.ts';
import { EmbeddedPgError, firstClosedAncestor, startEmbeddedPostgres } from './embedded.ts';

const quiet = { info: () => {}, warn: () => {} };

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-pg-'));
    await fs.chmod(d, 0o755);
    dirs.push(d);
    return d;
  };
  after(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  test('a server left running by a killed process is stopped and the next start succeeds', async () => {
    const dataDir = await tmp();
    const port = await freePort();
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve(import.meta.dirname, 'embedded.ts'))};
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, log: { info() {}, warn() {} } });
      console.log('READY');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.on('exit', (c) => reject(new Error(`child exited ${c}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok(
      existsSync(path.join(dataDir, 'pg', 'postmaster.pid')),
      'the orphaned server still holds its pid file',
    );

    const server = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    try {
      assert.equal(server.initialised, false, 'reuses the existing data');
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      assert.equal((await c.query('select 1 as one')).rows[0]?.one, 1);
      await c.end();
    } finally {
      await server.stop();
    }
    assert.equal(
      existsSync(path.join(dataDir, 'pg', 'postmaster.pid')),
      false,
      'a clean stop removes the pid file',
    );
  });

  test('as root, a folder the postgres user cannot enter is found before PostgreSQL trips on it', async () => {
    const parent = await tmp();
    await fs.mkdir(path.join(parent, 'inner', 'data'), { recursive: true });
    await fs.chmod(path.join(parent, 'inner'), 0o700);
    assert.equal(firstClosedAncestor(path.join(parent, 'inner', 'data'), 0), path.join(parent, 'inner'));
    assert.equal(firstClosedAncestor(parent, 0), undefined);
    assert.equal(
      firstClosedAncestor(path.join(parent, 'inner', 'data'), 1000),
      undefined,
      'other users run PostgreSQL as themselves',
    );
    if (process.getuid?.() === 0) {
      await assert.rejects(
        startEmbeddedPostgres({
          dataDir: path.join(parent, 'inner', 'data'),
          port: await freePort(),
          log: quiet,
        }),
        (e: unknown) =>
          e instanceof EmbeddedPgError &&
          e.message.includes(path.join(parent, 'inner')) &&
          /chmod o\+x/.test(e.message),
      );
    }
  });

  test('a port taken by another program gives a message that says what to do', async () => {
    const dataDir = await tmp();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const addr = blocker.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      await assert.rejects(
        startEmbeddedPostgres({ dataDir, port, log: quiet }),
        (e: unknown) =>
          e instanceof EmbeddedPgError &&
          /EMBEDDED_PG_PORT/.test(e.message) &&
          /DATABASE_URL/.test(e.message),
      );
    } finally {
      blocker.close();
    }
  });
});
