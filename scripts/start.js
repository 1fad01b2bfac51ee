// `npm start`: runs the compiled app (dist/main.js). Rebuilds it first when it is missing or older
// than any source (src/, package.json, tsconfig.json), which takes about a second, so a changed
// checkout never runs stale code. Plain JavaScript: nothing is compiled at run time.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, ENTRY, ROOT, STAMP } from './build.js';

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time among the build's inputs. */
function newestSource() {
  let newest = Math.max(
    mtime(path.join(ROOT, 'package.json')) ?? 0,
    mtime(path.join(ROOT, 'tsconfig.json')) ?? 0,
  );
  for (const e of readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    // A directory's time changes when a file in it is added, renamed or removed.
    newest = Math.max(newest, mtime(path.join(e.parentPath, e.name)) ?? 0);
  }
  return Math.max(newest, mtime(path.join(ROOT, 'src')) ?? 0);
}

const built = mtime(STAMP);
if (built === undefined || mtime(ENTRY) === undefined || newestSource() > built) {
  const ms = await build();
  process.stdout.write(`[simandiri] compiled src/ into dist/main.js in ${(ms / 1000).toFixed(2)} s\n`);
}
// Stack traces name the TypeScript file and line (dist/main.js.map).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(ENTRY).href);
