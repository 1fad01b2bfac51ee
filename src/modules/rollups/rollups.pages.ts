// The roll-up pages, their downloads and their /api/v1 twins (issue 14, items 2, 3 and 8) as one
// module. It takes the monthly reports' status as a function (src/modules.ts passes it in), since
// the reports module reads the aggregates of this folder and the folders must not import each other.
import type { AppModule } from '../../app/module.ts';
import { rollupsApi } from './rollups.api.ts';
import * as messages from './rollups.messages.ts';
import { rollupsRoutes } from './rollups.routes.ts';
import type { RollupDeps } from './rollups.tables.ts';

export const rollupPagesModule = (deps: RollupDeps): AppModule => ({
  routes: [rollupsRoutes(deps), rollupsApi(deps)],
  messages: [messages],
});
