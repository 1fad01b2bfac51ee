// SQL for offtake invoices to the partner (from checked quality-check batches) and the payments
// received against them. Reads take the viewer's scope (unit, and partner where narrowed).
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { InvoiceStatus, PaymentMethod } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('offtake_invoices as i')
    .innerJoin('partners as pa', 'pa.id', 'i.partner_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .where(scopeFilter(scope, { unit: 'i.unit_id', partner: 'i.partner_id' }));
}

const COLUMNS = [
  'i.id',
  'i.unit_id',
  'u.name as unit_name',
  'u.timezone',
  'i.partner_id',
  'pa.legal_name as partner_name',
  'i.number',
  'i.issued_on',
  'i.due_on',
  'i.total',
  'i.paid',
  'i.status',
  'i.created_at',
] as const;

const money = <R extends { total: string; paid: string }>(r: R) => {
  const total = rupiah(r.total);
  const paid = rupiah(r.paid);
  return { ...r, total, paid, owed: total - paid };
};

export async function findInvoice(conn: Conn, scope: Scope, id: string) {
  const r = await scoped(conn, scope).select(COLUMNS).where('i.id', '=', id).executeTakeFirst();
  return r && money(r);
}
export type InvoiceRow = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;

export interface InvoiceFilter {
  partnerId?: string | undefined;
  status?: InvoiceStatus | undefined;
  page: number;
}

function filtered(conn: Conn, scope: Scope, f: Omit<InvoiceFilter, 'page'>) {
  let q = scoped(conn, scope);
  if (f.partnerId) q = q.where('i.partner_id', '=', f.partnerId);
  if (f.status) q = q.where('i.status', '=', f.status);
  return q;
}

export async function listInvoices(conn: Conn, scope: Scope, f: InvoiceFilter) {
  const q = filtered(conn, scope, f);
  const [rows, sums] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('i.issued_on', 'desc')
      .orderBy('i.number', 'desc')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        sql<string>`coalesce(sum(i.total - i.paid) filter (where i.status = 'open'), 0)`.as('owed'),
      ])
      .executeTakeFirst(),
  ]);
  return { rows: rows.map(money), total: toNumber(sums?.n), owed: rupiah(sums?.owed), pageSize: PAGE };
}

/** Open invoices in scope: how many and what is still owed on them (the dashboard's tile). */
export async function unpaid(conn: Conn, scope: Scope) {
  const r = await scoped(conn, scope)
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      sql<string>`coalesce(sum(i.total - i.paid), 0)`.as('owed'),
    ])
    .where('i.status', '=', 'open')
    .executeTakeFirst();
  return { count: toNumber(r?.n), owed: rupiah(r?.owed) };
}

export async function insertInvoice(
  conn: Conn,
  v: {
    unit_id: string;
    partner_id: string;
    number: string;
    issued_on: string;
    due_on: string | null;
    total: number;
    status: InvoiceStatus;
    created_by: string | null;
  },
) {
  return (await conn.insertInto('offtake_invoices').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertInvoiceBatch(
  conn: Conn,
  v: { invoice_id: string; batch_id: string; amount: number },
) {
  await conn.insertInto('offtake_invoice_batches').values(v).execute();
}

export async function invoiceBatches(conn: Conn, invoiceId: string) {
  const rows = await conn
    .selectFrom('offtake_invoice_batches')
    .select(['batch_id', 'amount'])
    .where('invoice_id', '=', invoiceId)
    .execute();
  return rows.map((r) => ({ batchId: r.batch_id, amount: rupiah(r.amount) }));
}

/** The invoice row under lock: concurrent payments against one invoice queue here. */
export async function lockInvoice(conn: Conn, id: string) {
  const r = await conn
    .selectFrom('offtake_invoices')
    .select(['id', 'unit_id', 'number', 'issued_on', 'total', 'paid', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r && { ...r, total: rupiah(r.total), paid: rupiah(r.paid) };
}

export async function payments(conn: Conn, invoiceId: string) {
  const rows = await conn
    .selectFrom('offtake_payments')
    .select(['id', 'paid_on', 'amount', 'method', 'reference', 'created_at'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('paid_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, amount: rupiah(r.amount) }));
}
export type PaymentRow = Awaited<ReturnType<typeof payments>>[number];

export async function insertPayment(
  conn: Conn,
  v: {
    invoice_id: string;
    paid_on: string;
    amount: number;
    method: PaymentMethod;
    reference: string | null;
    created_by: string | null;
  },
) {
  return (await conn.insertInto('offtake_payments').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setPaid(conn: Conn, id: string, paid: number, status: InvoiceStatus) {
  await conn
    .updateTable('offtake_invoices')
    .set({ paid, status, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
