// `npm run db:restore -- <file> [--force]`: replaces the database's contents with a backup, in one
// transaction (a failed restore changes nothing). Refuses a database holding data unless --force.
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { BackupFormatError, type BackupProgress, RestoreRefusedError } from '../src/db/backup.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';
import { readBackupHeader, restoreDatabase } from '../src/db/restore.ts';

const USAGE = 'Usage: npm run db:restore -- <file> [--force]';

function progress(p: BackupProgress): void {
  if (p.step === 'schema')
    process.stderr.write(`  schema rebuilt by migrations: ${p.migrations.join(', ')}\n`);
  if (p.step === 'table') process.stderr.write(`  ${p.table.padEnd(24)} ${p.rows} rows\n`);
  if (p.step === 'sequences') process.stderr.write(`  ${p.count} sequences set\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  const file = rest[0];
  if (file === undefined || rest.length > 1 || rest.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Read the header before touching any database, so a wrong file fails fast and harmlessly.
  const header = await readBackupHeader(file);
  const config = loadConfig();
  // A fresh DATA_DIR is fine here: restoring into a new embedded database is the normal recovery.
  const conn = await openDatabase(config, { create: true });
  try {
    process.stderr.write(
      `Restoring ${file} (made ${header.createdAt} from PostgreSQL ${header.serverVersion}) into ${conn.label}\n`,
    );
    const r = await restoreDatabase(conn.url, file, { force, onProgress: progress });
    process.stdout.write(`Restore complete: ${r.tables} tables, ${r.rows} rows.\n`);
    return 0;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof OpenDatabaseError ||
      err instanceof BackupFormatError ||
      err instanceof RestoreRefusedError ||
      (err as NodeJS.ErrnoException).code === 'ENOENT';
    const text = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`[simandiri] restore failed: ${text}\n`);
    process.exit(1);
  },
);
