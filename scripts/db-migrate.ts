// `npm run db:migrate`: applies pending migrations without starting the web server, e.g. before a
// rolling deployment. The app also migrates at start-up (under a lock), so this is optional.
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';

async function main(): Promise<void> {
  const conn = await openDatabase(loadConfig(), { create: true });
  try {
    const applied = await migrate(conn.db);
    process.stdout.write(
      applied.length
        ? `Applied: ${applied.join(', ')} (${conn.label})\n`
        : `Nothing to apply (${conn.label})\n`,
    );
  } finally {
    await conn.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof OpenDatabaseError;
  process.stderr.write(
    `[simandiri] db:migrate failed: ${err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err)}\n`,
  );
  process.exit(1);
});
