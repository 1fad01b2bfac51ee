// Browser tests: the whole application listening on a loopback port over a private test database
// seeded with the Rutan Magetan demo data, and Chromium (see browser.ts) driven by playwright-core.
//
//   const e2e = useE2e();            // in a test file: one app and one browser for the file
//   test('...', async () => {
//     const page = await e2e.newPage();   // a fresh browser context per call, closed after the test
//   });
import { after, afterEach, before } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { loadConfig } from '../../src/app/config.ts';
import type { App } from '../../src/app/http.ts';
import { buildApp } from '../../src/server.ts';
import { createTestDb, type TestDb } from '../db.ts';
import { chromiumExecutable } from './browser.ts';

export { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.ts';

/** Flags for a root user on a machine with a closed network (no sandbox, no background calls home). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Viewports the tests use: a common Android phone, the narrowest phone we support, a desktop. */
export const PHONE = { width: 412, height: 915 };
export const NARROW_PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export interface RunningApp {
  app: App;
  tdb: TestDb;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts the application on 127.0.0.1 and a free port, over a fresh database with the demo data. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const tdb = await createTestDb({ demo: true });
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'e2e-session-secret-0123456789abcdefghijk',
      ...env,
    });
    const app = await buildApp({ db: tdb.db, config });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    if (addr === null || typeof addr === 'string') throw new Error(`unexpected server address ${addr}`);
    return {
      app,
      tdb,
      baseUrl: `http://127.0.0.1:${addr.port}`,
      async stop() {
        await app.close();
        await tdb.drop();
      },
    };
  } catch (err) {
    await tdb.drop();
    throw err;
  }
}

export async function launchBrowser(): Promise<Browser> {
  const { path } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
}

export class E2e {
  private running: RunningApp | undefined;
  private chromium: Browser | undefined;
  private contexts: BrowserContext[] = [];

  async start(env: Record<string, string> = {}): Promise<void> {
    // Both at once: the browser's start-up overlaps the database clone and seeding.
    const [running, browser] = await Promise.allSettled([startApp(env), launchBrowser()]);
    if (running.status === 'fulfilled') this.running = running.value;
    if (browser.status === 'fulfilled') this.chromium = browser.value;
    if (running.status === 'rejected') throw running.reason;
    if (browser.status === 'rejected') throw browser.reason;
  }

  async stop(): Promise<void> {
    await this.closeContexts();
    await this.chromium?.close();
    await this.running?.stop();
    this.chromium = undefined;
    this.running = undefined;
  }

  get baseUrl(): string {
    if (!this.running) throw new Error('E2e.start() has not run');
    return this.running.baseUrl;
  }

  get app(): App {
    if (!this.running) throw new Error('E2e.start() has not run');
    return this.running.app;
  }

  get browser(): Browser {
    if (!this.chromium) throw new Error('E2e.start() has not run');
    return this.chromium;
  }

  /** A new, empty browser context (no cookies) pointed at the app; closed by closeContexts(). */
  async newContext(opts: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, ...opts });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    this.contexts.push(context);
    return context;
  }

  /** A page in a new browser context. */
  async newPage(opts: BrowserContextOptions = {}): Promise<Page> {
    return (await this.newContext(opts)).newPage();
  }

  async closeContexts(): Promise<void> {
    const open = this.contexts;
    this.contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => {})));
  }
}

/**
 * Registers the file's hooks: the app and browser start once before the tests and stop after them,
 * and every context a test opened is closed when it ends.
 */
export function useE2e(env: Record<string, string> = {}): E2e {
  const e2e = new E2e();
  before(() => e2e.start(env));
  afterEach(() => e2e.closeContexts());
  after(() => e2e.stop());
  return e2e;
}
