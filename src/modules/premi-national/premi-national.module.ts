// The national month: every active unit's draft premi runs of a month computed as one background
// job with its progress, started by a national administrator. Listed once in src/modules.ts.
import type { Job } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import { NATIONAL_QUEUE, useNationalQueue } from './premi-national.jobs.ts';
import * as messages from './premi-national.messages.ts';
import { premiNationalRoutes } from './premi-national.routes.ts';
import { type NationalJob, runNationalJob } from './premi-national.service.ts';

/** National months on whichever node is free; one at a time per node (each is long). */
const nationalQueue: Job = {
  async start({ boss, db, log }) {
    await boss.createQueue(NATIONAL_QUEUE);
    await boss.work<NationalJob>(NATIONAL_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
      if (job) await runNationalJob(db, job.data, log);
    });
    useNationalQueue(async (job) => {
      await boss.send(NATIONAL_QUEUE, job);
    });
  },
  stop() {
    useNationalQueue(null);
  },
};

export const premiNationalModule: AppModule = {
  routes: [premiNationalRoutes],
  jobs: [nationalQueue],
  messages: [messages],
};
