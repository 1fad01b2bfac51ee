// `npm run test:cluster`: the production layout of docs/deployment.md, for real. Given DATABASE_URL
// (a PostgreSQL 15 server; a fresh database is made on it and dropped after), starts two app nodes
// (compiled start) and Debian's nginx in front with deploy/nginx.conf, then checks, one line each:
// sessions and CSRF through either node, the proxy headers, uploads and downloads from either node,
// static caching, a scheduled job running once with two nodes up, and one node stopped (SIGTERM)
// under load through nginx with no failed request beyond those in flight at the stop.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Browser, closeAgents, multipart, pdfOf, type Res, type SendOpts } from './cluster/http.ts';
import { type AccessLine, type Nginx, readAccessLog, startNginx } from './cluster/nginx.ts';
import {
  type AppNode,
  freePort,
  localPortsOf,
  prepareStart,
  startNode,
  stopNode,
  waitReady,
} from './cluster/nodes.ts';

const USER = 'petugas.magetan';
const PASSWORD = 'Simandiri#2026';
const UPLOAD_MAX_BYTES = 10 * 1024 * 1024; // the app's default, which deploy/nginx.conf matches
const JOB = 'rollups.refresh'; // scheduled every minute
const JOB_WAIT_MS = 100_000;
const LOAD_WORKERS = 8;

const results: Array<{ ok: boolean; name: string }> = [];
function check(name: string, ok: boolean, detail: string) {
  results.push({ ok, name });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const nodeOf = (line: AccessLine, nodes: AppNode[]) =>
  line.upstreams.map((u) => nodes.find((n) => u.endsWith(`:${n.port}`))?.name ?? u);

async function signIn(b: Browser, base: string, headers: Record<string, string> = {}): Promise<Res> {
  const login = await b.send(base, 'GET', '/login');
  return b.send(base, 'POST', '/login', {
    form: { _csrf: Browser.csrfOf(login), username: USER, password: PASSWORD },
    headers,
  });
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.error(
      'npm run test:cluster needs DATABASE_URL: a PostgreSQL 15 server (a database is made on it)',
    );
    process.exit(2);
  }
  const t0 = Date.now();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-cluster-'));
  const dbName = `simandiri_cluster_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  const nodes: AppNode[] = [];
  let nginx: Nginx | undefined;
  try {
    const start = prepareStart();
    const [portA, portB, port, redirectPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const proxy = `http://127.0.0.1:${port}`;
    // What every node shares (docs/deployment.md): the database, the secret, the public address.
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl.toString(),
      HOST: '127.0.0.1',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_BASE_URL: proxy,
      TRUST_PROXY: 'true',
      // Plain HTTP in the test (nginx's TLS block is served without TLS): cookies without Secure.
      COOKIE_SECURE: 'false',
      ADMIN_PASSWORD: 'cluster-test-password',
      LOG_LEVEL: 'warn',
      UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    };
    // Started together on an empty database: one migrates (advisory lock), the other waits.
    const a = startNode({
      name: 'A',
      port: portA,
      argv: start.argv,
      dir,
      env: { ...env, SEED_DEMO: 'true' },
    });
    const b = startNode({
      name: 'B',
      port: portB,
      argv: start.argv,
      dir,
      env: { ...env, SEED_DEMO: 'false' },
    });
    nodes.push(a, b);
    const [readyA, readyB] = await Promise.all([waitReady(a, 240_000), waitReady(b, 240_000)]);
    const bothUp = Date.now();
    check(
      'two nodes start together on one fresh database',
      true,
      `${start.how}; A ready in ${(readyA / 1000).toFixed(1)} s (with demo data), B in ${(readyB / 1000).toFixed(1)} s`,
    );
    await db.connect();
    const jobsWatch = watchJobs(db, bothUp);

    const started = await startNginx({
      dir,
      nodes: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`],
      port,
      redirectPort,
    });
    nginx = started.nginx;
    check('nginx runs deploy/nginx.conf', true, `${started.test.split('\n').pop()}; listening on ${proxy}`);

    // ---- sessions and CSRF, each node directly
    const direct = new Browser();
    const signedB = await signIn(direct, b.base); // the sign-in form's token came from B's /login...
    const loginA = await direct.send(a.base, 'GET', '/login');
    const anon = new Browser();
    const anonPage = await anon.send(a.base, 'GET', '/login');
    const crossSignIn = await anon.send(b.base, 'POST', '/login', {
      form: { _csrf: Browser.csrfOf(anonPage), username: USER, password: PASSWORD },
    });
    check(
      'sign-in form from node A posted to node B (anonymous CSRF)',
      crossSignIn.status === 303 && anon.cookies.has('sm_sid') && signedB.status === 303,
      `POST /login on B with A's token: ${crossSignIn.status}, session cookie ${anon.cookies.has('sm_sid') ? 'set' : 'missing'}`,
    );
    const accountA = await anon.send(a.base, 'GET', '/account');
    const accountB = await anon.send(b.base, 'GET', '/account');
    check(
      'the session made on B is signed in on A and B',
      accountA.status === 200 &&
        accountA.text.includes(USER) &&
        accountB.status === 200 &&
        loginA.status !== 0,
      `GET /account: A ${accountA.status}, B ${accountB.status}`,
    );
    const good = await anon.send(b.base, 'POST', '/language', {
      form: { _csrf: Browser.csrfOf(accountA), lang: 'id', next: '/account' },
    });
    const forged = await anon.send(b.base, 'POST', '/language', {
      form: { _csrf: `${Browser.csrfOf(accountA).slice(0, -2)}xx`, lang: 'id', next: '/account' },
    });
    check(
      "a form token from A's page is accepted by B; a wrong one is refused",
      good.status === 303 && forged.status === 403,
      `right token ${good.status}, wrong token ${forged.status}`,
    );

    // ---- through nginx: the client leaves from 127.0.0.9 and claims another address
    const user = new Browser({ localAddress: '127.0.0.9' });
    const viaProxy = await signIn(user, proxy, {
      'x-forwarded-for': '203.0.113.7',
      'user-agent': 'cluster-nginx',
    });
    const pages: Res[] = [];
    for (let i = 0; i < 6; i++) pages.push(await user.send(proxy, 'GET', '/account'));
    const before = (await readAccessLog(nginx.accessLog)).filter((l) => l.uri === '/account');
    const served = new Set(before.flatMap((l) => nodeOf(l, nodes)));
    check(
      'sign-in through nginx, then pages from both nodes on one session',
      viaProxy.status === 303 &&
        pages.every((p) => p.status === 200 && p.text.includes(USER)) &&
        served.size === 2,
      `POST /login ${viaProxy.status}; 6 × GET /account: ${pages.map((p) => p.status).join(' ')}, served by ${[...served].sort().join(' and ')}`,
    );
    const session = await db.query<{ ip: string }>(
      "select ip from sessions where user_agent = 'cluster-nginx' order by created_at desc limit 1",
    );
    const ip = session.rows[0]?.ip;
    check(
      "the app records the client's address from nginx, not the one the client claimed",
      ip === '127.0.0.9',
      `session address ${ip} (client 127.0.0.9, claimed X-Forwarded-For 203.0.113.7)`,
    );
    const account = await user.send(proxy, 'GET', '/account');
    const english = await user.send(proxy, 'POST', '/language', {
      form: { _csrf: Browser.csrfOf(account), lang: 'en', next: '/account' },
    });
    user.cookies.delete('sm_lang'); // the account's language, not the cookie's
    const [enA, enB] = [
      await user.send(a.base, 'GET', '/account'),
      await user.send(b.base, 'GET', '/account'),
    ];
    const isEn = (r: Res) => /<html lang="en"/.test(r.text);
    check(
      "a form post through nginx (the account's language) is seen by both nodes",
      english.status === 303 && isEn(enA) && isEn(enB),
      `POST /language ${english.status}; A shows ${isEn(enA) ? 'English' : 'not English'}, B ${isEn(enB) ? 'English' : 'not English'}`,
    );

    // ---- uploads (files live in PostgreSQL): on one node, downloaded from the other
    const list = await direct.send(a.base, 'GET', '/agreements');
    const agreementId = /href="\/agreements\/([0-9a-f-]{36})"/.exec(list.text)?.[1];
    if (!agreementId) throw new Error("no agreement on the demo data's /agreements page");
    const upload = async (base: string, content: Buffer, name: string, slow?: SendOpts['slow']) => {
      const page = await direct.send(base, 'GET', `/agreements/${agreementId}`);
      return direct.send(base, 'POST', `/agreements/${agreementId}/documents`, {
        multipart: multipart(
          { _csrf: Browser.csrfOf(page), kind: 'signed_scan' },
          { field: 'file', name, type: 'application/pdf', content },
        ),
        ...(slow ? { slow } : {}),
      });
    };
    const newestFile = async () =>
      (
        await db.query<{ id: string }>(
          'select id from files where owner_id = $1 order by created_at desc, id limit 1',
          [agreementId],
        )
      ).rows[0]?.id;
    const scan = pdfOf(2 * 1024 * 1024);
    const upA = await upload(a.base, scan, 'pks-node-a.pdf');
    const fileA = await newestFile();
    const downB = await direct.send(b.base, 'GET', `/files/${fileA}`);
    check(
      'a 2 MB scan uploaded on A is downloaded from B, byte for byte',
      upA.status === 303 && downB.status === 200 && downB.body.equals(scan),
      `upload ${upA.status}; download ${downB.status}, ${downB.body.length} bytes, sha256 ${sha(downB.body)} = ${sha(scan)}`,
    );
    const big = pdfOf(3 * 1024 * 1024);
    const upN = await upload(proxy, big, 'pks-nginx.pdf');
    const fileN = await newestFile();
    const downN = await direct.send(proxy, 'GET', `/files/${fileN}`);
    check(
      "a 3 MB scan through nginx (over nginx's default 1 MB limit), downloaded through nginx",
      upN.status === 303 && downN.status === 200 && downN.body.equals(big),
      `upload ${upN.status}; download ${downN.status}, sha256 ${sha(downN.body)} = ${sha(big)}`,
    );
    const tooBig = await upload(proxy, pdfOf(UPLOAD_MAX_BYTES + 512 * 1024), 'terlalu-besar.pdf');
    check(
      "a file over UPLOAD_MAX_BYTES through nginx gets the app's own message, not nginx's 413",
      tooBig.status === 413 &&
        /terlalu besar|too large/i.test(tooBig.text) &&
        !/<center>nginx/.test(tooBig.text),
      `${tooBig.status}: ${/[^>]*(?:terlalu besar|too large)[^<]*/i.exec(tooBig.text)?.[0] ?? tooBig.text.slice(0, 80)}`,
    );

    // ---- what nginx itself does: static caching, the HTTP redirect, compression passed on
    const asset = /(?:href|src)="(\/static\/[^"]+)"/.exec(
      (await new Browser().send(proxy, 'GET', '/login')).text,
    )?.[1];
    const s1 = asset ? await user.send(proxy, 'GET', asset) : undefined;
    const s2 = asset ? await user.send(proxy, 'GET', asset) : undefined;
    check(
      'static files are kept by nginx after the first request',
      s2?.status === 200 && s2.headers['x-cache-status'] === 'HIT',
      `${asset}: ${s1?.headers['x-cache-status']} then ${s2?.headers['x-cache-status']}; cache-control ${s2?.headers['cache-control']}`,
    );
    const redirect = await new Browser().send(`http://127.0.0.1:${redirectPort}`, 'GET', '/login');
    check(
      'plain HTTP is redirected to HTTPS',
      redirect.status === 301 && redirect.headers.location === 'https://127.0.0.1/login',
      `${redirect.status} → ${redirect.headers.location}`,
    );
    const gz = { headers: { 'accept-encoding': 'gzip, br' } };
    const [zNode, zProxy] = [
      await user.send(a.base, 'GET', '/account', gz),
      await user.send(proxy, 'GET', '/account', gz),
    ];
    const enc = (r: Res) => r.headers['content-encoding'] ?? 'none';
    check(
      'compression: nginx passes on what the node sends (gzip off in nginx)',
      enc(zNode) === enc(zProxy),
      `node ${enc(zNode)} (${zNode.body.length} B), through nginx ${enc(zProxy)} (${zProxy.body.length} B)`,
    );

    // ---- background jobs: every minute's run happens once, with both nodes polling the queue
    const jobs = await jobsWatch;
    const holders = await queueHolders(db, nodes);
    check(
      `scheduled job ${JOB} runs once per tick with two nodes up`,
      jobs.ok && holders.size === 2,
      `${jobs.detail}; job-queue connections held by ${[...holders].sort().join(' and ') || 'nobody'}`,
    );

    // ---- one node stopped under load through nginx
    await drainUnderLoad({ nodes, a, b, proxy, user, direct, nginx, upload, newestFile });

    const stopA = Date.now();
    await stopNode(a);
    check(
      'the last node stops cleanly on SIGTERM',
      a.exit?.code === 0,
      `exit code ${a.exit?.code} after ${((Date.now() - stopA) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    check(
      'the cluster test ran to its end',
      false,
      err instanceof Error ? (err.stack ?? err.message) : String(err),
    );
  } finally {
    for (const n of nodes) await stopNode(n);
    await nginx?.stop();
    closeAgents();
    await db.end().catch(() => {});
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length} of ${results.length} checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (failed.length) {
    console.log(`logs kept in ${dir} (A.log, B.log, access.log, error.log)`);
    for (const n of ['A.log', 'B.log', 'error.log']) {
      const text = await fs.readFile(path.join(dir, n), 'utf8').catch(() => '');
      if (text.trim()) console.log(`--- last lines of ${n}:\n${text.split('\n').slice(-15).join('\n')}`);
    }
    process.exit(1);
  }
  await fs.rm(dir, { recursive: true, force: true });
}

/**
 * Waits for a run of the every-minute job created after both nodes were up, then reads the whole
 * history: a run twice for one tick would show as two jobs created moments apart.
 */
async function watchJobs(db: pg.Client, bothUp: number): Promise<{ ok: boolean; detail: string }> {
  const history = async () =>
    (
      await db.query<{ created_on: Date; state: string; retry_count: number }>(
        `select created_on, state, retry_count from pgboss.job where name = $1
         union all select created_on, state, retry_count from pgboss.archive where name = $1
         order by created_on`,
        [JOB],
      )
    ).rows;
  const until = Date.now() + JOB_WAIT_MS;
  let rows = await history();
  while (!rows.some((r) => r.created_on.getTime() > bothUp && r.state === 'completed')) {
    if (Date.now() > until)
      return { ok: false, detail: `no run completed within ${JOB_WAIT_MS / 1000} s of both nodes up` };
    await sleep(2000);
    rows = await history();
  }
  // Each tick is one job on pg-boss's own queue (__pgboss__send-it, one per minute slot by a
  // unique key), which whichever node takes it turns into one run. A tick run twice would show as
  // more runs than ticks, two ticks in one slot, or a run started again.
  const tickRows = async () =>
    (
      await db.query<{ slot: string; state: string }>(
        `select singleton_on::text as slot, state from pgboss.job where name = '__pgboss__send-it' and singleton_key = $1
         union all select singleton_on::text, state from pgboss.archive where name = '__pgboss__send-it' and singleton_key = $1`,
        [JOB],
      )
    ).rows;
  // A tick's run is inserted before its tick is marked done: ticks done, then runs, then all ticks.
  const handed = (await tickRows()).filter((t) => t.state === 'completed').length;
  rows = await history();
  const ticks = await tickRows();
  const slots = new Set(ticks.map((t) => t.slot)).size;
  const settled = rows.filter((r) => r.state !== 'created' && r.state !== 'active');
  const once = settled.every((r) => r.state === 'completed' && r.retry_count === 0);
  const withBoth = rows.filter((r) => r.created_on.getTime() > bothUp).length;
  return {
    ok:
      handed <= rows.length && rows.length <= ticks.length && slots === ticks.length && once && withBoth >= 1,
    detail: `${ticks.length} ticks in ${slots} minute slots, ${rows.length} runs (${withBoth} with both nodes up), ${settled.filter((r) => r.state === 'completed' && r.retry_count === 0).length} of ${settled.length} finished completed at the first attempt`,
  };
}

/** Which nodes hold connections of the job queue (pg-boss names them simandiri-jobs). */
async function queueHolders(db: pg.Client, nodes: AppNode[]): Promise<Set<string>> {
  const { rows } = await db.query<{ client_port: number }>(
    "select client_port from pg_stat_activity where application_name = 'simandiri-jobs' and datname = current_database()",
  );
  const out = new Set<string>();
  for (const n of nodes) {
    if (!n.child.pid) continue;
    const ports = await localPortsOf(n.child.pid);
    if (rows.some((r) => ports.has(r.client_port))) out.add(n.name);
  }
  return out;
}

interface Outcome {
  start: number;
  end: number;
  status: number; // 0: no HTTP answer
  ok: boolean;
  post: boolean;
  error?: string;
}

/**
 * GETs through nginx from LOAD_WORKERS clients; node B gets SIGTERM while an upload sent straight
 * to it is half-way through its body. That upload must finish, B must exit 0, and the load may
 * lose at most the requests in flight at the stop (nginx should retry those on A: expected 0).
 */
async function drainUnderLoad(o: {
  nodes: AppNode[];
  a: AppNode;
  b: AppNode;
  proxy: string;
  user: Browser;
  direct: Browser;
  nginx: Nginx;
  upload: (base: string, content: Buffer, name: string, slow?: SendOpts['slow']) => Promise<Res>;
  newestFile: () => Promise<string | undefined>;
}) {
  const { a, b, proxy, user, nginx } = o;
  const outcomes: Outcome[] = [];
  const loadStart = Date.now();
  let stopLoad = false;
  // A form post (the account's language) every fourth request: nginx never repeats a POST.
  const csrf = Browser.csrfOf(await user.send(proxy, 'GET', '/account'));
  const worker = async (w: number) => {
    for (let i = 0; !stopLoad; i++) {
      const post = (w + i) % 4 === 3;
      const url = post ? '/language' : (w + i) % 2 === 0 ? '/api/v1/me' : '/agreements';
      const start = Date.now();
      try {
        const r = post
          ? await user.send(proxy, 'POST', url, { form: { _csrf: csrf, lang: 'en', next: '/account' } })
          : await user.send(proxy, 'GET', url, { timeoutMs: 15_000 });
        const ok = r.status === (post ? 303 : 200);
        outcomes.push({ start, end: Date.now(), status: r.status, ok, post });
      } catch (err) {
        const error = (err as { code?: string }).code ?? String(err);
        outcomes.push({ start, end: Date.now(), status: 0, ok: false, post, error });
      }
    }
  };
  const load = Array.from({ length: LOAD_WORKERS }, (_, w) => worker(w));
  await sleep(2000);
  let stopAt = 0;
  const probe = new Browser();
  await probe.send(b.base, 'GET', '/healthz');
  const scan = pdfOf(1024 * 1024);
  const slowUpload = o.upload(b.base, scan, 'pks-saat-berhenti.pdf', {
    pieces: 10,
    gapMs: 300,
    onStarted: () => {
      stopAt = Date.now();
      b.child.kill('SIGTERM');
    },
  });
  while (!stopAt) await sleep(10);
  // Readiness once B has taken the signal, asked on the probe's kept-alive connection (opened
  // just before the stop): 503 while B still answers what arrives on open connections.
  for (const until = Date.now() + 3000; Date.now() < until; await sleep(20)) {
    if ((await fs.readFile(b.log, 'utf8')).includes('SIGTERM received')) break;
  }
  const ready = await probe.send(b.base, 'GET', '/readyz').then(
    (r) => `${r.status} ${r.text}`,
    (e: { code?: string }) => e.code ?? 'error',
  );
  const up = await slowUpload.catch((e: Error) => ({ status: 0, text: e.message }) as Res);
  const stored = await o.newestFile();
  const down = stored ? await o.direct.send(a.base, 'GET', `/files/${stored}`) : undefined;
  await b.exited;
  const exitAfter = ((b.exit?.at ?? 0) - stopAt) / 1000;
  await sleep(3000);
  stopLoad = true;
  await Promise.all(load);
  const loadEnd = Date.now();

  // In flight at the stop: sent before it, answered after it.
  const inFlight = outcomes.filter((x) => x.start <= stopAt && x.end >= stopAt).length;
  const failed = outcomes.filter((x) => !x.ok);
  const posts = outcomes.filter((x) => x.post);
  const log = (await readAccessLog(nginx.accessLog)).filter(
    (l) => l.at >= loadStart && l.at <= loadEnd + 1000,
  );
  const retried = log.filter((l) => l.upstreams.length > 1);
  const afterExit = log.filter((l) => l.at > (b.exit?.at ?? 0) + 100);
  const byNode = (lines: AccessLine[], name: string) =>
    lines.filter((l) => nodeOf(l, o.nodes).at(-1) === name).length;
  check(
    'node B stopped (SIGTERM) mid-upload: /readyz answers 503, the upload finishes, B exits 0',
    up.status === 303 && down?.body.equals(scan) === true && ready.startsWith('503') && b.exit?.code === 0,
    `upload in flight ${up.status}, stored and downloadable from A: ${down?.body.equals(scan) ? 'yes' : 'no'}; /readyz on B after SIGTERM: ${ready}; exit code ${b.exit?.code} ${exitAfter.toFixed(1)} s after SIGTERM`,
  );
  const statuses = Object.entries(
    failed.reduce<Record<string, number>>((acc, x) => {
      const k = x.status ? String(x.status) : (x.error ?? 'no answer');
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .map(([k, v]) => `${v}×${k}`)
    .join(', ');
  check(
    `${LOAD_WORKERS} clients through nginx (GETs, 1 in 4 a form post) while B stops: no failure beyond those in flight`,
    failed.length <= inFlight && outcomes.length > 50,
    `${outcomes.length} requests (${posts.length} posts) in ${((loadEnd - loadStart) / 1000).toFixed(1)} s, ${failed.length} failed (${failed.filter((x) => x.post).length} posts)${statuses ? ` (${statuses})` : ''}, ${inFlight} in flight at the stop, ${retried.length} retried by nginx on the other node; before the stop A ${byNode(
      log.filter((l) => l.at < stopAt),
      'A',
    )} / B ${byNode(
      log.filter((l) => l.at < stopAt),
      'B',
    )}, after B exited A ${byNode(afterExit, 'A')} / B ${byNode(afterExit, 'B')}`,
  );
}

await main();
