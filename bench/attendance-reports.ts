// `npm run bench:attendance-reports`: the attendance summaries at national scale, through the real
// app in-process. A fresh embedded PostgreSQL is filled by the generator (default 530 units,
// 280,000 inmates, 4 programmes per unit, 26 weeks of sessions), then every programme gets
// --participants inmates of its unit and a mark for each of them on every held session (random
// statuses, mostly present). Signed in as a petugas of one unit, times each summary page and export
// over N runs after a warm-up, and prints p50/p95/max in ms.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/app/config.ts';
import { type Ctx, systemCtx } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import * as reports from '../src/modules/attendance-reports/attendance-reports.service.ts';
import { buildApp } from '../src/server.ts';
import { Client } from '../test/app.ts';
import { buildUser, TEST_PASSWORD } from '../test/builders.ts';
import { DEFAULTS, freshEmbedded, generate } from './generate.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string' },
    inmates: { type: 'string' },
    participants: { type: 'string' },
    runs: { type: 'string' },
  },
});
const UNITS = Number(values.units ?? 530);
const INMATES = Number(values.inmates ?? 280_000);
const PER_PROGRAMME = Number(values.participants ?? 25);
const RUNS = Number(values.runs ?? 20);
const WARMUP = 3;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const log = (m: string) => process.stderr.write(`${m}\n`);
const line = (label: string, times: number[]) =>
  process.stdout.write(
    `${label.padEnd(46)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms   max ${Math.max(
      ...times,
    )
      .toFixed(1)
      .padStart(6)} ms\n`,
  );

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 10, applicationName: 'simandiri-bench-reports' });
try {
  const gen = await generate(embedded.url, { units: UNITS, inmates: INMATES, log });
  let t0 = performance.now();
  await sql`
    insert into enrolments (programme_id, kind, inmate_id, name, started_on)
    select pr.id, 'inmate', i.id, i.name, ${DEFAULTS.start}::date
      from programmes pr
      cross join lateral (
        select id, name from inmates i
         where i.unit_id = pr.unit_id and i.status = 'active'
         order by md5(pr.id::text || i.id::text)
         limit ${PER_PROGRAMME}
      ) i`.execute(db);
  // Mostly present, now and then late, excused, sick, absent or called away.
  await sql`
    insert into attendance_marks (session_id, enrolment_id, status)
    select s.id, e.id,
           (array['hadir','hadir','hadir','hadir','hadir','hadir','hadir','terlambat','izin','sakit','alpa','dispensasi'])
             [1 + floor(random() * 12)::int]
      from enrolments e
      join programme_sessions s on s.programme_id = e.programme_id and s.status = 'scheduled'
     where s.day <= current_date`.execute(db);
  await sql`analyze`.execute(db);
  const counts = (
    await sql<{ e: string; m: string }>`
      select (select count(*) from enrolments) as e, (select count(*) from attendance_marks) as m`.execute(db)
  ).rows[0];
  process.stdout.write(
    `data: ${gen.units} units, ${gen.inmates} inmates, ${gen.programmes} programmes, ${gen.sessions} sessions, ` +
      `${counts?.e} enrolments, ${counts?.m} attendance marks (filled in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
  );

  // The unit with the most marks, its busiest programme, a session of it, one of its inmates.
  const pick = (
    await sql<{ unit_id: string; programme_id: string; session_id: string; inmate_id: string }>`
      select pr.unit_id, pr.id as programme_id,
             (select s.id from programme_sessions s where s.programme_id = pr.id and s.status = 'scheduled'
               order by s.day limit 1 offset 10) as session_id,
             (select e.inmate_id from enrolments e where e.programme_id = pr.id limit 1) as inmate_id
        from programmes pr
        join lateral (select count(*) as n from enrolments e
                        join attendance_marks a on a.enrolment_id = e.id
                       where e.programme_id = pr.id) m on true
       order by m.n desc limit 1`.execute(db)
  ).rows[0];
  if (!pick) throw new Error('no programme generated');

  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    JOBS: 'false',
  });
  const app = await buildApp({ db, config });
  await app.ready();
  try {
    const user = await buildUser(db, { roles: ['petugas'], unit_id: pick.unit_id });
    const c = new Client(app);
    await c.get('/login');
    const signin = await c.postForm('/login', { username: user.username, password: TEST_PASSWORD });
    if (signin.statusCode !== 303) throw new Error(`sign-in failed: ${signin.statusCode}`);

    const pages: Array<[string, string]> = [
      ['unit dashboard (with the absence alert)', '/dashboard'],
      ["programmes overview (the unit's)", '/attendance-reports'],
      ['programme report (participants + months)', `/attendance-reports/programmes/${pick.programme_id}`],
      ['participants XLSX', `/attendance-reports/programmes/${pick.programme_id}/participants.xlsx`],
      ['months XLSX', `/attendance-reports/programmes/${pick.programme_id}/months.xlsx`],
      ['session summary', `/sessions/${pick.session_id}/summary`],
      ["inmate's month page", `/attendance-reports/inmates/${pick.inmate_id}?month=2026-03`],
      [
        "inmate's month XLSX",
        `/attendance-reports/inmates/${pick.inmate_id}/participation.xlsx?month=2026-03`,
      ],
    ];
    t0 = performance.now();
    for (const [label, url] of pages) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const start = performance.now();
        const res = await c.get(url);
        const ms = performance.now() - start;
        if (res.statusCode !== 200)
          throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i >= WARMUP) times.push(ms);
      }
      line(label, times);
    }
    // The same summaries without HTTP, sign-in and rendering: the queries plus the rules.
    const national = systemCtx(db, new Date(), 'bench');
    const unit: Ctx = {
      ...national,
      who: { ...national.who, scope: { all: false, unitIds: [pick.unit_id] } },
    };
    const calls: Array<[string, () => Promise<unknown>]> = [
      [
        'service: absence alerts of the unit',
        () => reports.absenceAlerts(unit, { unitId: pick.unit_id, threshold: 3 }),
      ],
      ['service: programme report', () => reports.programmeReport(unit, pick.programme_id)],
      ['service: session summary', () => reports.sessionSummary(unit, pick.session_id)],
      [
        "service: inmate's month",
        () => reports.inmateMonth(unit, { inmateId: pick.inmate_id, month: '2026-03' }),
      ],
      ['service: overview, national, first page of 50', () => reports.overview(national)],
    ];
    for (const [label, f] of calls) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const start = performance.now();
        await f();
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      line(label, times);
    }
    process.stdout.write(
      `load average during the run: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (${os.cpus().length} cores)\n`,
    );
  } finally {
    await app.close();
  }
} finally {
  await db.destroy();
  await embedded.stop();
}
