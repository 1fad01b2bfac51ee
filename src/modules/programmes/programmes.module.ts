// Programmes, their schedules and sessions: pages, API, texts, and the daily session generation.
// Listed once in src/modules.ts.
import { scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import { systemCtx } from '../../app/principal.ts';
import { programmesApi } from './programmes.api.ts';
import * as messages from './programmes.messages.ts';
import { programmesRoutes } from './programmes.routes.ts';
import { generateSessions } from './sessions.service.ts';

export const programmesModule: AppModule = {
  routes: [programmesRoutes, programmesApi],
  jobs: [
    // Daily at 05:30 WIB: keeps every running schedule's sessions filled 8 weeks ahead.
    scheduled('programmes.generate-sessions', '30 5 * * *', async ({ db, log }) => {
      const n = await generateSessions(systemCtx(db, new Date(), 'system:jobs'));
      log.info({ created: n }, 'programme sessions generated');
    }),
  ],
  messages: [messages],
};
