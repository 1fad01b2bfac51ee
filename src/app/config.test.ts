import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('development starts with working defaults', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.seedDemo, true);
  assert.equal(c.cookieSecure, false);
});

test('a bad setting is named in the message', () => {
  assert.throws(
    () => loadConfig({ PORT: 'tiga ribu' }),
    (e: unknown) => e instanceof ConfigError && e.setting === 'PORT',
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SEED_DEMO: 'mungkin' }), /SEED_DEMO/);
  assert.throws(() => loadConfig({ ADMIN_PASSWORD: 'pendek' }), /ADMIN_PASSWORD/);
});

test('production demands a session secret and turns demo data and insecure cookies off', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
  const c = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(40),
    DATABASE_URL: 'postgres://x@y/z',
  });
  assert.equal(c.seedDemo, false);
  assert.equal(c.cookieSecure, true);
});
