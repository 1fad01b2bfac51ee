// Offtake invoices to the partner for what passed its quality check, and the payments received:
// pages, API and texts. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './offtake.messages.ts';
import { offtakeRoutes } from './offtake.routes.ts';

export const offtakeModule: AppModule = { routes: [offtakeRoutes], messages: [messages] };
