// `npm run build`: bundles the app (src/main.ts and everything it imports) into one ES module,
// dist/main.js, so `npm start` runs compiled JavaScript instead of compiling TypeScript at every
// start. npm packages stay outside the bundle and load from node_modules as usual. Plain JavaScript,
// so it runs before anything else is compiled (npm `prepare`, scripts/start.js).
import { mkdir, rename, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');
export const ENTRY = path.join(DIST, 'main.js');
/** Written after a successful build; scripts/start.js rebuilds when a source is newer. */
export const STAMP = path.join(DIST, '.build-stamp');

/** Builds dist/main.js; returns the milliseconds it took. */
export async function build() {
  const t0 = performance.now();
  // Loaded here rather than at the top, so importing this file for its paths costs nothing.
  const esbuild = await import('esbuild');
  await mkdir(DIST, { recursive: true });
  const started = new Date();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    outfile: ENTRY,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    // The views are Preact TSX, as tsconfig.json says (jsx react-jsx, jsxImportSource preact).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    write: false,
  });
  // Each file is written beside its place and renamed over it, so an app starting at the same
  // moment (a second node from the same folder) imports the old build or the new, never half of one.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
  }
  // Stamped with the time the build started: a source saved during the build is newer, so the next
  // start builds again.
  await writeFile(STAMP, `${started.toISOString()}\n`);
  await utimes(STAMP, started, started);
  return performance.now() - t0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const ms = await build();
    process.stdout.write(`[simandiri] built ${path.relative(ROOT, ENTRY)} in ${(ms / 1000).toFixed(2)} s\n`);
  } catch (err) {
    // esbuild has already printed each error with its file and line.
    process.stderr.write(`[simandiri] build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
