// Builds the web application: the kernel's request pipeline (src/app/pipeline.ts) with the auth
// module's sign-in lookups, then every feature module's routes, in the order src/modules.ts lists.
import type { Config } from './app/config.ts';
import type { App } from './app/http.ts';
import { createPipeline } from './app/pipeline.ts';
import type { Db } from './db/database.ts';
import type { ReadReplica } from './db/replica.ts';
import { userFromSession, userFromToken } from './modules/auth/auth.service.ts';
import { MODULES } from './modules.ts';

export async function buildApp(opts: {
  db: Db;
  /** The read replica for reports (DATABASE_REPLICA_URL); see reportDb in app/principal.ts. */
  replica?: ReadReplica | null;
  config: Config;
}): Promise<App> {
  const app = await createPipeline({
    ...opts,
    authenticate: { token: userFromToken, session: userFromSession },
  });
  for (const mod of MODULES) for (const routes of mod.routes) await app.register(routes);
  return app;
}
