// The load of bench/http.ts: signing in as a browser does (cookies, the form's CSRF token),
// autocannon at N connections (a warm-up, then a measured window whose every response time is kept,
// so p50/p95/p99 are exact), and the roll-call save as a sequence of single requests.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface Figures {
  requests: number;
  seconds: number;
  rps: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Mean bytes on the wire per response (headers included; compressed when the server compresses). */
  bytes: number;
  statuses: Record<string, number>;
}

/** What a browser sends besides the cookie: compressed answers welcome. */
export const BROWSER = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'id' };

export const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

export function figuresOf(
  times: number[],
  o: { seconds: number; non2xx: number; errors?: number; timeouts?: number; bytes: number },
): Figures {
  const s = [...times].sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  return {
    requests: s.length,
    seconds: o.seconds,
    rps: o.seconds > 0 ? s.length / o.seconds : 0,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0,
    p50: pct(s, 50),
    p95: pct(s, 95),
    p99: pct(s, 99),
    max: s[s.length - 1] ?? 0,
    non2xx: o.non2xx,
    errors: o.errors ?? 0,
    timeouts: o.timeouts ?? 0,
    bytes: s.length ? o.bytes / s.length : 0,
    statuses,
  };
}

export interface Browser {
  cookie: string;
  csrf: string;
}

function cookiesOf(res: Response, into: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq < 0) continue;
    const value = pair.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(c)) into.delete(pair.slice(0, eq));
    else into.set(pair.slice(0, eq), value);
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Signs in through the login form, as a browser: its cookie and its session's CSRF token. */
export async function signIn(base: string, username: string, password: string): Promise<Browser> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/login`, { headers: BROWSER });
  cookiesOf(form, jar);
  const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), username, password });
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: header(jar), 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body,
  });
  cookiesOf(res, jar);
  await res.arrayBuffer();
  if (res.status !== 303 || !jar.has('sm_sid'))
    throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`);
  const page = await fetch(`${base}/account`, { headers: { cookie: header(jar) } });
  cookiesOf(page, jar);
  const csrf = csrfIn(await page.text());
  if (!csrf) throw new Error(`no CSRF token on /account for ${username}`);
  return { cookie: header(jar), csrf };
}

/** One request, as the check before the load: status, bytes raw and as a browser gets them. */
export async function probe(url: string, who: Browser) {
  const raw = await fetch(url, {
    headers: { cookie: who.cookie, 'accept-language': 'id' },
    redirect: 'manual',
  });
  const text = await raw.text();
  // fetch decompresses, so the compressed size is read from a plain node:http request's bytes.
  const { request } = await import('node:http');
  const wire = await new Promise<number>((resolve, reject) => {
    const req = request(url, { headers: { cookie: who.cookie, ...BROWSER } }, (res) => {
      let n = 0;
      res.on('data', (b: Buffer) => {
        n += b.length;
      });
      res.on('end', () => resolve(n));
    });
    req.on('error', reject);
    req.end();
  });
  return { status: raw.status, body: text, rawBytes: Buffer.byteLength(text), wireBytes: wire };
}

/** A warm-up at the same connections, then the measured window; every response time kept. */
export async function hammer(o: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  warmup: number;
  timeout: number;
}): Promise<Figures> {
  const base = { url: o.url, connections: o.connections, headers: o.headers, timeout: o.timeout };
  if (o.warmup > 0) await autocannon({ ...base, duration: o.warmup });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  const t0 = performance.now();
  const run = autocannon({ ...base, duration: o.duration });
  run.on('response', (_c, status, resBytes, ms) => {
    times.push(ms);
    bytes += resBytes;
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const r = await run;
  const seconds = Math.min((performance.now() - t0) / 1000, r.duration || o.duration);
  return {
    ...figuresOf(times, { seconds, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, bytes }),
    statuses,
  };
}

const STATUSES = ['hadir', 'hadir', 'hadir', 'hadir', 'hadir', 'terlambat', 'izin', 'sakit', 'alpa'];

/**
 * Saving a roll call, as the page's script sends it: for each (fresh) session the roster is read
 * (not timed), then every participant it offers is marked in one POST with the session cookie and
 * the CSRF header (timed). One request at a time; the first `warmup` are not counted.
 */
export async function saveRollCalls(o: {
  base: string;
  who: Browser;
  sessionIds: readonly string[];
  warmup: number;
}): Promise<Figures & { marks: number; refused: string[] }> {
  const times: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  let marks = 0;
  const refused: string[] = [];
  let busy = 0;
  for (const [i, id] of o.sessionIds.entries()) {
    const url = `${o.base}/api/v1/sessions/${id}/attendance`;
    const roster = await fetch(url, { headers: { cookie: o.who.cookie } });
    if (roster.status !== 200) throw new Error(`roster of session ${id}: HTTP ${roster.status}`);
    const r = (await roster.json()) as {
      participants: Array<{ enrolment_id: string; not_offered: string | null }>;
    };
    const offered = r.participants.filter((p) => p.not_offered === null);
    const body = JSON.stringify({
      idempotency_key: randomUUID(),
      marks: offered.map((p, k) => ({ enrolment_id: p.enrolment_id, status: STATUSES[k % STATUSES.length] })),
    });
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        cookie: o.who.cookie,
        'x-csrf-token': o.who.csrf,
        'content-type': 'application/json',
        origin: o.base,
        ...BROWSER,
      },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (i < o.warmup) continue;
    times.push(ms);
    busy += ms;
    bytes += Buffer.byteLength(text);
    marks = offered.length;
    if (res.status < 200 || res.status > 299) {
      non2xx++;
      if (refused.length < 3) refused.push(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
  }
  return { ...figuresOf(times, { seconds: busy / 1000, non2xx, bytes }), marks, refused };
}
