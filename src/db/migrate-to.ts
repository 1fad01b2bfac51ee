// Applies the app's migrations up to a named one, inside a transaction the caller already holds.
// Restore uses it to rebuild exactly the schema a backup was taken from, then fill it in the same commit.
import { Migrator } from 'kysely';
import type { Db } from './database.ts';
import { MIGRATIONS } from './migrate.ts';

/** The migration names in the order they apply (Kysely sorts by name). */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS).sort();
}

/**
 * `db` must run on one connection with a transaction already open (see backup.ts): transactions are
 * disabled here so the migrations join the caller's, and roll back with it.
 */
export async function migrateToInOpenTransaction(db: Db, last: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    disableTransactions: true,
  });
  const { error, results } = await migrator.migrateTo(last);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
