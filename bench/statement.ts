// `npm run bench:statement`: issue 12's target "an inmate statement renders under 50 ms". On a
// fresh embedded PostgreSQL it creates one unit and one inmate with 24 postings (20 monthly premi
// credits and 4 canteen withdrawals, through postEntry and the savings service), then times 100
// renders after a warm-up: the statement read alone (service), and the whole render a user waits
// for (read + the Rekening Tabungan Premi PDF). Prints min/p50/p95/max in ms and the verdict, and
// the CPU this process spent per render with the load average: on a shared machine the wall clock
// also counts the time other processes held the cores. Part of `npm run bench`.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { systemCtx } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import { postEntry } from '../src/modules/ledger/ledger.service.ts';
import { withdraw } from '../src/modules/savings/savings.payouts.service.ts';
import { statementPdf } from '../src/modules/savings/savings.pdf.ts';
import { statement } from '../src/modules/savings/savings.service.ts';
import { buildInmate, buildUnit } from '../test/builders.ts';
import { freshEmbedded } from './generate.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? 100);
const WARMUP = 5;
const TARGET = 50;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const f = (x: number) => x.toFixed(1).padStart(6);
const log = (m: string) => process.stderr.write(`${m}\n`);

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 4, applicationName: 'simandiri-bench-statement' });
try {
  const ctx = systemCtx(db);
  const unit = await buildUnit(db);
  const inmate = await buildInmate(db, { unit_id: unit.id });
  // 20 months of premi (Apr 2025 - Nov 2026), 25% spendable, and a canteen withdrawal every 5th month.
  let postings = 0;
  for (let m = 0; m < 20; m++) {
    const y = 2025 + Math.floor((3 + m) / 12);
    const mo = ((3 + m) % 12) + 1;
    const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    const total = 120_000 + m * 3_000;
    const spendable = Math.floor(total / 4);
    await db.transaction().execute((trx) =>
      postEntry(systemCtx(trx), {
        unitId: unit.id,
        day: last,
        kind: 'premi_run',
        sourceId: randomUUID(),
        memo: `Premi ${last.slice(0, 7)}`,
        lines: [
          { account: 'revenue', purpose: 'share', amount: total },
          {
            account: 'premi',
            purpose: 'share',
            inmateId: inmate.id,
            pocket: 'saved',
            amount: -(total - spendable),
          },
          {
            account: 'premi',
            purpose: 'share',
            inmateId: inmate.id,
            pocket: 'spendable',
            amount: -spendable,
          },
        ],
      }),
    );
    postings++;
    if (m % 5 === 4) {
      await withdraw(ctx, inmate.id, {
        day: `${last.slice(0, 8)}28`,
        amount: 40_000,
        purpose: 'canteen',
        reason: 'Belanja kantin',
      });
      postings++;
    }
  }
  const check = await statement(ctx, inmate.id);
  log(
    `inmate with ${check.rows.length} postings (${postings} written), closing balance ${check.balance.total}`,
  );

  const read: number[] = [];
  const render: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await statement(ctx, inmate.id);
    const t1 = performance.now();
    const pdf = await statementPdf(s, '2026-12-01');
    const t2 = performance.now();
    const c = process.cpuUsage(c0);
    bytes = pdf.length;
    if (i >= WARMUP) {
      read.push(t1 - t0);
      render.push(t2 - t0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  const line = (label: string, xs: number[]) =>
    process.stdout.write(
      `${label.padEnd(48)} min ${f(Math.min(...xs))}  p50 ${f(pct(xs, 50))}  p95 ${f(pct(xs, 95))}  max ${f(Math.max(...xs))} ms\n`,
    );
  process.stdout.write(
    `Inmate statement, ${check.rows.length} postings, ${RUNS} renders after ${WARMUP} warm-up (PDF ${bytes} bytes)\n`,
  );
  line('statement read (service)', read);
  line('statement render (read + PDF)', render);
  line('  CPU of this process per render', cpu);
  process.stdout.write(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores\n`,
  );
  const ok = pct(render, 95) < TARGET;
  process.stdout.write(
    `${ok ? 'MET' : 'MISSED'}: statement renders in p95 ${pct(render, 95).toFixed(1)} ms (target < ${TARGET} ms)\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await db.destroy();
  await embedded.stop();
}
