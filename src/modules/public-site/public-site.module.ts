// Each unit's public pages (#17): published news, item pages with link previews, the feed, the sitemap, the gallery.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';

export const publicSiteModule: AppModule = { routes: [] };
