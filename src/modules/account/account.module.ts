// One's own account: password and API tokens.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './account.messages.ts';
import { accountRoutes } from './account.routes.ts';

export const accountModule: AppModule = { routes: [accountRoutes], messages: [messages] };
