// Materials and their movements, stock-takes and write-offs (materials and finished products,
// approved by the Kepala UPT), and the stock page. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { adjustmentsApi } from './adjustments.api.ts';
import { adjustmentsRoutes } from './adjustments.routes.ts';
import { materialsApi } from './materials.api.ts';
import * as messages from './materials.messages.ts';
import { materialsRoutes } from './materials.routes.ts';

export const materialsModule: AppModule = {
  routes: [materialsRoutes, adjustmentsRoutes, materialsApi, adjustmentsApi],
  messages: [messages],
};
