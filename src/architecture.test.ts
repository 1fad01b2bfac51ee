// The shape the code keeps (docs/architecture.md): the kernel (src/app) imports no feature, the
// folders import each other without cycles, and only app/scope.ts looks inside a scope.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !/\.(test|e2e)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      out.push(p);
  }
  return out;
}

const files = sourceFiles(src).map((p) => ({ rel: path.relative(src, p), text: readFileSync(p, 'utf8') }));

/** The folder a file belongs to: `app`, `db`, `modules/<name>`, or `.` for the composition root. */
function folderOf(rel: string): string {
  const parts = rel.split(path.sep);
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  return parts.length > 1 ? (parts[0] ?? '.') : '.';
}

function importsOf(f: { rel: string; text: string }): string[] {
  const out: string[] = [];
  for (const m of f.text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)) {
    const target = path.normalize(path.join(path.dirname(f.rel), m[1] ?? ''));
    out.push(target);
  }
  return out;
}

describe('the shape of the code', () => {
  it('the kernel (src/app) and the database layer import no feature module', () => {
    const offenders = files
      .filter((f) => ['app', 'db'].includes(folderOf(f.rel)))
      .flatMap((f) =>
        importsOf(f)
          .filter((t) => t.startsWith(`modules${path.sep}`))
          .map((t) => `${f.rel} -> ${t}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('no two folders import each other, directly or round a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      const from = folderOf(f.rel);
      for (const t of importsOf(f)) {
        const to = folderOf(t);
        if (to === from || to === '.') continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)?.add(to);
      }
    }
    // Any folder that can reach itself through the import graph is on a cycle.
    const cycles: string[] = [];
    for (const start of edges.keys()) {
      const seen = new Set<string>();
      const stack: { node: string; trail: string[] }[] = [{ node: start, trail: [start] }];
      while (stack.length) {
        const { node, trail } = stack.pop() as { node: string; trail: string[] };
        for (const next of edges.get(node) ?? []) {
          if (next === start) {
            cycles.push([...trail, start].join(' -> '));
            stack.length = 0;
            break;
          }
          if (!seen.has(next)) {
            seen.add(next);
            stack.push({ node: next, trail: [...trail, next] });
          }
        }
      }
    }
    assert.deepEqual(cycles, []);
  });

  it('only app/scope.ts reads what a scope covers; everyone else asks it', () => {
    const offenders = files
      .filter((f) => f.rel !== path.join('app', 'scope.ts'))
      .flatMap((f) =>
        f.text
          .split('\n')
          .map((line, i) => ({ line, n: i + 1 }))
          .filter(({ line }) => /\bscope\)?\??\.(all|unitIds|partnerId|supervisorId)\b/i.test(line))
          .map(({ n, line }) => `${f.rel}:${n}: ${line.trim()}`),
      );
    assert.deepEqual(offenders, []);
  });
});
