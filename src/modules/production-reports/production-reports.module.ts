// Production reports: a month's production per programme (with twelve months' history) and per
// participant, the stock report, the sales book and receivables, their XLSX exports and API.
// Listed once in src/modules.ts; the dashboard's tiles and the SPPN evidence call its service.
import type { AppModule } from '../../app/module.ts';
import { productionReportsApi } from './production-reports.api.ts';
import * as messages from './production-reports.messages.ts';
import { productionReportsRoutes } from './production-reports.routes.ts';

export const productionReportsModule: AppModule = {
  routes: [productionReportsRoutes, productionReportsApi],
  messages: [messages],
};
