// Job offers of partners and other employers, matched candidates and their applications (#16).
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { jobOffersApi } from './job-offers.api.ts';
import * as messages from './job-offers.messages.ts';
import { jobOffersRoutes } from './job-offers.routes.ts';

export const jobOffersModule: AppModule = {
  routes: [jobOffersRoutes, jobOffersApi],
  messages: [messages],
};
