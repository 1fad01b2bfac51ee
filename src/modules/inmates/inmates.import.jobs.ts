// Where import jobs go. A node running the queue (JOBS=true) hands them to pg-boss, so whichever
// node is free takes them; a node without it (JOBS=false, tests) runs them in this process after
// the response. Either way the state is on the import row in PostgreSQL, so any node can show it.
import type { Db } from '../../db/database.ts';
import { markFailed } from './inmates.import.repo.ts';
import { type ImportJob, runImportJob } from './inmates.import.service.ts';
import type { ImportLimits } from './inmates.import.xlsx.ts';

export const IMPORT_QUEUE = 'inmates.import';

type Send = (job: ImportJob) => Promise<void>;
interface Log {
  error(o: object, msg: string): void;
}

let send: Send | null = null;
const running = new Set<Promise<void>>();

/** Set by startJobs while pg-boss runs in this node, cleared when it stops. */
export function useImportQueue(fn: Send | null): void {
  send = fn;
}

/** `limits` apply when this process runs the job itself; a queue worker uses its own node's. */
export async function enqueueImport(db: Db, job: ImportJob, log?: Log, limits?: ImportLimits): Promise<void> {
  if (send) {
    try {
      await send(job);
    } catch (err) {
      // Not queued means never run: say so on the import rather than leave it waiting.
      log?.error({ err, importId: job.id }, 'import job could not be queued');
      await markFailed(db, job.id, 'import.jobFailed');
    }
    return;
  }
  const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runImportJob(db, job, log, limits))
    .finally(() => running.delete(p));
  running.add(p);
}

/** Waits for the jobs this process runs itself (tests; shutdown of a node without the queue). */
export async function drainImportJobs(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
