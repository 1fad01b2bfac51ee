// Monthly premi runs: computed from the unit's month (offtake, own sales, training attendance),
// reviewed, approved and posted to the journal, corrected by reversals; the unit's premi settings.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { premiApi } from './premi.api.ts';
import * as messages from './premi.messages.ts';
import { premiRoutes } from './premi.routes.ts';

export const premiModule: AppModule = {
  routes: [premiRoutes, premiApi],
  messages: [messages],
};
