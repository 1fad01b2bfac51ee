// The monthly aggregates (issue 14): the job that keeps them. Their pages, API and texts are the
// roll-up pages' (rollups.routes.ts and beside it); listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { rollupsJobs } from './rollups.jobs.ts';

export const rollupsModule: AppModule = {
  routes: [],
  jobs: rollupsJobs,
};
