// `npm run audit:checkpoint`: signs the audit chain's current head now (the daily job does the same),
// and prints it so an operator can keep it outside the system for `audit:verify -- --head`.
// Exits 0 on success, 2 on any error.
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { systemCtx } from '../src/app/principal.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';
import { writeCheckpoint } from '../src/modules/audit/audit.service.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  const conn = await openDatabase(config);
  try {
    const c = await writeCheckpoint(
      systemCtx(conn.db, new Date(), 'npm run audit:checkpoint'),
      config.auditCheckpointKey,
    );
    process.stdout.write(
      `Checkpoint ${c.id} signed: ${c.count} records, head #${c.lastId ?? '-'} hash ${c.headHash} (${conn.label})\n` +
        `Keep this line outside the system; later: npm run audit:verify -- --head ${c.lastId ?? '0'}:${c.headHash}\n`,
    );
    return 0;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof OpenDatabaseError;
    const text = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`[simandiri] audit:checkpoint failed: ${text}\n`);
    process.exit(2);
  },
);
