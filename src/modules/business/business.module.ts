// Own-business (UMKM) plans for people leaving with a trade, and the help given for them (#16).
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './business.messages.ts';
import { businessRoutes } from './business.routes.ts';

export const businessModule: AppModule = {
  routes: [businessRoutes],
  messages: [messages],
};
