// SQL for the partner's quality check: numbered batches of finished items (one line per maker and
// product), the check's counts and rejects, and what the offtake invoice reads of checked batches.
// Reads of batches take the viewer's scope: their units, and for a partner instructor only their
// own partner's batches. Stock moves only through the stock service, never here.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { QcStatus, RejectDisposition, RejectReason } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('qc_batches as b')
    .innerJoin('programmes as pr', 'pr.id', 'b.programme_id')
    .innerJoin('partners as pa', 'pa.id', 'b.partner_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .where(scopeFilter(scope, { unit: 'b.unit_id', partner: 'b.partner_id' }));
}

const BATCH_COLUMNS = [
  'b.id',
  'b.unit_id',
  'u.name as unit_name',
  'u.timezone',
  'b.partner_id',
  'pa.legal_name as partner_name',
  'b.programme_id',
  'pr.name as programme_name',
  'b.agreement_id',
  'b.number',
  'b.sent_on',
  'b.checked_on',
  'b.status',
  'b.created_at',
] as const;

/** One batch within the scope (undefined outside it: not the viewer's to know of). */
export async function findBatch(conn: Conn, scope: Scope, id: string) {
  return scoped(conn, scope).select(BATCH_COLUMNS).where('b.id', '=', id).executeTakeFirst();
}
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/** Sums per batch: items submitted and passed, and the value of what passed (passed x rate). */
const totals = (conn: Conn) =>
  conn
    .selectFrom('qc_batch_lines as l')
    .select((eb) => [
      'l.batch_id',
      eb.fn.sum<string>('l.submitted').as('submitted'),
      eb.fn.sum<string>('l.passed').as('passed'),
      sql<string>`coalesce(sum(l.passed::bigint * l.rate), 0)`.as('amount'),
    ])
    .groupBy('l.batch_id')
    .as('t');

export async function listBatches(
  conn: Conn,
  scope: Scope,
  f: {
    programmeId?: string | undefined;
    partnerId?: string | undefined;
    status?: QcStatus | undefined;
    page: number;
    pageSize?: number;
  },
) {
  const size = f.pageSize ?? PAGE;
  let q = scoped(conn, scope);
  if (f.programmeId) q = q.where('b.programme_id', '=', f.programmeId);
  if (f.partnerId) q = q.where('b.partner_id', '=', f.partnerId);
  if (f.status) q = q.where('b.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .leftJoin(totals(conn), 't.batch_id', 'b.id')
      .select(BATCH_COLUMNS)
      .select(['t.submitted', 't.passed', 't.amount'])
      .orderBy('b.sent_on', 'desc')
      .orderBy('b.number', 'desc')
      .limit(size)
      .offset((f.page - 1) * size)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      submitted: toNumber(r.submitted),
      passed: r.status === 'sent' ? null : toNumber(r.passed),
      amount: rupiah(r.amount),
    })),
    total: toNumber(count?.n),
    pageSize: size,
  };
}
export type BatchListRow = Awaited<ReturnType<typeof listBatches>>['rows'][number];

/** The batch's lines with the maker's and the product's names (the policy has allowed the batch). */
export async function batchLines(conn: Conn, batchId: string) {
  const rows = await conn
    .selectFrom('qc_batch_lines as l')
    .innerJoin('enrolments as e', 'e.id', 'l.enrolment_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.enrolment_id',
      'e.name as maker_name',
      'l.product_id',
      'p.name as product_name',
      'p.rate_name',
      'l.submitted',
      'l.passed',
      'l.rate',
    ])
    .where('l.batch_id', '=', batchId)
    .orderBy('e.name')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ ...r, rate: r.rate === null ? null : rupiah(r.rate) }));
}
export type LineRow = Awaited<ReturnType<typeof batchLines>>[number];

export async function batchRejects(conn: Conn, batchId: string) {
  return conn
    .selectFrom('qc_rejects as r')
    .innerJoin('qc_batch_lines as l', 'l.id', 'r.line_id')
    .select(['r.id', 'r.line_id', 'r.qty', 'r.reason', 'r.reworkable', 'r.disposition', 'r.note'])
    .where('l.batch_id', '=', batchId)
    .orderBy('r.line_id')
    .orderBy('r.disposition')
    .orderBy('r.reason')
    .execute();
}

/**
 * What each maker of a programme holds awaiting the partner's check, per product: the sum of their
 * movements' `d_awaiting` (produced, sent, returned for rework). Only what is still held (> 0).
 */
export async function awaitingOf(conn: Conn, programmeId: string) {
  const rows = await conn
    .selectFrom('product_movements as m')
    .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select((eb) => [
      'm.enrolment_id',
      'e.name as maker_name',
      'm.product_id',
      'p.name as product_name',
      eb.fn.sum<string>('m.d_awaiting').as('awaiting'),
    ])
    .where('e.programme_id', '=', programmeId)
    .groupBy(['m.enrolment_id', 'e.name', 'm.product_id', 'p.name'])
    .having(sql`sum(m.d_awaiting)`, '>', 0)
    .orderBy('e.name')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ ...r, enrolment_id: r.enrolment_id as string, awaiting: toNumber(r.awaiting) }));
}
export type AwaitingRow = Awaited<ReturnType<typeof awaitingOf>>[number];

/** Which of these enrolments belong to the programme. */
export async function enrolmentsOfProgramme(conn: Conn, programmeId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await conn
    .selectFrom('enrolments')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertBatch(
  conn: Conn,
  v: {
    unit_id: string;
    partner_id: string;
    programme_id: string;
    agreement_id: string | null;
    number: string;
    sent_on: string;
    created_by: string | null;
  },
) {
  return (await conn.insertInto('qc_batches').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertLine(
  conn: Conn,
  v: { batch_id: string; enrolment_id: string; product_id: string; submitted: number },
) {
  return (await conn.insertInto('qc_batch_lines').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** The batch row under lock: concurrent checks (or invoices) of one batch queue here. */
export async function lockBatch(conn: Conn, id: string) {
  return conn
    .selectFrom('qc_batches')
    .select(['id', 'unit_id', 'partner_id', 'status', 'number'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setLineChecked(conn: Conn, lineId: string, passed: number, rate: number | null) {
  await conn.updateTable('qc_batch_lines').set({ passed, rate }).where('id', '=', lineId).execute();
}

export async function insertReject(
  conn: Conn,
  v: {
    line_id: string;
    qty: number;
    reason: RejectReason;
    reworkable: boolean;
    disposition: RejectDisposition;
    note: string | null;
  },
) {
  await conn.insertInto('qc_rejects').values(v).execute();
}

export async function setBatchChecked(conn: Conn, id: string, checkedOn: string, by: string | null) {
  await conn
    .updateTable('qc_batches')
    .set({ status: 'checked', checked_on: checkedOn, checked_by: by, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Batches under lock, in a stable order (two invoices taking the same batches cannot deadlock). */
export async function lockBatches(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return conn
    .selectFrom('qc_batches')
    .select(['id', 'unit_id', 'partner_id', 'status', 'number'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function setBatchesInvoiced(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return;
  await conn
    .updateTable('qc_batches')
    .set({ status: 'invoiced', updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .execute();
}

/** The value of what passed in each batch: sum of passed x rate over its lines. */
export async function batchAmounts(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await conn
    .selectFrom('qc_batch_lines')
    .select(['batch_id', sql<string>`coalesce(sum(passed::bigint * rate), 0)`.as('amount')])
    .where('batch_id', 'in', [...ids])
    .groupBy('batch_id')
    .execute();
  return new Map(rows.map((r) => [r.batch_id, rupiah(r.amount)]));
}

/**
 * What an invoice lists: per batch and product (never per maker), the items passed, the rate and
 * the amount. A batch is checked on one day under one agreement, so a product has one rate in it.
 */
export async function invoiceLines(conn: Conn, batchIds: readonly string[]) {
  if (batchIds.length === 0) return [];
  const rows = await conn
    .selectFrom('qc_batch_lines as l')
    .innerJoin('qc_batches as b', 'b.id', 'l.batch_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select((eb) => [
      'b.id as batch_id',
      'b.number as batch_number',
      'b.checked_on',
      'l.product_id',
      'p.name as product_name',
      'p.uom',
      'l.rate',
      eb.fn.sum<string>('l.passed').as('passed'),
      sql<string>`coalesce(sum(l.passed::bigint * l.rate), 0)`.as('amount'),
    ])
    .where('l.batch_id', 'in', [...batchIds])
    .groupBy(['b.id', 'b.number', 'b.checked_on', 'l.product_id', 'p.name', 'p.uom', 'l.rate'])
    .having(sql`sum(l.passed)`, '>', 0)
    .orderBy('b.number')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    rate: rupiah(r.rate),
    passed: toNumber(r.passed),
    amount: rupiah(r.amount),
  }));
}
export type InvoiceLineRow = Awaited<ReturnType<typeof invoiceLines>>[number];
