// The offline batches of the hall, applied once per key: no pages of their own, only texts.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './batches.messages.ts';

export const batchesModule: AppModule = {
  routes: [],
  messages: [messages],
};
