// Operations endpoints: liveness, readiness (database reachable) and the OpenAPI document.
import { sql } from 'kysely';
import type { App } from '../../app/http.ts';
import type { ReadReplica } from '../../db/replica.ts';

/** A readiness probe answers within this, whatever the database does. */
const READY_TIMEOUT_MS = 3_000;
/** How long readiness waits to learn where reports read from (the replica's pool falls back meanwhile). */
const REPLICA_PROBE_MS = 1_000;

/** Where report reads go now: 'replica', or 'primary' while the replica is unreachable or slow to answer. */
async function reportsReadFrom(replica: ReadReplica): Promise<'replica' | 'primary'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const r = await Promise.race([
      sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(replica.db),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), REPLICA_PROBE_MS);
      }),
    ]);
    return r?.rows[0]?.standby ? 'replica' : 'primary';
  } catch {
    return 'primary';
  } finally {
    clearTimeout(timer);
  }
}

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
      // A read replica never makes the node unready: while it is away reports read from the
      // primary. The answer says where they read from now, for monitoring.
      if (app.replica) return { status: 'ready', reports: await reportsReadFrom(app.replica) };
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
