// `npm run bench:sessions`: the daily session-generation job at national scale, through the real
// code. A fresh embedded PostgreSQL is filled by the generator (default 530 units, 280,000 inmates,
// 4 programmes per unit, 26 weeks of sessions from 2026-01-05), then `generateSessions` runs as the
// job does: once where four weeks of the 8-week window are missing ("fill"), then again at once
// ("nothing to create"). Prints seconds, sessions created and audit records written for each run.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemCtx } from '../src/app/principal.ts';
import { createDb } from '../src/db/database.ts';
import { generateSessions } from '../src/modules/programmes/sessions.service.ts';
import { DEFAULTS, freshEmbedded, generate } from './generate.ts';
import { freePort } from './startup.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string' },
    inmates: { type: 'string' },
    'programmes-per-unit': { type: 'string' },
    weeks: { type: 'string' },
  },
});
const opts = {
  units: Number(values.units ?? 530),
  inmates: Number(values.inmates ?? 280_000),
  programmesPerUnit: Number(values['programmes-per-unit'] ?? DEFAULTS.programmesPerUnit),
  weeks: Number(values.weeks ?? DEFAULTS.weeks),
};

const embedded = await freshEmbedded(await freePort());
const db = createDb(embedded.url, { max: 4, applicationName: 'simandiri-bench-sessions' });
try {
  const res = await generate(embedded.url, { ...opts, log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(
    `generated ${res.units} units, ${res.schedules} schedules, ${res.sessions} sessions (${opts.weeks} weeks from ${DEFAULTS.start})\n`,
  );
  // Settle the freshly loaded database first, so background work does not land in the timings.
  await sql`checkpoint`.execute(db);
  await sql`vacuum analyze`.execute(db);
  // "Today" four weeks before the generated sessions end: half of the 8-week window is missing.
  const endMs = Date.parse(`${DEFAULTS.start}T00:00:00Z`) + (opts.weeks * 7 - 28) * 86_400_000;
  const now = new Date(endMs + 3 * 3_600_000); // 03:00 UTC, 10:00 WIB
  const audits = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db)).rows[0]?.n ?? 0);
  for (const label of ['fill', 'nothing to create']) {
    const a0 = await audits();
    const t0 = performance.now();
    const created = await generateSessions(systemCtx(db, now));
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(
      `generateSessions (${label}): ${s.toFixed(2)} s, ${created} sessions created, ${(await audits()) - a0} audit records\n`,
    );
  }
} finally {
  await db.destroy();
  await embedded.stop();
}
