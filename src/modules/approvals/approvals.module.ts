// The Kepala UPT's approvals inbox (/approvals and its /api/v1 twin, the dashboard panel) and the
// requests it decides that no other module keeps. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { approvalsApi } from './approvals.api.ts';
import * as messages from './approvals.messages.ts';
import { approvalsRoutes } from './approvals.routes.ts';

export const approvalsModule: AppModule = {
  routes: [approvalsRoutes, approvalsApi],
  messages: [messages],
};
