// `npm run audit:verify`: walks the whole audit log and checks its hash chain.
// Exits 0 when every record links and matches its hash, 1 when the chain is broken, 2 on any other error.
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  const conn = await openDatabase(config);
  try {
    const r = await verifyAuditChain(conn.db);
    if (r.ok) {
      process.stdout.write(`Audit chain intact: ${r.count} records (${conn.label})\n`);
      // Removing the newest records leaves a shorter but valid chain; an operator who keeps this
      // line (in a ticket, on paper) can later prove nothing after it was cut off.
      process.stdout.write(`Latest record #${r.lastId ?? '-'} hash ${r.lastHash}\n`);
      return 0;
    }
    process.stdout.write(
      `Audit chain BROKEN at record #${r.brokenId}: ${r.reason}\n` +
        `${r.count} records before it are intact (${conn.label}).\n`,
    );
    return 1;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof OpenDatabaseError;
    const text = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`[simandiri] audit:verify failed: ${text}\n`);
    process.exit(2);
  },
);
