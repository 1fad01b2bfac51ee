// The production log: the /production hub, a session's (or a workshop day's) log, its API and texts.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { productionApi } from './production.api.ts';
import * as messages from './production.messages.ts';
import { productionRoutes } from './production.routes.ts';

export const productionModule: AppModule = {
  routes: [productionRoutes, productionApi],
  messages: [messages],
};
