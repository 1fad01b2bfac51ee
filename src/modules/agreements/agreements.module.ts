// Cooperation agreements with partners: pages, API, texts, and the daily expiry reminders.
// Listed once in src/modules.ts.
import { scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import { systemCtx } from '../../app/principal.ts';
import { agreementsApi } from './agreements.api.ts';
import * as messages from './agreements.messages.ts';
import { REMINDERS_JOB, recordReminders } from './agreements.reminders.ts';
import { agreementsRoutes } from './agreements.routes.ts';

export const agreementsModule: AppModule = {
  routes: [agreementsRoutes, agreementsApi],
  jobs: [
    // Daily at 06:00 WIB, before offices open in any zone of Indonesia.
    scheduled('agreements.reminders', '0 6 * * *', async ({ db, log }) => {
      const n = await recordReminders(systemCtx(db, new Date(), REMINDERS_JOB));
      log.info({ created: n }, 'agreement reminders recorded');
    }),
  ],
  messages: [messages],
};
