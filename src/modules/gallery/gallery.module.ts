// The product gallery's management (Humas): which of the unit's products the public gallery shows,
// with a blurb and a confirmed photo; the public pages themselves are the public-site module's.
import type { AppModule } from '../../app/module.ts';
import { galleryApi } from './gallery.api.ts';
import * as messages from './gallery.messages.ts';
import { galleryRoutes } from './gallery.routes.ts';

export const galleryModule: AppModule = { routes: [galleryRoutes, galleryApi], messages: [messages] };
