// Operations endpoints: liveness, readiness (database reachable) and the OpenAPI document.
import { sql } from 'kysely';
import type { App } from '../../app/http.ts';

/** A readiness probe answers within this, whatever the database does. */
const READY_TIMEOUT_MS = 3_000;

export async function systemRoutes(app: App) {
  // Liveness: the process answers. It never asks the database, so an orchestrator does not
  // restart a healthy node while PostgreSQL is away; readiness takes it out of rotation instead.
  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { permission: 'public' } }, async (req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(app.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer in time')), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'database not reachable');
      return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', reason: 'database' });
    } finally {
      clearTimeout(timer);
    }
  });

  app.get('/api/openapi.json', { config: { permission: 'public' } }, async () => app.swagger());
}
