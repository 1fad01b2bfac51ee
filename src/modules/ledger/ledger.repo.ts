// SQL of the journal: append entries, read balances as sums of lines.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { JournalKind, LedgerAccount } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';
import type { LedgerLine } from './ledger.rules.ts';

export async function insertEntry(
  db: Conn,
  e: {
    unit_id: string;
    day: string;
    kind: JournalKind;
    source_id: string;
    memo: string;
    created_by: string | null;
  },
  lines: readonly LedgerLine[],
): Promise<string> {
  const { id } = await db.insertInto('journal_entries').values(e).returning('id').executeTakeFirstOrThrow();
  if (lines.length)
    await db
      .insertInto('journal_lines')
      .values(
        lines.map((l) => ({
          entry_id: id,
          unit_id: e.unit_id,
          day: e.day,
          account: l.account,
          purpose: l.purpose,
          inmate_id: l.inmateId ?? null,
          pocket: l.pocket ?? null,
          amount: l.amount,
        })),
      )
      .execute();
  return id;
}

export async function entryOf(db: Conn, kind: JournalKind, sourceId: string) {
  return db
    .selectFrom('journal_entries')
    .selectAll()
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

export async function entryLines(db: Conn, entryId: string): Promise<LedgerLine[]> {
  const rows = await db
    .selectFrom('journal_lines')
    .select(['account', 'purpose', 'inmate_id', 'pocket', 'amount'])
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    account: r.account,
    purpose: r.purpose,
    inmateId: r.inmate_id,
    pocket: r.pocket,
    amount: rupiah(r.amount),
  }));
}

/** What the unit owes an inmate, per pocket (credits are negative in the journal: flipped here). */
export async function inmateBalance(db: Conn, inmateId: string, upTo?: string) {
  let q = db
    .selectFrom('journal_lines')
    .select([
      sql<string>`coalesce(-sum(amount) filter (where pocket = 'saved'), 0)`.as('saved'),
      sql<string>`coalesce(-sum(amount) filter (where pocket = 'spendable'), 0)`.as('spendable'),
    ])
    .where('inmate_id', '=', inmateId);
  if (upTo) q = q.where('day', '<=', upTo);
  const r = await q.executeTakeFirstOrThrow();
  return { saved: rupiah(r.saved), spendable: rupiah(r.spendable) };
}

/** Serialises writes to one inmate's ledger (withdrawal, payout, transfer) for the transaction. */
export async function lockInmate(db: Conn, inmateId: string) {
  return db
    .selectFrom('inmates')
    .select(['id', 'unit_id', 'name', 'reg_number', 'status'])
    .where('id', '=', inmateId)
    .forUpdate()
    .executeTakeFirst();
}

/** A unit's account balances, debit positive (as stored). */
export async function accountBalances(db: Conn, unitIds: readonly string[] | null, upTo?: string) {
  let q = db
    .selectFrom('journal_lines')
    .select(['unit_id', 'account', sql<string>`sum(amount)`.as('amount')])
    .groupBy(['unit_id', 'account']);
  if (unitIds) {
    if (!unitIds.length) return [];
    q = q.where('unit_id', 'in', unitIds);
  }
  if (upTo) q = q.where('day', '<=', upTo);
  const rows = await q.execute();
  return rows.map((r) => ({
    unit_id: r.unit_id,
    account: r.account as LedgerAccount,
    amount: rupiah(r.amount),
  }));
}

/** Sums of a unit's lines in a period per account and purpose (the reconciliation's source). */
export async function periodSums(db: Conn, unitId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('journal_lines')
    .select(['account', 'purpose', sql<string>`sum(amount)`.as('amount')])
    .where('unit_id', '=', unitId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['account', 'purpose'])
    .execute();
  return rows.map((r) => ({
    account: r.account as LedgerAccount,
    purpose: r.purpose,
    amount: rupiah(r.amount),
  }));
}
