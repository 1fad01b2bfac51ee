// Inmates (warga binaan): the register, its API, the SDP roster import with its queue worker and
// the hourly purge of unsaved import previews, and their texts. Listed once in src/modules.ts,
// which passes in what a person's page shows of other modules (their certificates).
import { type Job, scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import { inmatesApi } from './inmates.api.ts';
import * as expiryMessages from './inmates.expiry.messages.ts';
import { IMPORT_QUEUE, useImportQueue } from './inmates.import.jobs.ts';
import * as importMessages from './inmates.import.messages.ts';
import { inmatesImportRoutes } from './inmates.import.routes.ts';
import { type ImportJob, purgeUnsavedImports, runImportJob } from './inmates.import.service.ts';
import { importLimits } from './inmates.import.xlsx.ts';
import * as messages from './inmates.messages.ts';
import { inmatesRoutes } from './inmates.routes.ts';
import type { InmatePageLists } from './inmates.service.ts';

/** SDP imports: reading/checking and saving large files off the request, on whichever node is free. */
const importQueue: Job = {
  async start({ boss, db, config, log }) {
    await boss.createQueue(IMPORT_QUEUE);
    await boss.work<ImportJob>(IMPORT_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await runImportJob(db, job.data, log, importLimits(config));
    });
    useImportQueue(async (job) => {
      await boss.send(IMPORT_QUEUE, job);
    });
  },
  stop() {
    useImportQueue(null);
  },
};

export const inmatesModule = (lists: InmatePageLists): AppModule => ({
  routes: [inmatesRoutes(lists), inmatesApi, inmatesImportRoutes],
  jobs: [
    importQueue,
    // Hourly: SDP import previews never saved within IMPORT_PREVIEW_HOURS are deleted.
    scheduled('inmates.purge-import-previews', '41 * * * *', async ({ db, config, log }) => {
      const n = await purgeUnsavedImports(db, config.importPreviewHours);
      log.info({ removed: n }, 'unsaved import previews purged');
    }),
  ],
  messages: [messages, importMessages, expiryMessages],
});
