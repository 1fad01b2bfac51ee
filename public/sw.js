// The hall pages without a signal: once the roll call or the production log of a session has been
// opened, a reload in a hall with no signal shows the last copy of that page (its roster with the
// marks saved then), and offline-batch.js puts back the marks not sent yet on top of it.
// Served at /sw.js by src/modules/offline/offline.routes.ts, which writes the version below (a hash
// of public/), so a new release brings a new worker and a fresh copy of the shell.
// What is kept: the shell (/static/: styles, scripts, fonts) and, network first, the HTML of the two
// hall pages. Nothing else: no other page (they hold inmate data), no API answer, no PDF or workbook.
// Signing in or out empties the pages, so the next person on this phone never sees them.
const VERSION = 'dev';
/** This release's content-hashed names of the shell's files, by plain name (written in like VERSION). */
const HASHED = {};
const SHELL = `simandiri-shell-${VERSION}`;
const PAGES = 'simandiri-pages';
const PLAIN = [
  '/static/app.css',
  '/static/app.js',
  '/static/offline-batch.js',
  '/static/attendance.css',
  '/static/attendance.js',
  '/static/production.css',
  '/static/production.js',
];
/** The pages link the hashed names; those are kept. */
const PRECACHE = PLAIN.map((u) => HASHED[u] ?? u);
/** "/static/app.3f2a9c1b.css" → "/static/app.css". */
const plainName = (pathname) => pathname.replace(/\.[0-9a-f]{8}(\.[a-z0-9]+)$/, '$1');
/** On a weak signal, the kept copy is shown when the network has not answered by then. */
const NETWORK_WAIT_MS = 10_000;

/** The roll call of a session, and the production log of a session or a workshop's day. */
const HALL_PAGE = [
  /^\/sessions\/[0-9a-f-]{36}\/(attendance|production)$/,
  /^\/programmes\/[0-9a-f-]{36}\/production$/,
];
const isHallPage = (url) =>
  url.origin === self.location.origin && HALL_PAGE.some((re) => re.test(url.pathname));
/** Posting these changes who is signed in on this phone. */
const SIGN_IN_OR_OUT = new Set(['/login', '/logout']);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // `reload`: past the browser's own cache of /static/ (an hour), so the shell is this release's.
      await cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL && name !== PAGES) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The server is away (a proxy's 502, a restart): not a reason to forget the kept copy. */
const serverAway = (res) => res.status >= 500;

/** Keeps a hall page's answer when it is the page itself, else forgets the URL (signed out, gone). */
async function keep(url, res) {
  if (serverAway(res)) return;
  const cache = await caches.open(PAGES);
  const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
  if (res.status === 200 && res.type === 'basic' && !res.redirected && html) await cache.put(url, res);
  else await cache.delete(url);
}

async function hallPage(event) {
  const url = event.request.url;
  let stored;
  const network = fetch(event.request).then((res) => {
    stored = keep(url, res.clone());
    return res;
  });
  event.waitUntil(
    network.then(
      () => stored?.catch(() => {}),
      () => {},
    ),
  );
  const kept = await (await caches.open(PAGES)).match(url);
  if (!kept) return network;
  // Network first; the kept copy when there is no network, no server, or it is too slow to answer.
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(kept), NETWORK_WAIT_MS);
  });
  try {
    const res = await Promise.race([network, late]);
    return serverAway(res) ? kept : res;
  } catch {
    return kept;
  } finally {
    clearTimeout(timer);
  }
}

async function shell(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
    return res;
  } catch (err) {
    // A page kept before an update names a file by its old hash: without a signal, this release's.
    const current = HASHED[plainName(new URL(request.url).pathname)];
    const kept = current && (await cache.match(current));
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'POST' && SIGN_IN_OR_OUT.has(url.pathname)) {
    // The request goes on untouched; the pages of whoever used the phone before are dropped.
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (req.method !== 'GET') return;
  if (req.mode === 'navigate' && isHallPage(url)) event.respondWith(hallPage(event));
  else if (url.pathname.startsWith('/static/')) event.respondWith(shell(req));
  // Everything else goes to the network as if there were no worker.
});

/**
 * From a hall page: `visited` when it was opened before this worker controlled it (so it did not go
 * through the worker and is fetched once more to be kept), `saved` after a save (so the copy shows
 * the marks now on the server). The page is the sender's own address, never one named in the message.
 */
self.addEventListener('message', (event) => {
  const type = event.data?.type;
  const from = event.source && 'url' in event.source ? new URL(event.source.url) : null;
  if ((type !== 'visited' && type !== 'saved') || !from || !isHallPage(from)) return;
  from.hash = ''; // kept under the address the page is requested by
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PAGES);
      if (type === 'saved' && !(await cache.match(from.href))) return;
      try {
        const res = await fetch(from.href, {
          credentials: 'same-origin',
          cache: 'no-store',
          redirect: 'manual',
        });
        await keep(from.href, res);
      } catch {
        // No signal now: the copy kept earlier stays.
      }
    })(),
  );
});
