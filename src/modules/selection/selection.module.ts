// Selection: intakes, candidates, scores, consent and the TPP decision.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { selectionApi } from './selection.api.ts';
import * as messages from './selection.messages.ts';
import { selectionRoutes } from './selection.routes.ts';

export const selectionModule: AppModule = { routes: [selectionRoutes, selectionApi], messages: [messages] };
