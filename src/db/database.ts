// Opens the Kysely connection over a pg pool. Dates (SQL `date`) stay 'YYYY-MM-DD' strings so a
// calendar day never shifts with the server's time zone; timestamps become JS Dates (UTC instants).
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the root connection or a transaction: repo functions accept both. */
export type Conn = Kysely<Database>;

export function createDb(url: string, opts: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'simandiri',
    idleTimeoutMillis: 30_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** pg returns bigint counts and numerics as strings; repos convert with this at the edge. */
export function toNumber(v: string | number | bigint | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return Number(v);
}
