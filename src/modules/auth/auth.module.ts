// Signing in and out: its pages and API, its texts, and the hourly clean-up of expired sessions.
// Listed once in src/modules.ts.
import { scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import * as messages from './auth.messages.ts';
import { authRoutes } from './auth.routes.ts';
import { purgeExpired } from './auth.service.ts';

export const authModule: AppModule = {
  routes: [authRoutes],
  jobs: [
    scheduled('auth.purge-expired', '17 * * * *', async ({ db, config, log }) => {
      const n = await purgeExpired(db, config);
      log.info({ removed: n }, 'expired sessions purged');
    }),
  ],
  messages: [messages],
};
