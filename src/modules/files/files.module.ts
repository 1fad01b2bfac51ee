// Stored files (agreement documents, journal photos): downloads, each asking its owner module.
// Listed once in src/modules.ts, which passes in each owner's check.
import type { AppModule } from '../../app/module.ts';
import * as messages from './files.messages.ts';
import { type FileOwners, filesRoutes } from './files.routes.ts';

export const filesModule = (owners: FileOwners): AppModule => ({
  routes: [filesRoutes(owners)],
  messages: [messages],
});
