// The newsroom (issue 17): news drafted from recorded events, approved by the Kepala UPT, published
// by Humas. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './news.messages.ts';
import { newsRoutes } from './news.routes.ts';

export const newsModule: AppModule = { routes: [newsRoutes], messages: [messages] };
