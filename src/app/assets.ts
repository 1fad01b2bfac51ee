// The static files of public/ under names that change with their content: a page links
// asset('app.css') = /static/app.3f2a9c1b.css, which a browser keeps for a year without asking
// again (immutable), and a release that changes the file links a new name. The plain names
// (/static/app.css) keep working with an hour's cache, for pages and tests written before.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { App } from './http.ts';
import { PUBLIC_DIR } from './paths.ts';

export const STATIC_PREFIX = '/static/';
const HASH_LENGTH = 8;
/** "app.3f2a9c1b.css": the plain name's stem, the hash, and the extension. */
const HASHED = new RegExp(`^(.+)\\.([0-9a-f]{${HASH_LENGTH}})(\\.[a-z0-9]+)$`);

/** Each file of `dir` (by its path relative to it, with "/") and the first characters of its hash. */
export function contentHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, HASH_LENGTH);
    out.set(path.relative(dir, file).split(path.sep).join('/'), hash);
  }
  return out;
}

// Computed once, on the first page rendered or file served: a release's files do not change
// while it runs (in development a stale hash still serves the current file, see below).
let hashes: Map<string, string> | undefined;
const hashOf = (name: string) => {
  hashes ??= contentHashes(PUBLIC_DIR);
  return hashes.get(name);
};

/** The address of a file of public/ under its content-hashed name (the plain one if unknown). */
export function asset(name: string): string {
  const hash = hashOf(name);
  if (hash === undefined) return `${STATIC_PREFIX}${name}`;
  const ext = path.posix.extname(name);
  return `${STATIC_PREFIX}${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

/**
 * The file behind a requested name, and whether the name is this release's hashed one (cached for
 * a year). A hashed name from an older release (a page left open across an update) is served the
 * current file, cached briefly, rather than a missing style sheet.
 */
export function resolveAsset(requested: string): { file: string; immutable: boolean } {
  const m = HASHED.exec(requested);
  if (m) {
    const file = `${m[1]}${m[3]}`;
    const hash = hashOf(file);
    if (hash !== undefined) return { file, immutable: hash === m[2] };
  }
  return { file: requested, immutable: false };
}

/** GET /static/*: public/ with hashed names; registered by the pipeline. */
export async function staticAssets(app: App) {
  await app.register(fastifyStatic, { root: PUBLIC_DIR, serve: false });
  const params = Type.Object({ '*': Type.String() });
  app.get(
    `${STATIC_PREFIX}*`,
    { config: { permission: 'public' }, schema: { params } },
    async (req, reply) => {
      const { file, immutable } = resolveAsset(req.params['*']);
      return immutable
        ? reply.sendFile(file, { maxAge: '365d', immutable: true })
        : reply.sendFile(file, { maxAge: '1h' });
    },
  );
}
