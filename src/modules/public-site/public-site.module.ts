// Each unit's public pages (issue 17): published news with link previews, feeds, the sitemap and
// the product gallery, readable by anyone and cacheable. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './public-site.messages.ts';
import { publicSiteRoutes } from './public-site.routes.ts';

export const publicSiteModule: AppModule = { routes: [publicSiteRoutes], messages: [messages] };
