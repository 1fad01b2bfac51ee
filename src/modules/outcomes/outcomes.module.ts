// Reintegration outcomes (issue 16): per unit and programme, released participants, followed up, in
// work or own business at six months, re-offended at twelve, from the monthly aggregates; the page
// /reintegration/outcomes, its workbook and /api/v1/outcomes. `outcomesOf` is the service's export.
import type { AppModule } from '../../app/module.ts';
import * as messages from './outcomes.messages.ts';
import { outcomesRoutes } from './outcomes.routes.ts';

export const outcomesModule: AppModule = {
  routes: [outcomesRoutes],
  messages: [messages],
};
