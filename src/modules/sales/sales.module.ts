// Direct sales (bazaar, visitors' corner, orders): the sales book, the sale form, the kuitansi PDF
// and cancellation by reversal, with their /api/v1 twins. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { salesApi } from './sales.api.ts';
import * as messages from './sales.messages.ts';
import { salesRoutes } from './sales.routes.ts';

export const salesModule: AppModule = {
  routes: [salesRoutes, salesApi],
  messages: [messages],
};
