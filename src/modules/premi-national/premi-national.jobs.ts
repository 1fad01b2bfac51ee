// Where national month jobs go. A node running the queue (JOBS=true) hands them to pg-boss, so
// whichever node is free takes them; a node without it (JOBS=false, tests) runs them in this
// process after the response. Either way the progress is on the job's row, so any node shows it.
import type { Db } from '../../db/database.ts';
import * as repo from './premi-national.repo.ts';
import { type NationalJob, runNationalJob } from './premi-national.service.ts';

export const NATIONAL_QUEUE = 'premi.national';

type Send = (job: NationalJob) => Promise<void>;
interface Log {
  error(o: object, msg: string): void;
}

let send: Send | null = null;
const running = new Set<Promise<void>>();

/** Set by the module's queue job while pg-boss runs in this node, cleared when it stops. */
export function useNationalQueue(fn: Send | null): void {
  send = fn;
}

export async function enqueueNational(db: Db, job: NationalJob, log?: Log): Promise<void> {
  if (send) {
    try {
      await send(job);
    } catch (err) {
      // Not queued means never run: say so on the row rather than leave it waiting.
      log?.error({ err, jobId: job.id }, 'national premi job could not be queued');
      await repo.finish(db, job.id, 'failed');
    }
    return;
  }
  const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runNationalJob(db, job, log))
    .finally(() => running.delete(p));
  running.add(p);
}

/** Waits for the jobs this process runs itself (tests; shutdown of a node without the queue). */
export async function drainNationalJobs(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
