// `npm run bench:production`: issue 11's three speed targets on one unit at a year's scale, through
// the real app in-process (app.inject, signed in with cookies and CSRF as a browser would be). The
// generator (bench/generate.ts --production) fills a fresh embedded PostgreSQL with a unit of 1,500
// inmates: 6 programmes of 200 participants, 500 products and 500 materials, and a year of sessions
// with their production log, quality checks, invoices, sales and both stock ledgers. Then, over N
// runs after a warm-up, it times (a) saving a 200-participant production log in one request (a new
// programme and session each run, so every save writes 200 new entries), (b) stock on hand of the
// unit's 1,000 products and materials, (c) the monthly production report per programme and per
// participant. Prints min/p50/p95/max in ms and whether each target is met.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/app/config.ts';
import { type Ctx, systemCtx, systemPrincipal } from '../src/app/principal.ts';
import { createDb, type Db } from '../src/db/database.ts';
import { stockOverview } from '../src/modules/materials/adjustments.service.ts';
import { saveProduction } from '../src/modules/production/production.service.ts';
import * as reports from '../src/modules/production-reports/production-reports.service.ts';
import { buildApp } from '../src/server.ts';
import { Client } from '../test/app.ts';
import { buildSession, daysFromToday } from '../test/attendance-fixtures.ts';
import { buildUser, TEST_PASSWORD } from '../test/builders.ts';
import { freshEmbedded, generate } from './generate.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    inmates: { type: 'string' },
    participants: { type: 'string' },
    products: { type: 'string' },
    materials: { type: 'string' },
  },
});
const RUNS = Number(values.runs ?? 20);
const WARMUP = 3;
const INMATES = Number(values.inmates ?? 1500);
const PEOPLE = Number(values.participants ?? 200);
const PRODUCTS = Number(values.products ?? 500);
const MATERIALS = Number(values.materials ?? 500);
/** A year of records that ends before today. */
const START = '2025-12-01';
const WEEKS = 52;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const f = (x: number) => x.toFixed(1).padStart(6);
const log = (m: string) => process.stderr.write(`${m}\n`);
const verdicts: string[] = [];
function line(label: string, xs: number[], target?: number) {
  process.stdout.write(
    `${label.padEnd(58)} min ${f(Math.min(...xs))}  p50 ${f(pct(xs, 50))}  p95 ${f(pct(xs, 95))}  max ${f(Math.max(...xs))} ms${
      target ? `  (target < ${target})` : ''
    }\n`,
  );
  if (target)
    verdicts.push(
      `${pct(xs, 95) < target ? 'met   ' : 'MISSED'} ${label}: p95 ${pct(xs, 95).toFixed(1)} ms < ${target} ms`,
    );
}
async function times(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WARMUP + n; i++) {
    const t0 = performance.now();
    await fn(i);
    if (i >= WARMUP) out.push(performance.now() - t0);
  }
  return out;
}
/**
 * CPU time (ms) used so far by this process and by the embedded PostgreSQL (its postmaster and
 * every child: the connections' backends, the WAL writer, autovacuum). On a machine shared with
 * other work the wall-clock figures stretch with the load; the CPU a save costs much less so,
 * which makes two versions comparable when the machine is not quiet. Linux /proc only (else 0).
 */
function cpuNow(dataDir: string): { node: number; pg: number } {
  const node = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  try {
    const hz = 100; // USER_HZ: /proc's clock ticks, 100 on Linux
    // The cluster lives in <dir>/pg (src/db/embedded.ts); its first line is the postmaster's pid.
    const postmaster = Number(
      readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    let pg = 0;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(d) !== postmaster && Number(f[1]) !== postmaster) continue;
      pg += ((Number(f[11]) + Number(f[12])) * 1000) / hz;
    }
    return { node, pg };
  } catch {
    return { node, pg: Number.NaN };
  }
}
async function cpuPer<T>(dataDir: string, n: number, fn: () => Promise<T>): Promise<[T, string]> {
  const a = cpuNow(dataDir);
  const r = await fn();
  const b = cpuNow(dataDir);
  const node = (b.node - a.node) / n;
  const pg = (b.pg - a.pg) / n;
  return [r, `node ${node.toFixed(1)} + postgres ${pg.toFixed(1)} = ${(node + pg).toFixed(1)} ms`];
}
const ok = async (p: Promise<{ statusCode: number; body: string }>, url: string) => {
  const res = await p;
  if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
};

/** Every product's and material's stock columns against the sums of its movements (0 = consistent). */
async function ledgerMismatches(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`
    select (select count(*) from products p
              left join (select product_id, sum(d_awaiting) a, sum(d_in_check) c, sum(d_on_hand) h,
                                sum(d_reserved) r, sum(d_sold) s
                           from product_movements group by product_id) m on m.product_id = p.id
             where (p.awaiting_check, p.in_check, p.on_hand, p.reserved, p.sold)
                   is distinct from (coalesce(m.a, 0), coalesce(m.c, 0), coalesce(m.h, 0), coalesce(m.r, 0), coalesce(m.s, 0)))
         + (select count(*) from materials t
              left join (select material_id, sum(qty) q, sum(value) v from material_movements group by material_id) m
                on m.material_id = t.id
             where (t.on_hand, t.stock_value) is distinct from (coalesce(m.q, 0), coalesce(m.v, 0)))
           as n`.execute(db);
  return Number(r.rows[0]?.n ?? -1);
}

/**
 * A programme of its own for each save (the log is one row per programme, day, participant and
 * product): the same 200 inmates, three products with a bill of materials, a session today.
 */
async function saveFixture(db: Db, unitId: string, inmates: Array<{ id: string; name: string }>, k: number) {
  const p = await db
    .insertInto('programmes')
    .values({
      unit_id: unitId,
      name: `Bench produksi ${k}`,
      kind: 'production',
      skill_area: 'Garmen',
      partner_id: null,
      agreement_id: null,
      location: 'Bengkel Kerja',
      capacity: PEOPLE,
      status: 'running',
      eligibility: JSON.stringify({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enrolments = await db
    .insertInto('enrolments')
    .values(
      inmates.map((i) => ({
        programme_id: p.id,
        kind: 'inmate' as const,
        inmate_id: i.id,
        name: i.name,
        started_on: daysFromToday(-30),
      })),
    )
    .returning('id')
    .execute();
  const kind = await db
    .selectFrom('product_kinds')
    .select('id')
    .where('code', '=', 'lainnya')
    .executeTakeFirstOrThrow();
  const material = await db
    .insertInto('materials')
    .values({ unit_id: unitId, name: `Kain bench ${k}`, uom: 'meter', owner: 'unit', on_hand: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Enough cloth for every save: received through the ledger's own columns and one movement.
  const stock = 1_000_000;
  await db
    .insertInto('material_movements')
    .values({
      unit_id: unitId,
      material_id: material.id,
      kind: 'received',
      day: daysFromToday(-30),
      qty: stock,
      value: stock * 1000,
    })
    .execute();
  await db
    .updateTable('materials')
    .set({ on_hand: stock, stock_value: String(stock * 1000) })
    .where('id', '=', material.id)
    .execute();
  const products = await db
    .insertInto('products')
    .values(
      ['Masker kain', 'Sarung bantal', 'Kaos sablon'].map((name) => ({
        unit_id: unitId,
        programme_id: p.id,
        kind_id: kind.id,
        name: `${name} bench ${k}`,
        route: 'own' as const,
        price: '25000',
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('bill_of_materials')
    .values(products.map((x) => ({ product_id: x.id, material_id: material.id, qty_per_item: 1 })))
    .execute();
  const session = await buildSession(db, { programme_id: p.id, day: daysFromToday(0) });
  return {
    programmeId: p.id,
    sessionId: session.id,
    enrolments: enrolments.map((e) => e.id),
    products: products.map((x) => x.id),
  };
}

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 10, applicationName: 'simandiri-bench-production' });
try {
  const t0 = performance.now();
  const gen = await generate(embedded.url, {
    units: 1,
    inmates: INMATES,
    programmesPerUnit: 6,
    weeks: WEEKS,
    start: START,
    log,
    production: { participantsPerProgramme: PEOPLE, productsPerUnit: PRODUCTS, materialsPerUnit: MATERIALS },
  });
  const unitId = gen.unitIds[0] ?? '';
  const pr = gen.production;
  process.stdout.write(
    `data: 1 unit, ${gen.inmates} inmates, ${gen.programmes} programmes, ${gen.sessions} sessions; ` +
      `${pr?.enrolments} participants, ${pr?.products} products, ${pr?.materials} materials, ` +
      `${pr?.entries} production log entries, ${(pr?.productMovements ?? 0) + (pr?.materialMovements ?? 0)} movements, ` +
      `${pr?.qcBatches} quality checks (${pr?.qcLines} lines), ${pr?.invoices} invoices, ${pr?.sales} sales ` +
      `(${START} + ${WEEKS} weeks; generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
  );
  const wrong = await ledgerMismatches(db);
  process.stdout.write(
    `ledger check: ${wrong === 0 ? 'every stock column equals the sum of its movements' : `${wrong} items differ`}\n`,
  );
  if (wrong !== 0) throw new Error('the generated ledger is inconsistent');
  // The busiest month of the year, for the reports.
  const busiest =
    (
      await sql<{ m: string }>`
        select to_char(day, 'YYYY-MM') as m from production_entries group by 1 order by count(*) desc limit 1`.execute(
        db,
      )
    ).rows[0]?.m ?? START.slice(0, 7);

  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    JOBS: 'false',
  });
  const app = await buildApp({ db, config });
  await app.ready();
  try {
    const user = await buildUser(db, { roles: ['petugas'], unit_id: unitId });
    const c = new Client(app);
    await c.get('/login');
    const signin = await c.postForm('/login', { username: user.username, password: TEST_PASSWORD });
    if (signin.statusCode !== 303) throw new Error(`sign-in failed: ${signin.statusCode}`);
    await c.refreshCsrf();
    const unitCtx: Ctx = (() => {
      const s = systemCtx(db, new Date(), 'bench');
      return { ...s, who: { ...s.who, scope: { all: false, unitIds: [unitId] } } };
    })();

    // (a) Saving the production log of a 200-participant session.
    const people = await db
      .selectFrom('inmates')
      .select(['id', 'name'])
      .where('unit_id', '=', unitId)
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([eb('expected_release_date', 'is', null), eb('expected_release_date', '>', daysFromToday(30))]),
      )
      .orderBy('reg_number')
      .limit(PEOPLE)
      .execute();
    const fixtures: Fixture[] = [];
    for (let k = 0; k < 2 * (WARMUP + RUNS) + 1; k++) fixtures.push(await saveFixture(db, unitId, people, k));
    // Settle the freshly loaded database as autovacuum would (visibility map for index-only scans).
    await sql`checkpoint`.execute(db);
    await sql`vacuum analyze`.execute(db);
    const entries = logOf(fixtures[0] as Fixture).entries.length;
    const label = `(a) save a ${people.length}-participant production log (${entries} entries)`;
    const [save, saveCpu] = await cpuPer(embedded.dir, WARMUP + RUNS, () =>
      saveOverHttp(c, fixtures.slice(0, WARMUP + RUNS)),
    );
    if (save) {
      line(`${label}: one POST`, save, 100);
      process.stdout.write(`    CPU per POST: ${saveCpu}\n`);
    } else
      process.stdout.write(
        '(a) POST /api/v1/sessions/:id/production is not in the app yet: HTTP not measured\n',
      );
    // The same through the service (saveProduction) as the unit's petugas, on sessions of their own.
    const petugas: Ctx = {
      db,
      now: new Date(),
      who: {
        ...systemPrincipal(user.username),
        id: user.id,
        roles: ['petugas'],
        unitId,
        scope: { all: false, unitIds: [unitId] },
        actor: { userId: user.id, name: user.username },
      },
    };
    const rest = fixtures.slice(WARMUP + RUNS);
    const [alone, aloneCpu] = await cpuPer(embedded.dir, WARMUP + RUNS, () =>
      times(RUNS, (i) => {
        const fx = rest[i] as Fixture;
        return saveProduction(petugas, { sessionId: fx.sessionId }, logOf(fx));
      }),
    );
    line(`${save ? '    the same, service only' : label} (saveProduction)`, alone, save ? undefined : 100);
    process.stdout.write(`    CPU per save: ${aloneCpu}\n`);
    // How many statements one save sends (each a round trip inside its transaction), BEGIN and
    // COMMIT not counted: a plugin sees every query the service compiles.
    let statements = 0;
    const counted = db.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const last = fixtures[2 * (WARMUP + RUNS)] as Fixture;
    await saveProduction({ ...petugas, db: counted }, { sessionId: last.sessionId }, logOf(last));
    process.stdout.write(`    statements in one save (BEGIN and COMMIT apart): ${statements}\n`);

    // (b) Stock on hand of the unit's products and materials: the stock page's API and the stock report's.
    for (const url of ['/api/v1/stock', `/api/v1/production-reports/stock?unit_id=${unitId}`]) {
      const first = await c.get(url);
      if (first.statusCode === 404 && /route\.not_found/.test(first.body)) {
        process.stdout.write(`(b) GET ${url.split('?')[0]} is not in the app yet: not measured\n`);
        continue;
      }
      const stock = JSON.parse((await ok(Promise.resolve(first), url)).body) as {
        products: unknown[];
        materials: unknown[];
      };
      const n = stock.products.length + stock.materials.length;
      line(
        `(b) stock on hand, ${n} products and materials: GET ${url.split('?')[0]}`,
        await times(RUNS, () => ok(c.get(url), url)),
        50,
      );
    }
    line('    service only: stockOverview (the stock page)', await times(RUNS, () => stockOverview(unitCtx)));
    line(
      '    service only: stockReport (the stock report)',
      await times(RUNS, () => reports.stockReport(unitCtx, { unitId })),
    );

    // (c) The month's production report of the 1,500-inmate unit, per programme and per participant.
    for (const [label, path] of [
      ['(c) production per programme, a month (+ 12-month history)', 'programmes'],
      ['(c) production per participant, a month', 'participants'],
    ] as const) {
      const url = `/api/v1/production-reports/${path}?month=${busiest}&unit_id=${unitId}`;
      line(`${label}: GET …/${path}`, await times(RUNS, () => ok(c.get(url), url)), 200);
    }
    line(
      '    per programme, service only (programmesReport)',
      await times(RUNS, () => reports.programmesReport(unitCtx, { month: busiest, unitId })),
    );
    line(
      '    per participant, service only (participantsReport)',
      await times(RUNS, () => reports.participantsReport(unitCtx, { month: busiest, unitId })),
    );
    const me = await times(RUNS, () => ok(c.get('/api/v1/me'), '/api/v1/me'));
    line('baseline: GET /api/v1/me (sign-in check only)', me);
    process.stdout.write(
      `month of the reports: ${busiest}; ${RUNS} runs after ${WARMUP} warm-up; load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${os.cpus().length} CPUs\n${verdicts.join('\n')}\n`,
    );
  } finally {
    await app.close();
  }
} finally {
  await db.destroy();
  await embedded.stop();
}

type Fixture = { sessionId: string; enrolments: string[]; products: string[] };

/** Everyone in the session finishes one product (some two): 200 participants, about 270 entries. */
function logOf(fx: Fixture) {
  return {
    idempotency_key: randomUUID(),
    entries: fx.enrolments.flatMap((e, j) => [
      { enrolment_id: e, product_id: fx.products[j % 3] ?? '', finished: 1 + (j % 4), in_progress: j % 2 },
      ...(j % 3 === 0 ? [{ enrolment_id: e, product_id: fx.products[(j + 1) % 3] ?? '', finished: 1 }] : []),
    ]),
  };
}

/** (a) through HTTP: one POST per fixture; undefined when the production log's API is not in the app. */
async function saveOverHttp(c: Client, fixtures: Fixture[]): Promise<number[] | undefined> {
  const out: number[] = [];
  for (const [i, fx] of fixtures.entries()) {
    const url = `/api/v1/sessions/${fx.sessionId}/production`;
    const body = logOf(fx);
    const t0 = performance.now();
    const res = await c.json('POST', url, body);
    const ms = performance.now() - t0;
    if (res.statusCode === 404 && i === 0 && /route\.not_found/.test(res.body)) return undefined;
    if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i >= WARMUP) out.push(ms);
  }
  return out;
}
