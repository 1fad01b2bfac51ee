// Starts the background jobs every feature module declares (src/modules.ts) on the kernel's
// PostgreSQL-backed queue (src/app/jobs.ts).
import type { Config } from './app/config.ts';
import { type JobLog, type Jobs, runJobs } from './app/jobs.ts';
import type { Db } from './db/database.ts';
import { MODULES } from './modules.ts';

export type { Jobs } from './app/jobs.ts';

export function startJobs(opts: { url: string; db: Db; config: Config; log: JobLog }): Promise<Jobs> {
  return runJobs(
    opts,
    MODULES.flatMap((mod) => mod.jobs ?? []),
  );
}
