import type { AppModule } from '../../app/module.ts';
import * as messages from './public-site.messages.ts';

export const publicSiteModule: AppModule = { routes: [], messages: [messages] };
