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

test('every setting the parser reads is documented, in SETTINGS and in docs/configuration.md', async () => {
  const { readFile } = await import('node:fs/promises');
  const { SETTINGS } = await import('./config.ts');
  const source = await readFile(new URL('./config.ts', import.meta.url), 'utf8');
  const parser = source.slice(
    source.indexOf('export function loadConfig'),
    source.indexOf('export const SETTINGS'),
  );
  const read = new Set([...parser.matchAll(/env(?:\.|,\s*')([A-Z_]+)/g)].map((m) => m[1]));
  const documented = new Set(SETTINGS.map(([name]) => name));
  assert.deepEqual([...read].sort(), [...documented].sort());
  const doc = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  for (const name of documented) assert.ok(doc.includes(`\`${name}\``), `${name} in docs/configuration.md`);
});

test('audit settings: personal values kept five years by default, checkpoints signed with SESSION_SECRET unless a key is set', () => {
  const secret = 's'.repeat(40);
  const c = loadConfig({ SESSION_SECRET: secret });
  assert.equal(c.auditPersonalRetentionDays, 1825);
  assert.equal(c.auditCheckpointKey, secret);
  assert.equal(loadConfig({ AUDIT_CHECKPOINT_KEY: 'k'.repeat(32) }).auditCheckpointKey, 'k'.repeat(32));
  assert.throws(() => loadConfig({ AUDIT_CHECKPOINT_KEY: 'short' }), /AUDIT_CHECKPOINT_KEY/);
  assert.throws(
    () => loadConfig({ AUDIT_PERSONAL_RETENTION_DAYS: '7' }),
    /AUDIT_PERSONAL_RETENTION_DAYS: must be between 30/,
  );
});
