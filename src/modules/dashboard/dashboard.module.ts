// The dashboard: what the signed-in user sees first.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './dashboard.messages.ts';
import { dashboardRoutes } from './dashboard.routes.ts';

export const dashboardModule: AppModule = { routes: [dashboardRoutes], messages: [messages] };
