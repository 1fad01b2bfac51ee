// Operations endpoints: liveness, readiness (database reachable) and the OpenAPI document.
import { sql } from 'kysely';
import type { App } from '../../app/http.ts';

export async function systemRoutes(app: App) {
  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { permission: 'public' } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database' });
    }
  });

  app.get('/api/openapi.json', { config: { permission: 'public' } }, async () => app.swagger());
}
