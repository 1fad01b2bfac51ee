// Start-up work two app nodes must not do at once (the first administrator, reference data, the
// demo): under a PostgreSQL advisory lock, as the migrations are, so nodes started together on an
// empty database take turns instead of one stopping on a duplicate key.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Any constant of our own; Kysely's migration lock uses another. */
const STARTUP_LOCK = 7_301_950_115;
const RETRY_MS = 200;

export async function underStartupLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  // The lock belongs to one session: held on a connection of its own while `work` uses the pool.
  // Asked again and again rather than waited for in one statement, which the pool's statement
  // timeout would cancel while another node seeds the demo.
  return db.connection().execute(async (conn) => {
    for (;;) {
      const { rows } = await sql<{ got: boolean }>`
        select pg_try_advisory_lock(${sql.lit(STARTUP_LOCK)}) as got`.execute(conn);
      if (rows[0]?.got) break;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(STARTUP_LOCK)})`.execute(conn);
    }
  });
}
