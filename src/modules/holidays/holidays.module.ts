// The holiday calendar: national holidays, cuti bersama and each unit's local holidays.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './holidays.messages.ts';
import { holidaysRoutes } from './holidays.routes.ts';

export const holidaysModule: AppModule = { routes: [holidaysRoutes], messages: [messages] };
