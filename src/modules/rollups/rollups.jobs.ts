// The upkeep of the monthly aggregates: every minute, mark the months that time alone changes (a
// session starts, a month begins) and recount every unit-month a write has touched since.
import { type Job, scheduled } from '../../app/jobs.ts';
import { markClock } from './rollups.repo.ts';
import { refreshDirty } from './rollups.service.ts';

export const REFRESH_JOB = 'rollups.refresh';

/** One run: the clock's marks, then batches until nothing is left (each batch its own transaction). */
export async function refreshRun(
  db: Parameters<typeof refreshDirty>[0],
): Promise<{ marked: number; recounted: number }> {
  const marked = await markClock(db);
  const recounted = await refreshDirty(db);
  return { marked, recounted };
}

export const rollupsJobs: readonly Job[] = [
  // pg-boss runs a scheduled job once across all nodes; SKIP LOCKED keeps two runs apart anyway.
  scheduled(REFRESH_JOB, '* * * * *', async ({ db, log }) => {
    const r = await refreshRun(db);
    if (r.recounted > 0) log.info(r, 'monthly aggregates recounted');
  }),
];
