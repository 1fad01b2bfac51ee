// Start-up waits for a database that is not there yet (started together with the app), and gives
// up at once on a wrong password or after its time limit.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { adminUrl } from '../../test/db.ts';
import { freePort } from '../../test/ports.ts';
import { createDb, type Db, waitForDatabase } from './database.ts';

/** The test server, reachable on `port` only once the proxy is opened. */
function lateProxy(port: number, target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    open: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('waiting for the database at start-up', () => {
  const dbs: Db[] = [];
  const open = (url: URL) => {
    const db = createDb(url.toString(), { max: 1 });
    dbs.push(db);
    return db;
  };
  after(async () => {
    for (const db of dbs) await db.destroy();
  });

  test('a server that comes up a moment after the app is waited for', async () => {
    const port = await freePort();
    const target = new URL(adminUrl());
    const proxy = lateProxy(port, target);
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const waits: number[] = [];
    const opened = new Promise<void>((r) => setTimeout(() => void proxy.open().then(r), 700));
    try {
      await waitForDatabase(open(url), { timeoutMs: 10_000, onWait: (_e, waited) => waits.push(waited) });
      await opened;
      assert.ok(waits.length >= 1, 'it waited at least once before the server answered');
    } finally {
      await opened;
      await proxy.close();
    }
  });

  test('a server that never answers is given up on after the time limit', async () => {
    const url = new URL(adminUrl());
    url.hostname = '127.0.0.1';
    url.port = String(await freePort());
    const t0 = Date.now();
    await assert.rejects(waitForDatabase(open(url), { timeoutMs: 1_000 }), /ECONNREFUSED|connect/);
    const took = Date.now() - t0;
    assert.ok(took >= 500 && took < 5_000, `gave up after ${took} ms`);
  });

  test('a wrong password is not an outage: it fails at once', async () => {
    const url = new URL(adminUrl());
    url.password = 'not-the-password';
    const t0 = Date.now();
    await assert.rejects(waitForDatabase(open(url), { timeoutMs: 10_000 }), /password|authentication/);
    assert.ok(Date.now() - t0 < 3_000, 'no waiting on a refused sign-in');
  });
});
