// `npm run bench:rollup`: issue 14's speed targets on the national generator's data.
//
// A fresh embedded PostgreSQL (or --data-dir: kept, and reused when it already holds the data) is
// filled by the generator: --units 530 units, --inmates 280,000 inmates, --programmes-per-unit 8,
// --weeks 52 of sessions from --start 2025-12-01 (a year up to November 2026), the production of
// every session (--participants 10 makers per programme, bench/generate-production.ts), every
// programme topped up to --attendance-participants 70 and a mark for each on every held session up
// to --today (bench/generate-attendance.ts): about 15 million marks at the default sizes. Its rows
// are written with the triggers off, so the aggregates of every unit-month are then recounted with
// the app's refreshUnitMonth (bench/generate-rollups.ts).
//
// Then the real app in-process (buildApp + inject, as bench/attendance-reports.ts): signed in as a
// pusat user, a Kanwil user and a unit's petugas, each page is requested --runs times after a
// warm-up: p50/p95/max. Every query a page runs is recorded (Kysely's log) and replayed alone on
// a plain connection the same number of times: "SQL" is that replay (all of the page's queries,
// sign-in check included), "aggregate read" the queries on the rollup_* tables alone; the ratios
// are page / SQL. The unit's monthly report: drafted, its figures read, its page and PDF.
//
//   npm run bench:rollup                                      (national size: 70 minutes on this busy
//                                                              2-core machine: 62 to generate, 6 to recount)
//   npm run bench:rollup -- --units 20 --inmates 11000        (a quick run: about 3 minutes)
//   npm run bench:rollup -- --data-dir /tmp/rollup-national   (generate once, time again later)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/app/config.ts';
import type { Ctx, Principal } from '../src/app/principal.ts';
import type { Db } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { readFigures } from '../src/modules/reports/reports.figures.ts';
import { draftReport, submitReport } from '../src/modules/reports/reports.service.ts';
import { unitMonths } from '../src/modules/rollups/rollups.service.ts';
import { buildApp } from '../src/server.ts';
import { Client } from '../test/app.ts';
import { buildUser, TEST_PASSWORD } from '../test/builders.ts';
import { generate } from './generate.ts';
import { forgetCounted, recountAll } from './generate-rollups.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string' },
    inmates: { type: 'string' },
    'programmes-per-unit': { type: 'string' },
    weeks: { type: 'string' },
    start: { type: 'string' },
    today: { type: 'string' },
    participants: { type: 'string' },
    'attendance-participants': { type: 'string' },
    month: { type: 'string' },
    runs: { type: 'string' },
    reports: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
const SIZE = {
  units: num(values.units, 530),
  inmates: num(values.inmates, 280_000),
  programmesPerUnit: num(values['programmes-per-unit'], 8),
  weeks: num(values.weeks, 52),
  start: values.start ?? '2025-12-01',
  today: values.today ?? '2026-11-30',
  participants: num(values.participants, 10),
  attendanceParticipants: num(values['attendance-participants'], 70),
};
const MONTH = values.month ?? '2026-11';
const RUNS = num(values.runs, 30);
const REPORTS = num(values.reports, 10);
const WARMUP = 3;
const PREFIX = 'SYN';

const log = (m: string) => process.stderr.write(`${m}\n`);
const out = (m: string) => process.stdout.write(`${m}\n`);
const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
const stats = (xs: readonly number[]) =>
  `p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  max ${ms(Math.max(...xs))}`;

// ---------------------------------------------------------------------------------------------
// The database: kept in --data-dir, or a temp folder removed at the end

const dataDir = values['data-dir']
  ? path.resolve(values['data-dir'])
  : await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-rollup-'));
const quiet = { info: () => {}, warn: (m: string) => log(m) };
const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: quiet });

/** What the app runs, recorded while `recording` is set: the SQL, its parameters, its time. */
interface Recorded {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}
let recording: Recorded[] | null = null;
const pool = new pg.Pool({
  connectionString: server.url,
  max: 10,
  application_name: 'simandiri-bench-rollup',
});
// An idle connection closed by the server's stop at the end is no failure of the bench.
pool.on('error', () => {});
const db: Db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log(event) {
    if (event.level === 'query' && recording)
      recording.push({
        sql: event.query.sql,
        parameters: event.query.parameters,
        ms: event.queryDurationMillis,
      });
  },
});
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

try {
  await migrate(db);
  const have = await sql<{
    n: string;
  }>`select count(*) as n from kanwil where code like ${`${PREFIX}-%`}`.execute(db);
  if (Number(have.rows[0]?.n ?? 0) === 0) {
    log(`generating into ${dataDir}: ${JSON.stringify(SIZE)}`);
    const t0 = performance.now();
    const gen = await generate(server.url, {
      units: SIZE.units,
      inmates: SIZE.inmates,
      programmesPerUnit: SIZE.programmesPerUnit,
      weeks: SIZE.weeks,
      start: SIZE.start,
      prefix: PREFIX,
      production: { participantsPerProgramme: SIZE.participants, productsPerUnit: 12, materialsPerUnit: 8 },
      attendance: { participantsPerProgramme: SIZE.attendanceParticipants, today: SIZE.today },
      log,
    });
    const genSeconds = (performance.now() - t0) / 1000;
    log(`generated in ${genSeconds.toFixed(0)} s; recounting the aggregates of every unit-month...`);
    const rc = await recountAll(db, { unitIds: gen.unitIds, from: SIZE.start, to: SIZE.today, log });
    out(
      `generated in ${genSeconds.toFixed(0)} s (steps: ${Object.entries(gen.seconds)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ')})`,
    );
    out(
      `aggregates: ${rc.unitMonths} unit-months recounted in ${rc.seconds.toFixed(0)} s ` +
        `(one unit-month: p50 ${ms(rc.p50)}  p95 ${ms(rc.p95)}  max ${ms(rc.max)})`,
    );
  } else {
    log(`reusing the data in ${dataDir}`);
  }
  const forgotten = await forgetCounted(db);
  if (forgotten) log(`${forgotten} dirty marks already counted by the recount forgotten`);
  await sql`analyze`.execute(db);
  await bench();
} finally {
  await db.destroy();
  await server.stop();
  if (!values['data-dir']) await fs.rm(dataDir, { recursive: true, force: true });
}

async function count(table: keyof Database & string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function bench(): Promise<void> {
  const sizes = {
    kanwil: await count('kanwil'),
    units: await count('units'),
    inmates: await count('inmates'),
    programmes: await count('programmes'),
    sessions: await count('programme_sessions'),
    enrolments: await count('enrolments'),
    marks: await count('attendance_marks'),
    productionEntries: await count('production_entries'),
    unitMonthRows: await count('rollup_unit_months'),
    dirty: await count('rollup_dirty'),
    programmeMonthRows: await count('rollup_programme_months'),
  };
  const span = (
    await sql<{
      a: string;
      b: string;
    }>`select min(day)::text as a, max(day)::text as b from production_entries`.execute(db)
  ).rows[0];
  out(
    `data: ${sizes.kanwil} kanwil, ${sizes.units} units, ${sizes.inmates} inmates, ${sizes.programmes} programmes, ` +
      `${sizes.sessions} sessions, ${sizes.enrolments} enrolments, ${sizes.marks} attendance marks, ` +
      `${sizes.productionEntries} production entries (${span?.a} to ${span?.b}), aggregates: ` +
      `${sizes.unitMonthRows} unit-month rows, ${sizes.programmeMonthRows} programme-month rows, ${sizes.dirty} unit-months waiting for a recount`,
  );

  // The Kanwil with the most units, its busiest unit (most marks in the month).
  const kanwil = (
    await sql<{
      id: string;
      n: string;
    }>`select k.id, count(*) as n from kanwil k join units u on u.kanwil_id = k.id
       where k.code like ${`${PREFIX}-%`} group by k.id order by count(*) desc, k.id limit 1`.execute(db)
  ).rows[0];
  if (!kanwil) throw new Error('no generated Kanwil');
  const unit = (
    await sql<{ unit_id: string }>`select r.unit_id from rollup_unit_months r join units u on u.id = r.unit_id
       where r.month = ${`${MONTH}-01`}::date and u.kanwil_id = ${kanwil.id}
       order by r.marks_hadir + r.marks_terlambat + r.marks_alpa desc limit 1`.execute(db)
  ).rows[0];
  if (!unit) throw new Error(`no aggregates for ${MONTH} in the Kanwil ${kanwil.id}`);

  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    JOBS: 'false',
  });
  const app = await buildApp({ db, config });
  await app.ready();
  try {
    const signIn = async (u: { username: string }) => {
      const c = new Client(app);
      await c.get('/login');
      const r = await c.postForm('/login', { username: u.username, password: TEST_PASSWORD });
      if (r.statusCode !== 303) throw new Error(`sign-in of ${u.username} failed: ${r.statusCode}`);
      return c;
    };
    const pusatUser = await buildUser(db, { roles: ['pusat'] });
    const kanwilUser = await buildUser(db, { roles: ['kanwil'], kanwil_id: kanwil.id });
    const reportUnits = (
      await sql<{ unit_id: string }>`select r.unit_id from rollup_unit_months r
         where r.month = ${`${MONTH}-01`}::date and not exists (select 1 from monthly_reports m
           where m.unit_id = r.unit_id and m.month = r.month)
         order by r.marks_hadir + r.marks_terlambat desc, r.unit_id limit ${REPORTS}`.execute(db)
    ).rows.map((r) => r.unit_id);
    const reportUnit = reportUnits[0];
    if (!reportUnit)
      throw new Error(`every unit has a report for ${MONTH}: use another --month or --data-dir`);
    let reportId = '';
    const petugasUser = await buildUser(db, { roles: ['petugas', 'kepala_upt'], unit_id: reportUnit });
    const pusat = await signIn(pusatUser);
    const kw = await signIn(kanwilUser);
    const petugas = await signIn(petugasUser);

    const replay = pool;
    const results: string[] = [];
    const timePage = async (label: string, c: Client, url: string) => {
      const times: number[] = [];
      let queries: Recorded[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        if (i === WARMUP) recording = [];
        const s = performance.now();
        const res = await c.get(url);
        const t = performance.now() - s;
        if (i === WARMUP && recording) {
          queries = recording;
          recording = null;
        }
        if (res.statusCode !== 200)
          throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (i >= WARMUP) times.push(t);
      }
      // The page's queries alone, one after another on one connection, as many times.
      const client = await replay.connect();
      const all: number[] = [];
      const agg: number[] = [];
      const each = new Map<Recorded, number>();
      const aggregate = queries.filter((q) => /rollup_(unit|programme)_months/.test(q.sql));
      try {
        for (let i = 0; i < WARMUP + RUNS; i++) {
          let a = 0;
          let b = 0;
          for (const q of queries) {
            const s = performance.now();
            await client.query(q.sql, q.parameters as unknown[]);
            const d = performance.now() - s;
            a += d;
            if (aggregate.includes(q)) b += d;
            if (i >= WARMUP) each.set(q, (each.get(q) ?? 0) + d);
          }
          if (i >= WARMUP) {
            all.push(a);
            agg.push(b);
          }
        }
      } finally {
        client.release();
      }
      const ratio = (p: number, of = all) => (pct(of, p) > 0 ? (pct(times, p) / pct(of, p)).toFixed(2) : '-');
      results.push(
        `${label} ${url}`,
        `    page           ${stats(times)}`,
        `    its SQL (${String(queries.length).padStart(2)} q) ${stats(all)}   page/SQL p50 ${ratio(50)}x, p95 ${ratio(95)}x`,
        `    aggregate read ${stats(agg)}   page/aggregate read p50 ${ratio(50, agg)}x, p95 ${ratio(95, agg)}x (${aggregate.length} of the queries)`,
      );
      const slowest = [...each].sort((x, y) => y[1] - x[1])[0];
      if (slowest)
        results.push(
          `    slowest query  mean ${ms(slowest[1] / RUNS)}  ${slowest[0].sql.replace(/\s+/g, ' ').slice(0, 110)}`,
        );
      out(results.slice(slowest ? -5 : -4).join('\n'));
    };

    out(`\npages (${RUNS} requests each after ${WARMUP} warm-up; month ${MONTH}):`);
    await timePage('national roll-up, pusat', pusat, `/rollups?month=${MONTH}`);
    await timePage('Kanwil roll-up, pusat', pusat, `/rollups/kanwil/${kanwil.id}?month=${MONTH}`);
    await timePage('Kanwil roll-up, Kanwil user', kw, `/rollups?month=${MONTH}`);
    await timePage('national API, pusat', pusat, `/api/v1/rollups?month=${MONTH}`);
    await timePage('Kanwil API, Kanwil user', kw, `/api/v1/rollups/kanwil/${kanwil.id}?month=${MONTH}`);
    await timePage(
      'unit roll-up (12 months), Kanwil user',
      kw,
      `/rollups/units/${unit.unit_id}?month=${MONTH}`,
    );

    // The service read behind the national page, without HTTP: every unit's month.
    const nationalCtx: Ctx = { db, who: principal(pusatUser.id, ['pusat'], { all: true }), now: new Date() };
    const svc: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const s = performance.now();
      await unitMonths(nationalCtx, { from: MONTH, to: MONTH });
      if (i >= WARMUP) svc.push(performance.now() - s);
    }
    out(`service unitMonths(all units, ${MONTH})       ${stats(svc)}`);

    // A unit's monthly report, for the --reports busiest units without one for the month: drafted,
    // its figures read, signed and submitted (the unit-month recounted and frozen), then the first
    // one's page and PDF.
    const drafts: number[] = [];
    const figures: number[] = [];
    const submits: number[] = [];
    for (const unitId of reportUnits) {
      const ctx: Ctx = {
        db,
        who: principal(petugasUser.id, ['petugas', 'kepala_upt'], { all: false, unitIds: [unitId] }, unitId),
        now: new Date(`${SIZE.today}T23:00:00Z`),
      };
      let s = performance.now();
      const { id } = await draftReport(ctx, { unitId, month: MONTH, narrative: 'Laporan uji kecepatan.' });
      drafts.push(performance.now() - s);
      s = performance.now();
      await readFigures(ctx, unitId, MONTH);
      figures.push(performance.now() - s);
      s = performance.now();
      await submitReport(ctx, { id });
      submits.push(performance.now() - s);
      if (unitId === reportUnit) reportId = id;
    }
    out(`\nmonthly report (${drafts.length} units, the busiest of ${MONTH} without one):`);
    out(`    draft (service)                 ${stats(drafts)}`);
    out(`    figures read (service)          ${stats(figures)}`);
    out(`    sign + submit (recount, freeze) ${stats(submits)}`);
    await timePage('report page (submitted), petugas', petugas, `/reports/${reportId}`);
    await timePage('report PDF (submitted), petugas', petugas, `/reports/${reportId}/report.pdf`);

    out(
      `\nnode ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'} x${os.cpus().length}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await app.close();
  }
}

function principal(
  id: string,
  roles: Principal['roles'],
  scope: Principal['scope'],
  unitId: string | null = null,
): Principal {
  return {
    id,
    username: 'bench',
    fullName: 'Bench',
    roles,
    unitId,
    kanwilId: null,
    partnerId: null,
    homeName: null,
    zone: 'Asia/Jakarta',
    scope,
    actor: { userId: id, name: 'Bench' },
  };
}
