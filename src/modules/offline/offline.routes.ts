// GET /sw.js: the service worker (public/sw.js) from the site's root, so its scope covers the hall
// pages. Its version is a hash of public/: any change to the shell is a new worker, which keeps a
// fresh copy of the shell. Never cached by the browser's HTTP cache, so a release is seen at once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { asset } from '../../app/assets.ts';
import type { App } from '../../app/http.ts';
import { PUBLIC_DIR } from '../../app/paths.ts';

/** The hash of every file under `dir`, by path and content. */
export function shellVersion(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(path.relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** public/sw.js with its version and the content-hashed names of its shell (src/app/assets.ts) written in. */
export function serviceWorkerScript(dir: string = PUBLIC_DIR): string {
  const source = readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const marker = "const VERSION = 'dev';";
  const names = 'const HASHED = {};';
  if (!source.includes(marker) || !source.includes(names))
    throw new Error(`public/sw.js must declare ${marker} and ${names}`);
  const hashed: Record<string, string> = {};
  for (const [, file] of source.matchAll(/'\/static\/([\w.-]+)'/g))
    if (file) hashed[`/static/${file}`] = asset(file);
  return source
    .replace(marker, `const VERSION = '${shellVersion(dir)}';`)
    .replace(names, `const HASHED = ${JSON.stringify(hashed)};`);
}

export async function offlineRoutes(app: App) {
  // Read once at start-up: the script and its version are the release's.
  const script = serviceWorkerScript();
  app.get('/sw.js', { config: { permission: 'public' } }, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('service-worker-allowed', '/')
      .header('cache-control', 'no-store')
      .send(script),
  );
}
