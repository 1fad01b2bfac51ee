// The retention job on the queue: daily at 01:40 WIB, and at once when a national administrator
// asks ("Jalankan sekarang"). Both go through one pg-boss queue, so runs never overlap on a node and
// any node may take one; a node without the queue (JOBS=false, tests) runs a requested run itself
// after the response. A run is idempotent, so a second one only finds nobody left to do.
import type { Job } from '../../app/jobs.ts';
import { type Actor, actingAs, type Ctx, systemCtx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { runRetention } from './retention.service.ts';

export const RETENTION_QUEUE = 'retention.pseudonymise';
export const RETENTION_CRON = '40 1 * * *';

/** What a queued run carries: who asked (the audit actor and retention_runs.triggered_by), or nobody. */
export interface RetentionJob {
  actor?: Actor | null;
}

interface Log {
  info(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

function ctxFor(db: Db, job: RetentionJob): Ctx {
  return job.actor
    ? { db, who: actingAs(job.actor), now: new Date() }
    : systemCtx(db, new Date(), 'system:jobs');
}

async function run(db: Db, years: number, job: RetentionJob, log?: Log): Promise<void> {
  const r = await runRetention(ctxFor(db, job), { years });
  log?.info({ run: r.id, people: r.people, cutoff: r.cutoff }, 'retention run');
}

type Send = (job: RetentionJob) => Promise<void>;
let send: Send | null = null;
const running = new Set<Promise<void>>();

/** Queues a run for the given user; without the queue, runs it in this process after the response. */
export async function enqueueRetention(db: Db, years: number, job: RetentionJob, log?: Log): Promise<void> {
  if (send) return send(job);
  const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => run(db, years, job, log))
    // A failed run leaves the batches before it done; the next run takes up the rest.
    .catch((err: unknown) => log?.error({ err }, 'retention run failed'))
    .finally(() => running.delete(p));
  running.add(p);
}

/** Waits for the runs this process started itself (tests). */
export async function drainRetention(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}

export const retentionJob: Job = {
  async start({ boss, db, config, log }) {
    await boss.createQueue(RETENTION_QUEUE);
    await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'Asia/Jakarta' });
    await boss.work<RetentionJob>(RETENTION_QUEUE, async ([job]) => {
      await run(db, config.retentionYears, job?.data ?? {}, log);
    });
    send = async (job) => {
      await boss.send(RETENTION_QUEUE, job);
    };
  },
  stop() {
    send = null;
  },
};
