// SQL of the tabungan premi: an inmate's postings (journal lines joined to their entries), the
// withdrawal, payout and transfer documents, the payout task list and the incoming transfers.
// Every read that can reach a person takes the viewer's scope; money is written by postEntry only.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { JournalKind } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

/** An inmate's postings, one row per journal entry, with what it did to each pocket (credit = +). */
export async function postingsOf(db: Conn, inmateId: string) {
  const rows = await db
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select([
      'e.id as entry_id',
      'e.day',
      'e.kind',
      'e.source_id',
      'e.memo',
      sql<string>`coalesce(-sum(l.amount) filter (where l.pocket = 'saved'), 0)`.as('saved'),
      sql<string>`coalesce(-sum(l.amount) filter (where l.pocket = 'spendable'), 0)`.as('spendable'),
    ])
    .where('l.inmate_id', '=', inmateId)
    .groupBy(['e.id', 'e.day', 'e.kind', 'e.source_id', 'e.memo', 'e.created_at'])
    .orderBy('e.day')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    entry_id: r.entry_id,
    day: r.day,
    kind: r.kind as JournalKind,
    source_id: r.source_id,
    memo: r.memo,
    saved: rupiah(r.saved),
    spendable: rupiah(r.spendable),
  }));
}

export async function withdrawalsOf(db: Conn, inmateId: string) {
  const rows = await db
    .selectFrom('premi_withdrawals as w')
    .leftJoin('users as u', 'u.id', 'w.created_by')
    .select([
      'w.id',
      'w.number',
      'w.day',
      'w.amount',
      'w.purpose',
      'w.reason',
      'w.recipient',
      'u.full_name as created_by_name',
    ])
    .where('w.inmate_id', '=', inmateId)
    .orderBy('w.day')
    .orderBy('w.number')
    .execute();
  return rows.map((r) => ({ ...r, amount: rupiah(r.amount) }));
}

const payoutCols = [
  'p.id',
  'p.unit_id',
  'p.inmate_id',
  'p.number',
  'p.paid_on',
  'p.saved',
  'p.spendable',
  'p.method',
  'p.reference',
  'u.full_name as created_by_name',
  'u.nip as created_by_nip',
] as const;

function payoutRow<R extends { saved: string | number; spendable: string | number }>(r: R) {
  return { ...r, saved: rupiah(r.saved), spendable: rupiah(r.spendable) };
}

export async function payoutOf(db: Conn, inmateId: string) {
  const r = await db
    .selectFrom('premi_payouts as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(payoutCols)
    .where('p.inmate_id', '=', inmateId)
    .orderBy('p.paid_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && payoutRow(r);
}

/** A payout by its id, within the viewer's units. */
export async function findPayout(db: Conn, scope: Scope, id: string) {
  const r = await db
    .selectFrom('premi_payouts as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(payoutCols)
    .where('p.id', '=', id)
    .where(scopeFilter(scope, { unit: 'p.unit_id', partner: null }))
    .executeTakeFirst();
  return r && payoutRow(r);
}

/** A withdrawal by its id, within the viewer's units. */
export async function findWithdrawal(db: Conn, scope: Scope, id: string) {
  const r = await db
    .selectFrom('premi_withdrawals as w')
    .leftJoin('users as u', 'u.id', 'w.created_by')
    .select([
      'w.id',
      'w.unit_id',
      'w.inmate_id',
      'w.number',
      'w.day',
      'w.amount',
      'w.purpose',
      'w.reason',
      'w.recipient',
      'u.full_name as created_by_name',
      'u.nip as created_by_nip',
    ])
    .where('w.id', '=', id)
    .where(scopeFilter(scope, { unit: 'w.unit_id', partner: null }))
    .executeTakeFirst();
  return r && { ...r, amount: rupiah(r.amount) };
}

const transferCols = [
  't.id',
  't.from_unit_id',
  'fu.name as from_unit_name',
  't.from_inmate_id',
  'fi.name as from_name',
  'fi.reg_number as from_reg_number',
  't.to_unit_id',
  'tu.name as to_unit_name',
  't.to_inmate_id',
  'ti.name as to_name',
  'ti.reg_number as to_reg_number',
  't.saved',
  't.spendable',
  't.sent_on',
  't.received_on',
] as const;

function transfers(db: Conn) {
  return db
    .selectFrom('premi_transfers as t')
    .innerJoin('units as fu', 'fu.id', 't.from_unit_id')
    .innerJoin('inmates as fi', 'fi.id', 't.from_inmate_id')
    .innerJoin('units as tu', 'tu.id', 't.to_unit_id')
    .leftJoin('inmates as ti', 'ti.id', 't.to_inmate_id')
    .select(transferCols);
}

function transferRow<R extends { saved: string | number; spendable: string | number }>(r: R) {
  return { ...r, saved: rupiah(r.saved), spendable: rupiah(r.spendable) };
}

export type TransferRow = NonNullable<Awaited<ReturnType<typeof findIncoming>>>;

/** The transfer that sent this record's balance away, and the one that brought a balance to it. */
export async function transfersOf(db: Conn, inmateId: string) {
  const rows = await transfers(db)
    .where((eb) => eb.or([eb('t.from_inmate_id', '=', inmateId), eb('t.to_inmate_id', '=', inmateId)]))
    .execute();
  return {
    out: rows.filter((r) => r.from_inmate_id === inmateId).map(transferRow)[0],
    in: rows.filter((r) => r.to_inmate_id === inmateId).map(transferRow)[0],
  };
}

/**
 * A transfer as its destination unit sees it (the person's name and old register number are shown
 * to the unit receiving them), locked for the receiving transaction when asked.
 */
export async function findIncoming(db: Conn, scope: Scope, id: string, o: { lock?: boolean } = {}) {
  let q = transfers(db)
    .where('t.id', '=', id)
    .where(scopeFilter(scope, { unit: 't.to_unit_id', partner: null }));
  if (o.lock) q = q.forUpdate('t');
  const r = await q.executeTakeFirst();
  return r && transferRow(r);
}

export async function listIncoming(db: Conn, scope: Scope, f: { pending?: boolean }) {
  let q = transfers(db).where(scopeFilter(scope, { unit: 't.to_unit_id', partner: null }));
  if (f.pending) q = q.where('t.to_inmate_id', 'is', null);
  const rows = await q
    .orderBy(sql`t.received_on is null`, 'desc')
    .orderBy('t.sent_on', 'desc')
    .limit(500)
    .execute();
  return rows.map(transferRow);
}

/**
 * Released people of the viewer's units still owed premi and not yet paid out: the payout task
 * list. Each person's balance is summed from their own lines (the inmate index), not the unit's.
 */
export async function payoutTasks(db: Conn, scope: Scope) {
  const rows = await db
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('journal_lines as l')
          .select([
            sql<string>`coalesce(-sum(l.amount) filter (where l.pocket = 'saved'), 0)`.as('saved'),
            sql<string>`coalesce(-sum(l.amount) filter (where l.pocket = 'spendable'), 0)`.as('spendable'),
          ])
          .whereRef('l.inmate_id', '=', 'i.id')
          .as('b'),
      (join) => join.onTrue(),
    )
    .select([
      'i.id',
      'i.unit_id',
      'u.name as unit_name',
      'i.name',
      'i.reg_number',
      'b.saved',
      'b.spendable',
      sql<string | null>`(select max(h.on_date) from inmate_status_history h
        where h.inmate_id = i.id and h.status = 'released')`.as('released_on'),
    ])
    .where('i.status', '=', 'released')
    .where(scopeFilter(scope, { unit: 'i.unit_id', partner: null }))
    // Still owed something: never paid out, or credited since the payout (the rest, sisa premi).
    .where(sql<boolean>`(b.saved::bigint <> 0 or b.spendable::bigint <> 0)`)
    .orderBy('u.name')
    .orderBy('i.name')
    .execute();
  return rows.map((r) => ({ ...r, saved: rupiah(r.saved), spendable: rupiah(r.spendable) }));
}

/** People of a unit who may receive a transferred balance (active, none received yet). */
export async function receivers(db: Conn, scope: Scope, unitId: string) {
  return db
    .selectFrom('inmates as i')
    .select(['i.id', 'i.name', 'i.reg_number'])
    .where('i.unit_id', '=', unitId)
    .where('i.status', '=', 'active')
    .where(scopeFilter(scope, { unit: 'i.unit_id', partner: null }))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('premi_transfers as t').select('t.id').whereRef('t.to_inmate_id', '=', 'i.id'),
        ),
      ),
    )
    .orderBy('i.name')
    .limit(3000)
    .execute();
}

export async function insertWithdrawal(
  db: Conn,
  v: {
    unit_id: string;
    inmate_id: string;
    number: string;
    day: string;
    amount: number;
    purpose: 'canteen' | 'family' | 'other';
    reason: string;
    recipient: string | null;
    created_by: string | null;
  },
) {
  const r = await db.insertInto('premi_withdrawals').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertPayout(
  db: Conn,
  v: {
    unit_id: string;
    inmate_id: string;
    number: string;
    paid_on: string;
    saved: number;
    spendable: number;
    method: 'tunai' | 'transfer';
    reference: string | null;
    created_by: string | null;
  },
) {
  const r = await db.insertInto('premi_payouts').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertTransfer(
  db: Conn,
  v: {
    from_unit_id: string;
    from_inmate_id: string;
    to_unit_id: string;
    saved: number;
    spendable: number;
    sent_on: string;
    sent_by: string | null;
  },
) {
  const r = await db.insertInto('premi_transfers').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function markReceived(
  db: Conn,
  id: string,
  v: { to_inmate_id: string; received_on: string; received_by: string | null },
) {
  const r = await db
    .updateTable('premi_transfers')
    .set(v)
    .where('id', '=', id)
    .where('to_inmate_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
