// Opens the Kysely connection over a pg pool. Dates (SQL `date`) stay 'YYYY-MM-DD' strings so a
// calendar day never shifts with the server's time zone; timestamps become JS Dates (UTC instants).
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the root connection or a transaction: repo functions accept both. */
export type Conn = Kysely<Database>;

export interface DbOptions {
  max?: number;
  applicationName?: string;
  /** How long a request waits for a connection while the server is away (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL cancels a statement on these connections after this long (ms; SQLSTATE 57014, see
   * isStatementTimeout); 0 or absent: no limit. The web requests' pool sets it, so one slow report
   * cannot hold a connection for minutes; migrations and jobs run without it.
   */
  statementTimeoutMs?: number;
  /** Told of every connection lost outside a query (the server went away); the pool replaces it. */
  onConnectionError?: (err: Error) => void;
}

export function createDb(url: string, opts: DbOptions = {}): Db {
  return dbOver(createPool(url, opts));
}

/** Kysely over a pool made by createPool (the composition root shares the primary's with the replica's fallback). */
export function dbOver(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function createPool(url: string, opts: DbOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'simandiri',
    idleTimeoutMillis: 30_000,
    // While the server is away a request waits this long for a connection, then gets its 503.
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    // Sent with each new connection (a startup parameter), so it holds for every statement on it.
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  markBusyTimeouts(pool);
  const lost = (err: Error) => opts.onConnectionError?.(err);
  // An idle connection dropped by the server: the pool removes it.
  pool.on('error', lost);
  // A connection checked out (inside a transaction, between two queries) hears of the server's
  // death as an 'error' event on the client itself, which without a listener ends the process.
  // The query in flight fails on its own, and the pool discards the broken client on release.
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

/** The code of a wait for a connection that timed out because every one was in use (see below). */
export const POOL_BUSY = 'SIMANDIRI_POOL_BUSY';

/**
 * pg-pool gives the same "timeout exceeded when trying to connect" when the server is away and when
 * every connection of the pool is busy with other requests. The second is load, not an outage:
 * a wait that began on a full pool and timed out is rethrown with the code POOL_BUSY (isPoolBusy),
 * so the user is told the server is busy rather than that the database cannot be reached.
 */
function markBusyTimeouts(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const max = pool.options.max ?? 10;
  pool.connect = (async (...args: unknown[]) => {
    if (args.length) return (connect as (...a: unknown[]) => unknown)(...args);
    const full = pool.idleCount === 0 && pool.totalCount >= max;
    try {
      return await connect();
    } catch (err) {
      if (full && err instanceof Error && /^timeout exceeded when trying to connect/.test(err.message)) {
        throw Object.assign(new Error('every database connection of the pool is busy', { cause: err }), {
          code: POOL_BUSY,
        });
      }
      throw err;
    }
  }) as typeof pool.connect;
}

/** True when a request waited for a connection of a full pool until its time ran out (POOL_BUSY). */
export function isPoolBusy(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === POOL_BUSY;
}

// Connection failures, from the socket, from pg and pg-pool, and from the server (SQLSTATE class
// 08; 57P01-57P03: shut down, crashed, starting up; 53300: no connection slot left).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
const CLIENT_GONE =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Query read timeout)/;

/** True when the error means "the database cannot be reached now", not "this request is wrong". */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3 || isPoolBusy(err)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || SERVER_GONE.has(code) || code.startsWith('08'))) {
    return true;
  }
  if (CLIENT_GONE.test(err.message)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}

/** True when PostgreSQL cancelled the statement: it ran past the statement timeout (57014). */
export function isStatementTimeout(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  if ((err as { code?: unknown }).code === '57014') return true;
  return isStatementTimeout(err.cause, depth + 1);
}

/** pg returns bigint counts and numerics as strings; repos convert with this at the edge. */
export function toNumber(v: string | number | bigint | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return Number(v);
}

/**
 * Why: materials, products and partners are named uniquely within their unit, whatever the case;
 * a form asks whether a name is already taken there (by another record than the one edited).
 */
export async function nameTakenInUnit(
  conn: Conn,
  table: 'materials' | 'products' | 'partners',
  unitId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const column = table === 'partners' ? 'legal_name' : 'name';
  let q = conn
    .selectFrom(table)
    .select('id')
    .where('unit_id', '=', unitId)
    .where(sql`lower(${sql.ref(column)})`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Waits until the database answers, for a server started together with the app (a deployment
 * brings both up at once) or briefly away. Retries only outages (isDatabaseUnavailable), with a
 * growing pause up to 5 s; a wrong password or a missing database fails at once, as do outages
 * past `timeoutMs`.
 */
export async function waitForDatabase(
  db: Db,
  opts: { timeoutMs: number; onWait?: (err: Error, waitedMs: number) => void },
): Promise<void> {
  const start = Date.now();
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (err) {
      const waited = Date.now() - start;
      if (!isDatabaseUnavailable(err) || waited + pause > opts.timeoutMs) throw err;
      opts.onWait?.(err as Error, waited);
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
