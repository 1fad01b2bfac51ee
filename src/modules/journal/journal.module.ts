// Session journals and their documentation photos.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { journalApi } from './journal.api.ts';
import * as messages from './journal.messages.ts';
import { journalRoutes } from './journal.routes.ts';

export const journalModule: AppModule = { routes: [journalRoutes, journalApi], messages: [messages] };
