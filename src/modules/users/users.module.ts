// Staff accounts, their roles and their home unit, Kanwil or partner.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './users.messages.ts';
import { usersRoutes } from './users.routes.ts';

export const usersModule: AppModule = { routes: [usersRoutes], messages: [messages] };
