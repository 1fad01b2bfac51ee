// The partner's quality check: batches of finished items sent to the partner and its check, pages,
// API and texts. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import * as messages from './quality.messages.ts';
import { qualityRoutes } from './quality.routes.ts';

export const qualityModule: AppModule = { routes: [qualityRoutes], messages: [messages] };
