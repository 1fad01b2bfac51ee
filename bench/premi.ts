// `npm run bench:premi`: issue 12's premi speed targets on a fresh embedded PostgreSQL.
//  1. The national month: the generator's units (530, with production: quality checks at the
//     agreement's piece rates, own sales, unit-bought materials, payments; plus attendance marks and a
//     minimum per session, bench/generate-premi.ts) and the job that prepares every unit's draft run
//     of a month (premi-national), timed end to end, with the rows it wrote. Target: under 2 minutes.
//  2. One big unit: 1,500 inmates in 36 programmes of 250 participants (about 30,000 production
//     entries in the month), and computeRun (read the month, compute, write nothing) timed over
//     several runs after a warm-up: p50/p95. Target: under 1 s.
//
//   npm run bench:premi [-- --units 530 --inmates 280000 --weeks 13 --month 2026-03 --runs 10]
//   (--only national or --only unit runs one part)
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { systemPrincipal } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import { computeRun } from '../src/modules/premi/premi.service.ts';
import {
  requestNationalMonth,
  runNationalJob,
} from '../src/modules/premi-national/premi-national.service.ts';
import { freshEmbedded, generate } from './generate.ts';
import { generatePremiData } from './generate-premi.ts';
import { PRODUCTION_DEFAULTS } from './generate-production.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string' },
    inmates: { type: 'string' },
    weeks: { type: 'string' },
    month: { type: 'string' },
    runs: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
  },
});
const UNITS = Number(values.units ?? 530);
const INMATES = Number(values.inmates ?? 280_000);
const WEEKS = Number(values.weeks ?? 13);
const MONTH = values.month ?? '2026-03';
const RUNS = Number(values.runs ?? 10);
const WARMUP = 2;
const START = '2026-01-05';

const log = (m: string) => process.stderr.write(`${m}\n`);
const out = (m: string) => process.stdout.write(`${m}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const monthTo = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return `${m}-${String(new Date(Date.UTC(y ?? 1970, mo ?? 1, 0)).getUTCDate()).padStart(2, '0')}`;
};

async function premiData(url: string, unitIds: string[]) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    return await generatePremiData(client, { unitIds, from: `${MONTH}-01`, to: monthTo(MONTH) });
  } finally {
    client.release();
    await pool.end();
  }
}

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 6, applicationName: 'simandiri-bench' });
const verdicts: string[] = [];
try {
  // ---- 1. The national month ----------------------------------------------------------------
  if (values.only !== 'unit') await nationalMonth();
  // ---- 2. One big unit ------------------------------------------------------------------------
  if (values.only !== 'national') await bigUnit();
  out(verdicts.join('\n'));
} finally {
  await db.destroy();
  await embedded.stop();
}

async function nationalMonth() {
  log(`generating ${UNITS} units, ${INMATES} inmates, ${WEEKS} weeks with production...`);
  const t0 = performance.now();
  const nat = await generate(embedded.url, {
    units: UNITS,
    inmates: INMATES,
    weeks: WEEKS,
    start: START,
    production: PRODUCTION_DEFAULTS,
    log,
  });
  const extra = await premiData(embedded.url, nat.unitIds);
  await sql`analyze`.execute(db);
  const p = nat.production;
  out(
    `national data: ${nat.units} units, ${nat.inmates} inmates, ${p?.entries ?? 0} production entries, ` +
      `${p?.qcLines ?? 0} quality-check lines, ${p?.sales ?? 0} sales, ${extra.marks} attendance marks ` +
      `(generated in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const who = { ...systemPrincipal('bench'), roles: ['admin' as const] };
  const ctx = { db, who, now: new Date() };
  const job = await requestNationalMonth(ctx, { month: MONTH });
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  const tj = performance.now();
  await runNationalJob(
    db,
    job,
    { error: (o, m) => log(`${m} ${JSON.stringify(o)}`) },
    { ...(concurrency ? { concurrency } : {}) },
  );
  const seconds = (performance.now() - tj) / 1000;
  const row = await db
    .selectFrom('premi_national_jobs')
    .selectAll()
    .where('id', '=', job.id)
    .executeTakeFirstOrThrow();
  const count = async (table: 'premi_run_groups' | 'premi_run_lines' | 'premi_run_items') =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} x
          join premi_runs r on r.id = x.run_id where r.month = ${`${MONTH}-01`}`.execute(db)
      ).rows[0]?.n ?? 0,
    );
  const runs = Number(
    (
      await db
        .selectFrom('premi_runs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('month', '=', `${MONTH}-01`)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const [groups, lines, items] = [
    await count('premi_run_groups'),
    await count('premi_run_lines'),
    await count('premi_run_items'),
  ];
  out(
    `national month ${MONTH}: ${row.done}/${row.total} units in ${seconds.toFixed(1)} s ` +
      `(${row.skipped} skipped, ${row.failed} failed); rows written: ${runs} runs, ${groups} groups, ` +
      `${lines} inmate lines, ${items} breakdown items (${runs + groups + lines + items} in all)`,
  );
  verdicts.push(`${seconds < 120 ? 'met   ' : 'MISSED'} national month job: ${seconds.toFixed(1)} s < 120 s`);
}

async function bigUnit() {
  log('generating the big unit: 1,500 inmates, 36 programmes of 250 participants...');
  const big = await generate(embedded.url, {
    units: 1,
    inmates: 1500,
    programmesPerUnit: 36,
    weeks: WEEKS,
    start: START,
    prefix: 'BIG',
    // Its own production stream (the generator's is seeded by the seed alone, not the prefix).
    seed: 2027,
    production: { participantsPerProgramme: 250, productsPerUnit: 60, materialsPerUnit: 40 },
    log,
  });
  const unitId = big.unitIds[0] ?? '';
  await premiData(embedded.url, [unitId]);
  await sql`analyze`.execute(db);
  const month = await sql<{ entries: string; qc: string; sales: string; inmates: string }>`
    select (select count(*) from production_entries where unit_id = ${unitId}
              and day between ${`${MONTH}-01`} and ${monthTo(MONTH)}) as entries,
           (select count(*) from qc_batch_lines l join qc_batches b on b.id = l.batch_id
             where b.unit_id = ${unitId} and b.checked_on between ${`${MONTH}-01`} and ${monthTo(MONTH)}) as qc,
           (select count(*) from sales where unit_id = ${unitId}
              and sold_on between ${`${MONTH}-01`} and ${monthTo(MONTH)}) as sales,
           (select count(*) from inmates where unit_id = ${unitId}) as inmates`.execute(db);
  const m = month.rows[0];
  const total = Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from production_entries where unit_id = ${unitId}`.execute(db)
    ).rows[0]?.n ?? 0,
  );
  const times: number[] = [];
  let computed = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = performance.now();
    const r = await computeRun(db, unitId, MONTH);
    if (i >= WARMUP) times.push(performance.now() - t);
    computed = r.computation.lines.length;
  }
  out(
    `big unit: ${m?.inmates} inmates, ${m?.entries} production entries in ${MONTH} (${total} in all), ` +
      `${m?.qc} quality-check lines, ${m?.sales} sales in the month; ${computed} inmates with a premi line`,
  );
  out(
    `computeRun ${MONTH} over ${RUNS} runs: min ${Math.min(...times).toFixed(0)}  p50 ${pct(times, 50).toFixed(0)}  ` +
      `p95 ${pct(times, 95).toFixed(0)}  max ${Math.max(...times).toFixed(0)} ms (target < 1000)`,
  );
  verdicts.push(
    `${pct(times, 95) < 1000 ? 'met   ' : 'MISSED'} computeRun p95 ${pct(times, 95).toFixed(0)} ms < 1000 ms`,
  );
}
