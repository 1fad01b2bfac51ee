// Personal data protection (UU 27/2022): breaches, legal basis and the inmate access log.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { privacyApi } from './privacy.api.ts';
import * as messages from './privacy.messages.ts';
import { privacyRoutes } from './privacy.routes.ts';

export const privacyModule: AppModule = { routes: [privacyRoutes, privacyApi], messages: [messages] };
