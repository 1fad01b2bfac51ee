// Completion and certificates: standings, issuing, the PDF and the public verification page.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { certificatesApi } from './certificates.api.ts';
import * as messages from './certificates.messages.ts';
import { certificatesRoutes } from './certificates.routes.ts';

export const certificatesModule: AppModule = {
  routes: [certificatesRoutes, certificatesApi],
  messages: [messages],
};
