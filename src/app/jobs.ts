// Background work on a PostgreSQL-backed queue (pg-boss): jobs survive restarts, and with several
// app nodes each scheduled job runs once, on whichever node takes it. Feature-free: each module
// declares its jobs (see AppModule), and the composition root (src/jobs.ts) starts them all here.
import PgBoss from 'pg-boss';
import { type Db, isDatabaseUnavailable } from '../db/database.ts';
import type { Config } from './config.ts';

export interface JobLog {
  info(o: object, msg: string): void;
  warn?(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** What a job is given: the database, the settings, the log, and the queue itself. */
export interface JobDeps {
  db: Db;
  config: Config;
  log: JobLog;
  boss: PgBoss;
}

/** One piece of background work a module declares: started with the queue, stopped before it. */
export interface Job {
  start(deps: JobDeps): Promise<void>;
  stop?(): void;
}

/** A job run on a schedule (cron, in WIB), once across all nodes. */
export function scheduled(name: string, cron: string, run: (deps: JobDeps) => Promise<void>): Job {
  return {
    async start(deps) {
      await deps.boss.createQueue(name);
      await deps.boss.schedule(name, cron, {}, { tz: 'Asia/Jakarta' });
      await deps.boss.work(name, async () => {
        await run(deps);
      });
    },
  };
}

export interface Jobs {
  stop(): Promise<void>;
}

export async function runJobs(
  opts: { url: string; db: Db; config: Config; log: JobLog },
  jobs: readonly Job[],
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: 'pgboss',
    max: 3,
    application_name: 'simandiri-jobs',
  });
  // pg-boss keeps polling through a database outage and resumes by itself; while the database is
  // away every poll fails, so that is said once a minute, not once a second.
  let lastUnavailable = 0;
  boss.on('error', (err) => {
    if (!isDatabaseUnavailable(err)) return opts.log.error({ err }, 'job queue error');
    if (Date.now() - lastUnavailable < 60_000) return;
    lastUnavailable = Date.now();
    // Called as methods: pino's need their `this`.
    if (opts.log.warn) opts.log.warn({ reason: err.message }, 'job queue waiting for the database');
    else opts.log.error({ reason: err.message }, 'job queue waiting for the database');
  });
  await boss.start();

  const deps: JobDeps = { db: opts.db, config: opts.config, log: opts.log, boss };
  for (const job of jobs) await job.start(deps);

  return {
    async stop() {
      for (const job of jobs) job.stop?.();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
