// Retention (UU 27/2022, issue 16): the daily job that pseudonymises released people past the
// retention period, and its page and API. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { retentionJob } from './retention.jobs.ts';
import * as messages from './retention.messages.ts';
import { retentionRoutes } from './retention.routes.ts';

export const retentionModule: AppModule = {
  routes: [retentionRoutes],
  jobs: [retentionJob],
  messages: [messages],
};
