// Program Aksi indicators (issue 14, item 4): what the programmes tagged with each item of the
// ministry's list achieved, per unit, Kanwil and nation. Its own folder, beside the reference list
// (modules/program-aksi), because programmes import the list and the indicators read the roll-ups,
// which import programmes. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './program-aksi-indicators.messages.ts';
import { programAksiIndicatorsRoutes } from './program-aksi-indicators.routes.ts';

export const programAksiIndicatorsModule: AppModule = {
  routes: [programAksiIndicatorsRoutes],
  messages: [messages],
};
