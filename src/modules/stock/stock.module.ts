// The stock ledgers (products and materials) and gapless document numbers: no pages of their own,
// only the texts of their refusals. Production, materials, quality checks and sales move stock
// through stock.service.ts. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './stock.messages.ts';

export const stockModule: AppModule = {
  routes: [],
  messages: [messages],
};
