// `npm test`: starts a PostgreSQL for the tests (embedded, or TEST_DATABASE_URL), builds a migrated
// template database once, then runs every test file with Node's test runner. Each test file
// clones the template into its own database, so files run in parallel without sharing data.
//   npm test                      unit, integration and browser tests
//   npm test -- --no-e2e          without the browser tests
//   npm test -- src/x.test.ts     only the files named
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemCtx } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/modules/demo/demo.seed.ts';
import { seedProgramAksi } from '../src/modules/program-aksi/program-aksi.service.ts';
import { DEMO_TEMPLATE_DB, TEMPLATE_DB } from '../test/db.ts';
import { chromiumExecutable } from '../test/e2e/browser.ts';
import { freePort } from '../test/ports.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const noE2e = args.includes('--no-e2e');
const named = args.filter((a) => !a.startsWith('--'));

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(test|e2e)\.tsx?$/.test(name)) out.push(path.relative(root, p));
  }
  return out;
}

const files = named.length
  ? named
  : [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))].filter(
      (f) => !(noE2e && f.includes('.e2e.')),
    );
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
// Browser tests: Debian's Chromium when installed, else the one inside @sparticuz/chromium (unpacked
// here, once, so parallel test files do not race to unpack it); children get its path.
let chromiumLine = '';
if (files.some((f) => f.includes('.e2e.'))) {
  try {
    const found = await chromiumExecutable();
    process.env.CHROMIUM_PATH = found.path;
    chromiumLine = `; Chromium: ${found.path} (${found.source})`;
  } catch (err) {
    console.error(
      `Browser tests need Chromium: ${(err as Error).message}.\n` +
        'Install it with `apt-get install -y chromium`, run `npm install` (it brings @sparticuz/chromium), ' +
        'or run `npm test -- --no-e2e` to leave them out.',
    );
    process.exit(1);
  }
}

const t0 = performance.now();
let adminUrl = process.env.TEST_DATABASE_URL;
let stopEmbedded: (() => Promise<void>) | undefined;
const tmpDir = path.join(root, 'tmp', `test-pg-${process.pid}`);
if (!adminUrl) {
  const server = await startEmbeddedPostgres({
    dataDir: tmpDir,
    port: await freePort(),
    database: 'postgres',
    log: { info: () => {}, warn: (m) => console.warn(m) },
  });
  adminUrl = server.url;
  stopEmbedded = async () => {
    await server.stop();
    await fs.rm(tmpDir, { recursive: true, force: true });
  };
}
const serverLabel = process.env.TEST_DATABASE_URL ? 'PostgreSQL at TEST_DATABASE_URL' : 'embedded PostgreSQL';

// Build the template: a fresh database with every migration applied.
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const version = (await admin.query('show server_version')).rows[0]?.server_version;
await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
await admin.query(`create database ${TEMPLATE_DB}`);
const templateUrl = new URL(adminUrl);
templateUrl.pathname = `/${TEMPLATE_DB}`;
const tdb = createDb(templateUrl.toString(), { max: 2 });
await migrate(tdb);
await tdb.destroy();

// The demo template: the migrated template plus the Rutan Magetan demo, seeded once per run and
// cloned by every file that needs it (browser tests, demo checks) instead of seeding each time.
let demoLine = '';
const needsDemo = await Promise.all(
  files.map(async (f) =>
    /useE2e\(|startApp\(|demo: true/.test(await fs.readFile(path.join(root, f), 'utf8')),
  ),
);
if (needsDemo.some(Boolean)) {
  const d0 = performance.now();
  // Tests that seed again pass the same instant, so a day boundary in the unit's zone during the
  // run (a new session day) does not count as something added.
  const demoNow = new Date();
  process.env.TEST_DEMO_NOW = demoNow.toISOString();
  await admin.query(`drop database if exists ${DEMO_TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${DEMO_TEMPLATE_DB} template ${TEMPLATE_DB}`);
  const demoUrl = new URL(adminUrl);
  demoUrl.pathname = `/${DEMO_TEMPLATE_DB}`;
  const ddb = createDb(demoUrl.toString(), { max: 4 });
  try {
    // As `npm start` seeds a new database: the Program Aksi reference list, then the demo.
    await seedProgramAksi(systemCtx(ddb, new Date(), 'system:seed'));
    await seedDemo(ddb, demoNow);
    demoLine = `; demo seeded once in ${((performance.now() - d0) / 1000).toFixed(1)} s`;
  } catch (err) {
    // The files that clone it then fail with this cause; the others still run.
    console.error('Seeding the demo template failed:', err);
    await ddb.destroy();
    await admin.query(`drop database if exists ${DEMO_TEMPLATE_DB} with (force)`);
  }
  await ddb.destroy().catch(() => {});
}
await admin.end();
console.log(
  `Testing against ${serverLabel} ${version} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); ${files.length} files${demoLine}${chromiumLine}`,
);

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${Math.max(2, os.availableParallelism())}`,
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', TEST_PG_ADMIN_URL: adminUrl } },
);
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
await stopEmbedded?.();
console.log(`npm test finished in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code);
