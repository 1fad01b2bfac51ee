// Order inquiries from the public gallery and the spam guard that protects the form (issue 17):
// routes, texts, and the daily clean-up of the guard's tables. Listed once in src/modules.ts.
import { scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import * as messages from './orders.messages.ts';
import { ordersRoutes } from './orders.routes.ts';
import { purgeSpamGuard } from './orders.service.ts';

export const ordersModule: AppModule = {
  routes: [ordersRoutes],
  jobs: [
    scheduled('orders.purge-spam-guard', '25 2 * * *', async ({ db, log }) => {
      const n = await purgeSpamGuard({ db, now: new Date() });
      log.info(n, 'spam guard: old attempts and spent solutions removed');
    }),
  ],
  messages: [messages],
};
