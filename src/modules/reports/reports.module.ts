// The units' monthly reports (issue 14): the list and the Kanwil's inbox, one report's page with its
// narrative, signature, review and revisions, its PDF and XLSX, and their /api/v1 twins.
import type { AppModule } from '../../app/module.ts';
import { reportsApi } from './reports.api.ts';
import * as messages from './reports.messages.ts';
import { reportsRoutes } from './reports.routes.ts';

export const reportsModule: AppModule = {
  routes: [reportsRoutes, reportsApi],
  messages: [messages],
};
