// PNBP, the production capital account, the monthly reconciliation, the journal export for audit
// and the offices' premi totals, with their /api/v1 twins. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { pnbpApi } from './pnbp.api.ts';
import * as messages from './pnbp.messages.ts';
import { pnbpRoutes } from './pnbp.routes.ts';

export const pnbpModule: AppModule = {
  routes: [pnbpRoutes, pnbpApi],
  messages: [messages],
};
