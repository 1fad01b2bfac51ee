// Exports of a premi run: the XLSX workbook (one row per inmate, the revenue groups) and the premi
// slips PDF (a batch, or one inmate's). Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './premi-exports.messages.ts';
import { premiExportsRoutes } from './premi-exports.routes.ts';

export const premiExportsModule: AppModule = {
  routes: [premiExportsRoutes],
  messages: [messages],
};
