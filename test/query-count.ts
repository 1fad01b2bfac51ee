// Counts the SQL statements the app sends to PostgreSQL while a piece of work runs, so a test can
// put an upper bound on the round trips of one request (a regression shows as a failing count, not
// as a slower page). It wraps pg's Client.query, through which Kysely sends every statement.
import pg from 'pg';

const seen: string[][] = [];
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  // A wrapper with pg's own overloads: the statement is the first argument (text or a config object).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    for (const list of seen) list.push(text ?? '?');
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Runs `work` and returns its result with the SQL statements sent meanwhile (in order). */
export async function queriesDuring<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  install();
  const queries: string[] = [];
  seen.push(queries);
  try {
    const result = await work();
    return { result, queries };
  } finally {
    seen.splice(seen.indexOf(queries), 1);
  }
}
