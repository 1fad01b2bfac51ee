// The inmate's tabungan premi (savings ledger): balances and statement, withdrawals with their
// receipt, the payout at release with its slip, transfers between units; pages and /api/v1/savings.
import type { AppModule } from '../../app/module.ts';
import { savingsApi } from './savings.api.ts';
import * as messages from './savings.messages.ts';
import { savingsRoutes } from './savings.routes.ts';

export const savingsModule: AppModule = {
  routes: [savingsRoutes, savingsApi],
  messages: [messages],
};
