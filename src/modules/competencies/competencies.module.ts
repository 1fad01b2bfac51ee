// Competency units per programme and each participant's assessments.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { competenciesApi } from './competencies.api.ts';
import * as messages from './competencies.messages.ts';
import { competenciesRoutes } from './competencies.routes.ts';

export const competenciesModule: AppModule = {
  routes: [competenciesRoutes, competenciesApi],
  messages: [messages],
};
