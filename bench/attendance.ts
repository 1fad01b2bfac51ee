// `npm run bench:attendance`: a session of 200 participants on a fresh embedded PostgreSQL, driven
// through the real app in-process (app.inject, signed in as a petugas with cookies and CSRF, as a
// browser would be). Times, over N runs after a warm-up: saving all 200 marks in one request (a new
// session each run), correcting 20 of them with a reason, sending the same batch again (idempotent
// replay), and rendering the attendance page. Prints p50/p95/max in ms; the targets are < 100 ms.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config.ts';
import { createDb } from '../src/db/database.ts';
import { buildApp } from '../src/server.ts';
import { Client } from '../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser, TEST_PASSWORD } from '../test/builders.ts';
import { freshEmbedded } from './generate.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, participants: { type: 'string' } } });
const RUNS = Number(values.runs ?? 30);
const PEOPLE = Number(values.participants ?? 200);
const WARMUP = 5;

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 10, applicationName: 'simandiri-bench-attendance' });
const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent' });
const app = await buildApp({ db, config });
await app.ready();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const f = (x: number) => x.toFixed(1).padStart(6);
const line = (label: string, xs: number[]) =>
  process.stdout.write(
    `${label.padEnd(46)} min ${f(Math.min(...xs))}  p50 ${f(pct(xs, 50))}  p95 ${f(pct(xs, 95))}  max ${f(Math.max(...xs))} ms\n`,
  );

try {
  const unit = await buildUnit(db);
  const partner = await buildPartner(db, { unit_id: unit.id });
  const programme = await buildProgramme(db, { unit_id: unit.id, partner_id: partner.id, capacity: PEOPLE });
  const people = await buildParticipants(db, {
    programme_id: programme.id,
    n: PEOPLE,
    started_on: daysFromToday(-60),
  });
  const user = await buildUser(db, { roles: ['petugas'], unit_id: unit.id });
  const c = new Client(app);
  await c.get('/login');
  const signin = await c.postForm('/login', { username: user.username, password: TEST_PASSWORD });
  if (signin.statusCode !== 303) throw new Error(`sign-in failed: ${signin.statusCode}`);
  await c.refreshCsrf();

  const statuses = ['hadir', 'hadir', 'hadir', 'hadir', 'terlambat', 'izin', 'sakit', 'alpa', 'dispensasi'];
  const batch = (key: string) => ({
    idempotency_key: key,
    marks: people.map((p, i) => ({ enrolment_id: p.id, status: statuses[i % statuses.length] })),
  });
  const timed = async (f: () => Promise<{ statusCode: number; body: string }>, expect = 200) => {
    const t0 = performance.now();
    const res = await f();
    const ms = performance.now() - t0;
    if (res.statusCode !== expect) throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return ms;
  };

  const save: number[] = [];
  const correct: number[] = [];
  const replay: number[] = [];
  const render: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const s = await buildSession(db, { programme_id: programme.id, day: daysFromToday(0) });
    const url = `/api/v1/sessions/${s.id}/attendance`;
    const key = randomUUID();
    const a = await timed(() => c.json('POST', url, batch(key)));
    const b = await timed(() => c.json('POST', url, batch(key)));
    const fix = await timed(() =>
      c.json('POST', url, {
        idempotency_key: randomUUID(),
        marks: people
          .slice(0, 20)
          .map((p) => ({ enrolment_id: p.id, status: 'sakit', reason: 'Surat dokter' })),
      }),
    );
    const page = await timed(() => c.get(`/sessions/${s.id}/attendance`));
    // The floor on this machine right now: a signed-in request that reads almost nothing.
    const me = await timed(() => c.get('/api/v1/me'));
    if (i >= WARMUP) {
      floor.push(me);
      save.push(a);
      replay.push(b);
      correct.push(fix);
      render.push(page);
    }
  }
  process.stdout.write(
    `attendance, ${PEOPLE} participants, ${RUNS} runs after ${WARMUP} warm-up (in-process, embedded PostgreSQL)\n`,
  );
  line(`save ${PEOPLE} new marks (one request)`, save);
  line('send the same batch again (replay)', replay);
  line('correct 20 marks with a reason', correct);
  line(`render the attendance page (${PEOPLE} rows)`, render);
  line('baseline: GET /api/v1/me (sign-in check only)', floor);
  process.stdout.write(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs\n`,
  );
  const worst = Math.max(pct(save, 95), pct(render, 95));
  process.stdout.write(worst < 100 ? 'targets met: p95 < 100 ms\n' : 'TARGET MISSED: p95 >= 100 ms\n');
} finally {
  await app.close();
  await db.destroy();
  await embedded.stop();
}
