// Which Chromium the browser tests drive: CHROMIUM_PATH when set, Debian's package when installed,
// otherwise the Chromium that ships inside the npm package @sparticuz/chromium (a devDependency:
// it installs from the registry, needs only libc, and unpacks once to the temp folder), so
// `npm test` passes on a machine with nothing but Node and npm.
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export type ChromiumSource = 'CHROMIUM_PATH' | 'debian' | 'npm';

let resolved: Promise<{ path: string; source: ChromiumSource }> | undefined;

async function find(): Promise<{ path: string; source: ChromiumSource }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (existsSync(DEBIAN_CHROMIUM) && process.env.E2E_CHROMIUM !== 'npm') {
    return { path: DEBIAN_CHROMIUM, source: 'debian' };
  }
  const { default: bundled } = await import('@sparticuz/chromium');
  return { path: await bundled.executablePath(), source: 'npm' };
}

/** The Chromium to launch; resolved once per process (unpacking the npm one takes a few seconds). */
export function chromiumExecutable(): Promise<{ path: string; source: ChromiumSource }> {
  resolved ??= find();
  return resolved;
}
