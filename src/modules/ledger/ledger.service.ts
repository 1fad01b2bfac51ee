// Posting to the journal: the one way any module writes money. Call inside the caller's write
// transaction (ctx.db is the transaction), so the entry and the document it records commit together.
// The database checks again at commit that each entry's lines sum to zero and that nothing posted
// is ever changed.
import type { Ctx } from '../../app/principal.ts';
import type { JournalKind } from '../../db/schema.ts';
import * as repo from './ledger.repo.ts';
import { type LedgerLine, normaliseLines } from './ledger.rules.ts';

export interface EntryInput {
  unitId: string;
  day: string;
  kind: JournalKind;
  /** The document the entry records (run, withdrawal, payout, transfer, deposit): one entry each. */
  sourceId: string;
  memo: string;
  lines: readonly LedgerLine[];
}

/** Posts one balanced entry and returns its id. Lines are merged and zero lines dropped first. */
export async function postEntry(ctx: Ctx, e: EntryInput): Promise<string> {
  const lines = normaliseLines(e.lines);
  return repo.insertEntry(
    ctx.db,
    {
      unit_id: e.unitId,
      day: e.day,
      kind: e.kind,
      source_id: e.sourceId,
      memo: e.memo,
      created_by: ctx.who.actor.userId,
    },
    lines,
  );
}

/** What the unit owes the inmate now: saved (paid at release) and spendable (up to 25%). */
export async function balanceOf(ctx: Pick<Ctx, 'db'>, inmateId: string, upTo?: string) {
  return repo.inmateBalance(ctx.db, inmateId, upTo);
}

/** Locks the inmate's record for this transaction, then reads the balance: for writes that spend it. */
export async function lockedBalance(ctx: Ctx, inmateId: string) {
  const inmate = await repo.lockInmate(ctx.db, inmateId);
  if (!inmate) return undefined;
  return { inmate, ...(await repo.inmateBalance(ctx.db, inmateId)) };
}

export { accountBalances, entryLines, entryOf, periodSums } from './ledger.repo.ts';
