// Opens the app's database for a command-line script: DATABASE_URL when set, otherwise the embedded
// server in DATA_DIR, which the script starts and stops itself (so the app must not be running).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from './database.ts';
import { EmbeddedPgError, type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';

export interface OpenDatabase {
  db: Db;
  url: string;
  /** Where the data lives, without the password, for messages. */
  label: string;
  close(): Promise<void>;
}

export class OpenDatabaseError extends Error {}

const say = (msg: string) => process.stderr.write(`[simandiri] ${msg}\n`);

/**
 * `create: false` (the default) refuses to initialise a new embedded server: a script that reads
 * data should say "nothing here" rather than quietly create an empty database and report on it.
 */
export async function openDatabase(
  // The settings it needs (app/config.ts names and checks them; db/ does not import the app).
  config: { databaseUrl: string | undefined; dataDir: string; embeddedPgPort: number },
  opts: { create?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  let label: string;
  if (url) {
    const u = new URL(url);
    label = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } else {
    const pgDir = path.join(config.dataDir, 'pg');
    if (!opts.create && !existsSync(path.join(pgDir, 'PG_VERSION'))) {
      throw new OpenDatabaseError(
        `There is no Simandiri database in ${pgDir}. Set DATA_DIR to the folder the app uses, ` +
          'or DATABASE_URL to reach an external PostgreSQL server.',
      );
    }
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        log: { info: say, warn: (m) => say(`WARNING: ${m}`) },
      });
    } catch (err) {
      if (!(err instanceof EmbeddedPgError)) throw err;
      // The embedded server serves one process at a time; the app holding it is the usual cause.
      throw new OpenDatabaseError(
        `${err.message}\nThe embedded database can only be used by one process at a time: stop the ` +
          'Simandiri app first, or set DATABASE_URL so this command connects to the running server ' +
          `(postgres://postgres:<password in ${path.join(config.dataDir, 'pg-password')}>@127.0.0.1:` +
          `${config.embeddedPgPort}/simandiri).`,
      );
    }
    url = embedded.url;
    label = `embedded PostgreSQL in ${pgDir}`;
  }
  const db = createDb(url, { max: 4, applicationName: 'simandiri-cli' });
  let closed = false;
  return {
    db,
    url,
    label,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
      } finally {
        await embedded?.stop();
      }
    },
  };
}
