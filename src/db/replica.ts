// The read replica for reports (DATABASE_REPLICA_URL): a streaming standby of the primary that the
// report and roll-up reads go to (reportDb in app/principal.ts), so a national roll-up never
// competes with a unit's attendance for the primary. It only ever runs reads; a write through it
// would fail (a standby is read-only), and services never try: they write through ctx.db.
//
// A replica outage must not take down the units' daily work, nor even the reports: while the
// replica cannot be reached, its pool hands out the primary's connections instead (one try at the
// replica every RETRY_MS), so the report pages keep answering from the primary. How far behind the
// replica is shows on the pages' freshness stamp (replicaLag).
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import type pg from 'pg';
import { createPool, type Db, type DbOptions, isDatabaseUnavailable } from './database.ts';
import type { Database } from './schema.ts';

/** After the replica could not be reached, reads go to the primary this long before trying again. */
export const RETRY_MS = 15_000;
/** SQLSTATE of a standby's query cancelled by replay ("canceling statement due to conflict with recovery"). */
const RECOVERY_CONFLICT = '40001';

export interface ReadReplica {
  /** Reads through the replica's pool (the primary's while the replica is unreachable). */
  db: Db;
  /** From this lag on (seconds), the pages say how far behind the replica's figures are. */
  lagNoticeSeconds: number;
  /** 'replica' while reads go there, 'primary' while it is unreachable and they fall back. */
  reading(): 'replica' | 'primary';
}

/**
 * A pool that hands out the replica's connections, or the primary's while the replica cannot be
 * reached (refused, timed out, starting up, gone). Released clients go back to the pool they came
 * from. A pooled connection the replica dropped is found out by its first query, which is then
 * run on a primary connection instead (with everything after it on that checkout): a read, or a
 * BEGIN, so nothing runs twice; so is a first query the standby's replay cancelled (a conflict
 * with recovery). A later query failing mid-checkout fails as any outage does (503).
 */
class FallbackPool implements PostgresPool {
  private downUntil = 0;
  constructor(
    private readonly replica: pg.Pool,
    private readonly primary: pg.Pool,
    private readonly onFallback: (err: Error) => void,
  ) {}

  reading(): 'replica' | 'primary' {
    return Date.now() < this.downUntil ? 'primary' : 'replica';
  }

  private down(err: Error) {
    this.downUntil = Date.now() + RETRY_MS;
    this.onFallback(err);
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.reading() === 'primary') return this.primary.connect();
    let client: pg.PoolClient;
    try {
      client = await this.replica.connect();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      this.down(err as Error);
      return this.primary.connect();
    }
    return this.guarded(client);
  }

  /** The replica's client, moving to a primary connection if its first query finds the replica gone. */
  private guarded(client: pg.PoolClient): PostgresPoolClient {
    let used = false;
    let moved: pg.PoolClient | undefined;
    const query = (text: string, params: readonly unknown[]) => {
      if (moved) return moved.query(text, [...params]);
      const first = !used;
      used = true;
      const answer = client.query(text, [...params]);
      if (!first) return answer;
      return answer.catch(async (err: unknown) => {
        // Replay cancelled the read (a conflict with recovery): run it once more on the primary.
        const conflict = (err as { code?: unknown }).code === RECOVERY_CONFLICT;
        if (!conflict && !isDatabaseUnavailable(err)) throw err;
        if (!conflict) this.down(err as Error);
        moved = await this.primary.connect();
        return moved.query(text, [...params]);
      });
    };
    return {
      query: ((textOrCursor: unknown, params: readonly unknown[] = []) =>
        typeof textOrCursor === 'string'
          ? query(textOrCursor, params)
          : (moved ?? client).query(textOrCursor as never)) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        // A replica connection that failed is broken: the pool drops it rather than reuse it.
        client.release(destroy || moved !== undefined);
        moved?.release(destroy);
      },
    };
  }

  /** Ends the replica's pool only: the primary's belongs to the primary's Db. */
  async end() {
    await this.replica.end();
  }
}

/**
 * The replica's Db for the composition root: its own pool (application_name simandiri-replica),
 * falling back to `primary` (the primary Db's pool) while unreachable.
 */
export function openReplica(
  url: string,
  primary: pg.Pool,
  opts: DbOptions & { lagNoticeSeconds: number; onFallback?: (err: Error) => void },
): ReadReplica {
  const pool = new FallbackPool(
    createPool(url, {
      applicationName: 'simandiri-replica',
      // An unreachable replica costs one request this long before the reads fall back.
      connectTimeoutMs: 2_000,
      ...opts,
    }),
    primary,
    (err) => opts.onFallback?.(err),
  );
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    lagNoticeSeconds: opts.lagNoticeSeconds,
    reading: () => pool.reading(),
  };
}

/** A replica over a Db the caller made (tests: a second, logged pool on the same database). */
export function replicaOver(db: Db, lagNoticeSeconds: number): ReadReplica {
  return { db, lagNoticeSeconds, reading: () => 'replica' };
}

/**
 * How many seconds the replica's data is behind the primary: 0 when it has replayed everything the
 * primary had written when asked, else the time since the last transaction it replayed. Null when
 * the answer came from the primary itself (the replica unreachable, reads falling back) or the
 * replica has replayed no transaction since it started (nothing to measure from).
 */
export async function replicaLag(primary: Db, replica: Db): Promise<number | null> {
  // The primary's position first: a replica that has replayed up to it was current when asked.
  const p = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
  const lsn = p.rows[0]?.lsn;
  if (!lsn) return null;
  const r = await sql<{ standby: boolean; caught_up: boolean | null; behind: number | null }>`
    select pg_is_in_recovery() as standby,
           pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught_up,
           extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as behind`.execute(replica);
  const row = r.rows[0];
  if (!row?.standby) return null;
  if (row.caught_up) return 0;
  return row.behind === null ? null : Math.max(0, Math.round(row.behind));
}
