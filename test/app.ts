// The whole application in-process on a private test database, plus a small browser-like client
// (cookies, CSRF token, form posts) for driving it through app.inject.
import type { LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../src/app/config.ts';
import type { App } from '../src/app/http.ts';
import type { Db } from '../src/db/database.ts';
import { replicaOver } from '../src/db/replica.ts';
import { buildApp } from '../src/server.ts';
import { TEST_PASSWORD } from './builders.ts';
import { createTestDb, type TestDb } from './db.ts';

export interface TestApp {
  app: App;
  db: Db;
  tdb: TestDb;
  config: Config;
  client(): Client;
  signedIn(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: {
    extraRoutes?: (app: App) => void;
    demo?: boolean;
    /** A read replica for reports (reportDb), e.g. a second logged pool on the same test database. */
    replica?: (tdb: TestDb) => Db | Promise<Db>;
  } = {},
): Promise<TestApp> {
  // demo: true clones the demo template that `npm test` seeds once (see scripts/test.ts).
  const tdb = await createTestDb({ demo: opts.demo === true });
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const replica = (await opts.replica?.(tdb)) ?? null;
  const app = await buildApp({
    db: tdb.db,
    replica: replica ? replicaOver(replica, config.databaseReplicaLagNoticeSeconds) : null,
    config,
  });
  opts.extraRoutes?.(app);
  await app.ready();
  const t: TestApp = {
    app,
    db: tdb.db,
    tdb,
    config,
    client: () => new Client(app),
    async signedIn(username, password = TEST_PASSWORD) {
      const c = new Client(app);
      await c.get('/login');
      const res = await c.postForm('/login', { username, password });
      if (res.statusCode !== 303) throw new Error(`sign-in as ${username} failed: ${res.statusCode}`);
      await c.refreshCsrf();
      return c;
    },
    async close() {
      await app.close();
      await replica?.destroy();
      await tdb.drop();
    },
  };
  return t;
}

export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  ip = '10.9.8.7';
  constructor(private readonly app: App) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    opts: { json?: unknown; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...(opts.headers ?? {}) };
    let payload: string | undefined;
    if (opts.form) {
      const body = new URLSearchParams();
      body.append('_csrf', this.csrf);
      for (const [k, v] of Object.entries(opts.form))
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      payload = body.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      payload = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET' && !opts.form && this.csrf && !headers.authorization && !headers['x-csrf-token']) {
      headers['x-csrf-token'] = this.csrf;
    }
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(payload !== undefined ? { payload } : {}),
    });
    this.remember(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, headers ? { headers } : {});
  }
  postForm(url: string, form: Record<string, string | string[]> = {}) {
    return this.request('POST', url, { form });
  }
  json(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
    return this.request(method, url, body === undefined ? {} : { json: body });
  }
  async refreshCsrf() {
    await this.get('/account');
  }
}
