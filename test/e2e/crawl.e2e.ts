// Every page a role can reach from its navigation, on the narrowest phone we support: it fits the
// screen, logs no console errors, loads nothing that answers 4xx/5xx, has unique ids and no serious
// or critical axe-core violation. Pages are deduplicated by route pattern (/partners/:id once per
// role), so the crawl covers each kind of page without reading every record. An anonymous visitor
// walks the public site (/site: unit pages, news, gallery, order forms) the same way.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, SignInPage } from './pages.ts';

const e2e = useE2e();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ROLES = [
  'ari.rahmanto',
  'petugas.magetan',
  'humas.magetan',
  'admin.magetan',
  'kanwil.jatim',
  'ditjenpas',
  'instruktur.arta',
  'pk.madiun',
] as const;

/** How far from a navigation page the crawl follows links (nav page -> list -> detail -> form). */
const MAX_DEPTH = 3;

/** Files, not pages: documents, spreadsheets, photos and exports are checked by their own tests. */
const DOWNLOAD =
  /\.(pdf|xlsx|csv|zip|json|js|css|png|jpe?g|webp)$|\/(files|photo|export|download|pdf|xlsx|csv)(\/|$)|^\/(static|vendor|api)\//;

/** The route a path belongs to: ids, days and months become placeholders. */
function routePattern(path: string): string {
  return path
    .split('/')
    .map((seg) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg)
        ? ':id'
        : /^\d{4}-\d{2}-\d{2}$/.test(seg)
          ? ':day'
          : /^\d{4}-\d{2}$/.test(seg)
            ? ':month'
            : /^\d+$/.test(seg)
              ? ':n'
              : seg,
    )
    .join('/');
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** Everything wrong with the page just loaded, each as one readable line. */
async function inspect(page: Page): Promise<string[]> {
  const found: string[] = [];
  try {
    await fits(page, 'page', NARROW_PHONE.width);
  } catch (err) {
    found.push(`scrolls sideways: ${(err as Error).message.split('\n')[0]}`);
  }
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]')))
      seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  });
  if (duplicates.length) found.push(`duplicate ids: ${duplicates.join(', ')}`);
  await page.addScriptTag({ content: await axeSource });
  // axe is injected as a global script above, not imported: the window is typed with it here.
  type AxeWindow = { axe: { run(context: Document, options: object): Promise<AxeResult> } };
  const axe = await page.evaluate(() =>
    (window as unknown as AxeWindow).axe.run(document, { resultTypes: ['violations'] }),
  );
  for (const v of axe.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(' | ');
    found.push(
      `axe ${v.impact} ${v.id} (${v.help}) at ${targets}${v.nodes.length > 3 ? ` +${v.nodes.length - 3}` : ''}`,
    );
  }
  return found;
}

/** Same-origin page links in the page's main content (the header's are the navigation). */
async function linksOf(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page
    .locator(selector)
    .evaluateAll((els) =>
      els.filter((a) => !a.hasAttribute('download')).map((a) => (a as HTMLAnchorElement).href),
    );
  const origin = new URL(page.url()).origin;
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !DOWNLOAD.test(u.pathname))
    .map((u) => u.pathname + u.search);
}

/**
 * Route patterns already checked, across roles: each kind of page is checked once, by the first role
 * that reaches it, so the whole crawl stays within a few minutes. The dashboard is the exception: it
 * is a different page for every role, so every role's own is checked.
 */
const checked = new Set<string>();
const PER_ROLE = new Set(['/dashboard']);

/**
 * Crawls as `username` from their navigation, or, with null, as an anonymous visitor from the public
 * site's index (/site), following only the public site's own links (news, pages, gallery, order forms).
 */
async function crawl(username: string | null): Promise<{ visited: string[]; failures: string[] }> {
  const context = await e2e.newContext({ viewport: NARROW_PHONE, bypassCSP: true });
  const page = await context.newPage();
  let problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} from ${new URL(res.url()).pathname}`);
  });

  let nav = ['/site'];
  if (username) {
    await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
    nav = await linksOf(page, 'header nav a[href]');
    assert.ok(nav.length > 1, `${username} has a navigation`);
  }
  const who = username ?? 'visitor';
  const follow = username ? 'main a[href]' : 'a[href]';
  const allowed = (path: string) => username !== null || path === '/site' || path.startsWith('/site/');

  const queue: Array<{ path: string; depth: number; from: string }> = [];
  const enqueue = (path: string, depth: number, from: string) => {
    const pattern = routePattern(new URL(path, e2e.baseUrl).pathname);
    if (!allowed(pattern)) return;
    // The visitor walks the public site whether or not a staff page linked into it first.
    const key = PER_ROLE.has(pattern) || username === null ? `${who} ${pattern}` : pattern;
    if (checked.has(key)) return;
    checked.add(key);
    queue.push({ path, depth, from });
  };
  for (const path of nav) enqueue(path, 0, 'navigation');

  const failures: string[] = [];
  const visited: string[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    problems = [];
    visited.push(next.path);
    const res = await page.goto(next.path, { waitUntil: 'load' }).catch((err: Error) => {
      problems.push(`did not load: ${err.message.split('\n')[0]}`);
      return null;
    });
    if (res?.headers()['content-type']?.startsWith('text/html')) {
      problems.push(...(await inspect(page)));
      if (next.depth < MAX_DEPTH) {
        for (const link of await linksOf(page, follow)) enqueue(link, next.depth + 1, next.path);
      }
    }
    for (const p of new Set(problems)) failures.push(`${next.path} (from ${next.from}): ${p}`);
  }
  await context.close();
  return { visited, failures };
}

describe('every page reachable from the navigation, at 360x740', () => {
  for (const username of [...ROLES, null]) {
    test(`${username ?? 'an anonymous visitor of /site'}: no sideways scroll, console error, 4xx/5xx, duplicate id or serious axe violation`, async (t) => {
      const started = performance.now();
      const { visited, failures } = await crawl(username);
      t.diagnostic(`${visited.length} pages in ${Math.round((performance.now() - started) / 1000)} s`);
      assert.ok(visited.length > 0, `${username ?? 'visitor'} reached no page`);
      assert.deepEqual(
        failures,
        [],
        `${username ?? 'visitor'}: ${failures.length} problems on ${visited.length} pages:\n${failures.join('\n')}`,
      );
    });
  }
});
