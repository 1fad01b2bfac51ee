// The data-subject export (UU 27/2022): everything held about one person, as JSON and PDF, for a
// lawful request; audited. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { subjectAccessApi } from './subject-access.api.ts';
import * as messages from './subject-access.messages.ts';
import { subjectAccessRoutes } from './subject-access.routes.ts';

export const subjectAccessModule: AppModule = {
  routes: [subjectAccessRoutes, subjectAccessApi],
  messages: [messages],
};
