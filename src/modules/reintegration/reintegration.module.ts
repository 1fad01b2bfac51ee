// Release and reintegration (issue 16): the release pipeline (30/90-day lists by each unit's own
// date), one person's case with its readiness checklist, consents and the release itself, the unit's
// checklist templates, with their /api/v1/reintegration twins. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { reintegrationApi } from './reintegration.api.ts';
import * as messages from './reintegration.messages.ts';
import { reintegrationRoutes } from './reintegration.routes.ts';

export const reintegrationModule: AppModule = {
  routes: [reintegrationRoutes, reintegrationApi],
  messages: [messages],
};
