// Figures about the code's shape, for notes and reviews: lines of source, type casts (`as X`,
// `<X>y`; `as const` is not a cast), folder-level import cycles, and the lines that look inside a
// scope. `npm run figures` (add `-- --casts` to list every cast with its place).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const listCasts = process.argv.includes('--casts');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const isTest = (f: string) => /\.(test|e2e)\.tsx?$/.test(f) || f.startsWith(`test${path.sep}`);
const files = ['src', 'test', 'scripts', 'bench']
  .flatMap((d) => walk(path.join(root, d)))
  .map((f) => path.relative(root, f));

/** `app`, `db`, `modules/<name>`, `api-client`; `.` for files directly in src/. */
function folderOf(rel: string): string {
  const parts = rel.split(path.sep);
  if (parts[0] !== 'src') return parts[0] ?? '.';
  if (parts[1] === 'modules') return `modules/${parts[2]}`;
  return parts.length > 2 ? (parts[1] ?? '.') : '.';
}

let lines = 0;
let sourceLines = 0;
let casts = 0;
let sourceCasts = 0;
let scopeReads = 0;
const castPlaces: string[] = [];
const edges = new Map<string, Set<string>>();

for (const rel of files) {
  const text = readFileSync(path.join(root, rel), 'utf8');
  const n = text.split('\n').length;
  lines += n;
  const source = rel.startsWith(`src${path.sep}`) && !isTest(rel);
  if (source) sourceLines += n;
  const sf = ts.createSourceFile(
    rel,
    text,
    ts.ScriptTarget.Latest,
    true,
    rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const visit = (node: ts.Node) => {
    const isCast = ts.isAsExpression(node) || ts.isTypeAssertionExpression(node);
    if (isCast && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(sf) === 'const')) {
      casts++;
      if (source) {
        sourceCasts++;
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        castPlaces.push(`${rel}:${line} ${node.getText(sf).replace(/\s+/g, ' ').slice(0, 90)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!source) continue;
  if (rel !== path.join('src', 'app', 'scope.ts'))
    scopeReads += text.split('\n').filter((l) => /\bscope\)?\??\.(all|unitIds|partnerId)\b/i.test(l)).length;
  const from = folderOf(rel);
  for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)) {
    const to = folderOf(path.normalize(path.join(path.dirname(rel), m[1] ?? '')));
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(to);
  }
}

// Folders on a cycle: strongly connected components of more than one folder (Tarjan).
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
let next = 0;
function connect(v: string): void {
  index.set(v, next);
  low.set(v, next);
  next++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
  }
  if (low.get(v) === index.get(v)) {
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) {
        onStack.delete(w);
        component.push(w);
      }
    } while (w !== undefined && w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of edges.keys()) if (!index.has(v)) connect(v);

console.log(`lines (src, test, scripts, bench): ${lines}`);
console.log(`lines of application source (src, no tests): ${sourceLines}`);
console.log(`type casts: ${casts} (${sourceCasts} in application source)`);
console.log(`lines outside app/scope.ts that look inside a scope: ${scopeReads}`);
console.log(
  `folders on an import cycle: ${cycles.length ? cycles.map((c) => c.join(' <-> ')).join('; ') : 'none'}`,
);
if (listCasts) for (const c of castPlaces) console.log(`  ${c}`);
