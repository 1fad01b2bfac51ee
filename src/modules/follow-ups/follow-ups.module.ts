// Follow-ups after release at 1, 3, 6 and 12 months (issue 16): recorded by the unit's staff or the
// Bapas probation officer assigned to the person. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './follow-ups.messages.ts';
import { followUpsRoutes } from './follow-ups.routes.ts';

export const followUpsModule: AppModule = { routes: [followUpsRoutes], messages: [messages] };
