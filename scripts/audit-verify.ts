// `npm run audit:verify [-- --head <id>:<hash>]`: walks the whole audit log and checks its hash chain,
// each record's personal part against its digest, every signed checkpoint of the head (so a cut-off
// tail is caught), and optionally a head kept outside the system.
// Exits 0 when all of it holds, 1 when something is broken, 2 on any other error.
import { ConfigError, loadConfig } from '../src/app/config.ts';
import { OpenDatabaseError, openDatabase } from '../src/db/connect.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';

class UsageError extends Error {}

function headArg(args: readonly string[]): { id: string; hash: string } | undefined {
  const i = args.findIndex((a) => a === '--head' || a.startsWith('--head='));
  if (i < 0) return undefined;
  const arg = args[i] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
  const m = /^#?(\d+):([0-9a-fA-F]{64})$/.exec(value ?? '');
  if (!m?.[1] || !m[2]) throw new UsageError('--head takes <record id>:<64 hex digits of its hash>');
  return { id: m[1], hash: m[2].toLowerCase() };
}

async function main(): Promise<number> {
  const head = headArg(process.argv.slice(2));
  const config = loadConfig();
  const conn = await openDatabase(config);
  try {
    const r = await verifyAuditChain(conn.db, { checkpointKey: config.auditCheckpointKey, head });
    if (r.ok) {
      process.stdout.write(
        `Audit chain intact: ${r.count} records, ${r.checkpoints} checkpoints (${conn.label})\n`,
      );
      if (head) process.stdout.write(`The head you kept, #${head.id}, is in the chain unchanged.\n`);
      for (const w of r.warnings) process.stdout.write(`Warning: ${w}\n`);
      // Removing the newest records leaves a shorter but valid chain; an operator who keeps this
      // line (in a ticket, on paper) can later prove nothing after it was cut off (--head).
      process.stdout.write(`Latest record #${r.lastId ?? '-'} hash ${r.lastHash}\n`);
      process.stdout.write(`Keep it: npm run audit:verify -- --head ${r.lastId ?? '0'}:${r.lastHash}\n`);
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
    const known = err instanceof ConfigError || err instanceof OpenDatabaseError || err instanceof UsageError;
    const text = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`[simandiri] audit:verify failed: ${text}\n`);
    process.exit(2);
  },
);
