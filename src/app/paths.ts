// Where the installation is on disk, for files read at run time (public/, package.json). Found
// upward from this module, so it is the same whether the code runs from src/ (tsx, tests) or from
// the bundle in dist/ (`npm start`), whose files sit at a different depth.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The folder holding package.json: the root of the installation. */
export const ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The static files served under /static/. */
export const PUBLIC_DIR = path.join(ROOT, 'public');
