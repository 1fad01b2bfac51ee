// `npm run db:backup [file]`: writes the whole database to one gzip file (default
// backups/simandiri-YYYYMMDD-HHMMSS.smdb.gz). With the embedded database, stop the app first.
// The pgboss job queue is not included: jobs waiting in it are not backed up.
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { type BackupProgress, backupDatabase } from '../src/db/backup.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';

const USAGE = 'Usage: npm run db:backup [-- <file>]';

function defaultName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return path.join('backups', `simandiri-${stamp}.smdb.gz`);
}

function progress(p: BackupProgress): void {
  if (p.step === 'table') process.stderr.write(`  ${p.table.padEnd(24)} ${p.rows} rows\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = args[0] ?? defaultName();
  const config = loadConfig();
  const conn = await openDatabase(config);
  try {
    process.stderr.write(`Backing up ${conn.label} to ${file}\n`);
    const r = await backupDatabase(conn.url, file, progress);
    const kb = Math.max(1, Math.round(r.bytes / 1024));
    process.stdout.write(`Backup written: ${r.file} (${r.tables} tables, ${r.rows} rows, ${kb} KB)\n`);
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
    process.stderr.write(`[simandiri] backup failed: ${text}\n`);
    process.exit(1);
  },
);
