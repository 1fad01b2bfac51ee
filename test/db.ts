// A private database per test file, cloned from the migrated template that scripts/test.ts builds.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';

export const TEMPLATE_DB = 'simandiri_test_template';
/** The migrated template with the demo seeded once by scripts/test.ts (for files that need it). */
export const DEMO_TEMPLATE_DB = 'simandiri_test_demo';

/** The instant the demo template was seeded at (tests that seed again pass it as `now`). */
export function demoSeededAt(): Date {
  const at = process.env.TEST_DEMO_NOW;
  return at ? new Date(at) : new Date();
}

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('Run tests with `npm test` (it starts PostgreSQL and sets TEST_PG_ADMIN_URL).');
  return url;
}

export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * An empty database with the full schema. Pass fromTemplate=false for a database with nothing in
 * it, demo=true for one holding the demo data (a clone of the template the runner seeded once).
 */
export async function createTestDb(opts: { fromTemplate?: boolean; demo?: boolean } = {}): Promise<TestDb> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  // Cloning a template needs no other session on it; parallel files may race, so retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(
        opts.fromTemplate === false
          ? `create database ${name}`
          : `create database ${name} template ${opts.demo ? DEMO_TEMPLATE_DB : TEMPLATE_DB}`,
      );
      break;
    } catch (err) {
      if (opts.demo && String(err).includes('does not exist')) {
        throw new Error(
          'The demo template is missing: its seeding failed at the start of `npm test` (see above).',
        );
      }
      if (attempt > 20 || !String(err).includes('being accessed')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 5 });
  return {
    db,
    url: url.toString(),
    name,
    async drop() {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
