import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

// CI (.ci/run) installs Node 24 and runs every step on it; this fails if a run falls back to an
// older Node, such as the machine's Node 20, which is past its end of life.
test('the suite runs on a Node.js that package.json supports (engines: 22.12 or later)', async () => {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  };
  const min = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node);
  assert.ok(min, `engines.node is a lower bound: ${pkg.engines.node}`);
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = [Number(min[1]), Number(min[2])];
  assert.ok(
    major > needMajor || (major === needMajor && minor >= needMinor),
    `Node.js ${process.versions.node} is older than ${pkg.engines.node}`,
  );
});
