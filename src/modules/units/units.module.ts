// Units (Lapas, Rutan, LPKA, ...) and the regional offices (Kanwil) they belong to.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './units.messages.ts';
import { unitsRoutes } from './units.routes.ts';

export const unitsModule: AppModule = { routes: [unitsRoutes], messages: [messages] };
