// The one-page CV from a person's training record (issue 16): the staff PDF route, and
// cvForPartner for the job-offers module's instructor route (consent-gated). Listed in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './cv.messages.ts';
import { cvRoutes } from './cv.routes.ts';

export const cvModule: AppModule = { routes: [cvRoutes], messages: [messages] };
