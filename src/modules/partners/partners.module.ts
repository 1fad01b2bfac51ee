// Partners (companies, foundations, training centres) and their instructors.
// Listed once in src/modules.ts, which passes in what the partner's page lists of other modules.
import type { AppModule } from '../../app/module.ts';
import * as messages from './partners.messages.ts';
import { type PartnerPageLists, partnersRoutes } from './partners.routes.ts';

export const partnersModule = (lists: PartnerPageLists): AppModule => ({
  routes: [partnersRoutes(lists)],
  messages: [messages],
});
