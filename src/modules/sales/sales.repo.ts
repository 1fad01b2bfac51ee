// SQL of direct sales: the sale rows (receipts and the reversals that cancel them), their lines,
// the sales book of a period and the products a unit can sell. Every read of a unit's rows goes
// through scopeFilter; a sale belongs to a unit, never to a partner. Money leaves as integer rupiah.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { PaymentMethod, SaleChannel, SaleStatus } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const SALE = { unit: 's.unit_id', partner: null };
const PRODUCT = { unit: 'p.unit_id', partner: null };

export const PAGE_SIZE = 100;

/** One sale as its page shows it (the buyer's phone included: only the sale page shows it). */
export async function findSale(conn: Conn, scope: Scope, id: string) {
  const r = await conn
    .selectFrom('sales as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('users as cb', 'cb.id', 's.created_by')
    .leftJoin('users as ab', 'ab.id', 's.approved_by')
    .leftJoin('sales as orig', 'orig.id', 's.reverses_id')
    .leftJoin('sales as rev', 'rev.reverses_id', 's.id')
    .select([
      's.id',
      's.unit_id',
      'u.name as unit_name',
      'u.timezone',
      's.number',
      's.sold_on',
      's.channel',
      's.buyer_name',
      's.buyer_phone',
      's.payment_method',
      's.payment_ref',
      's.total',
      's.status',
      's.reverses_id',
      'orig.number as reverses_number',
      'rev.id as reversal_id',
      'rev.number as reversal_number',
      's.cancel_reason',
      's.note',
      's.created_by',
      'cb.full_name as created_by_name',
      'cb.nip as created_by_nip',
      'cb.position as created_by_position',
      'ab.full_name as approved_by_name',
      's.created_at',
      's.updated_at',
    ])
    .where('s.id', '=', id)
    .where(scopeFilter(scope, SALE))
    .executeTakeFirst();
  return r ? { ...r, total: rupiah(r.total) } : undefined;
}
export type SaleRow = NonNullable<Awaited<ReturnType<typeof findSale>>>;

/** The sale's row under lock: concurrent decisions on one sale queue here, the second sees the first's. */
export async function lockSale(conn: Conn, id: string) {
  return conn
    .selectFrom('sales')
    .select(['id', 'unit_id', 'status', 'number'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function saleLines(conn: Conn, saleId: string) {
  const rows = await conn
    .selectFrom('sale_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.product_id', 'p.name as product_name', 'p.uom', 'l.qty', 'l.unit_price', 'l.amount'])
    .where('l.sale_id', '=', saleId)
    .orderBy('p.name')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ ...r, unit_price: rupiah(r.unit_price), amount: rupiah(r.amount) }));
}
export type SaleLineRow = Awaited<ReturnType<typeof saleLines>>[number];

export interface SaleValues {
  unit_id: string;
  number: string;
  sold_on: string;
  channel: SaleChannel;
  buyer_name: string | null;
  buyer_phone: string | null;
  payment_method: PaymentMethod;
  payment_ref: string | null;
  total: number;
  status?: SaleStatus;
  reverses_id?: string | null;
  cancel_reason?: string | null;
  note: string | null;
  created_by: string | null;
  approved_by?: string | null;
}

export async function insertSale(
  conn: Conn,
  v: SaleValues,
  lines: ReadonlyArray<{ product_id: string; qty: number; unit_price: number; amount: number }>,
): Promise<string> {
  const { id } = await conn.insertInto('sales').values(v).returning('id').executeTakeFirstOrThrow();
  if (lines.length)
    await conn
      .insertInto('sale_lines')
      .values(lines.map((l) => ({ ...l, sale_id: id })))
      .execute();
  return id;
}

export async function setStatus(
  conn: Conn,
  id: string,
  v: { status: SaleStatus; cancel_reason?: string | null; approved_by?: string | null },
) {
  await conn
    .updateTable('sales')
    .set({ ...v, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export interface BookFilter {
  from: string;
  to: string;
  channel?: SaleChannel | undefined;
  status?: SaleStatus | undefined;
}

function bookQuery(conn: Conn, scope: Scope, f: BookFilter) {
  let q = conn
    .selectFrom('sales as s')
    .where(scopeFilter(scope, SALE))
    .where('s.sold_on', '>=', f.from)
    .where('s.sold_on', '<=', f.to);
  if (f.channel) q = q.where('s.channel', '=', f.channel);
  if (f.status) q = q.where('s.status', '=', f.status);
  return q;
}

/** The book's rows, by day then number; no phone numbers (the book is not the sale page). */
export async function listSales(
  conn: Conn,
  scope: Scope,
  f: BookFilter & { page?: number; pageSize?: number },
) {
  const base = bookQuery(conn, scope, f);
  const size = f.pageSize ?? PAGE_SIZE;
  const [rows, count] = await Promise.all([
    base
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .leftJoin('sales as orig', 'orig.id', 's.reverses_id')
      .select([
        's.id',
        's.unit_id',
        'u.name as unit_name',
        's.number',
        's.sold_on',
        's.channel',
        's.buyer_name',
        's.payment_method',
        's.payment_ref',
        's.total',
        's.status',
        's.reverses_id',
        'orig.number as reverses_number',
      ])
      .orderBy('s.sold_on')
      .orderBy('s.created_at')
      .orderBy('s.number')
      .limit(size)
      .offset(((f.page ?? 1) - 1) * size)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, total: rupiah(r.total) })), total: Number(count.n) };
}
export type BookRowOut = Awaited<ReturnType<typeof listSales>>['rows'][number];

/** Per status and payment method, the number of rows and their sum: the period's totals in one query. */
export async function bookSums(conn: Conn, scope: Scope, f: BookFilter) {
  const rows = await bookQuery(conn, scope, f)
    .select((eb) => [
      's.status',
      's.payment_method',
      eb.fn.countAll<string>().as('n'),
      eb.fn.sum<string>('s.total').as('total'),
    ])
    .groupBy(['s.status', 's.payment_method'])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    payment_method: r.payment_method,
    n: Number(r.n),
    total: rupiah(r.total),
  }));
}

/** Every line of the period's sales, for the book's export (one query, not one per sale). */
export async function bookLines(conn: Conn, scope: Scope, f: BookFilter) {
  const rows = await bookQuery(conn, scope, f)
    .innerJoin('sale_lines as l', 'l.sale_id', 's.id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.sale_id', 'l.product_id', 'p.name as product_name', 'l.qty', 'l.unit_price', 'l.amount'])
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ ...r, unit_price: rupiah(r.unit_price), amount: rupiah(r.amount) }));
}

/**
 * Products of the principal's units that can be sold now (on hand and not reserved), or those with
 * the given ids whatever their stock (to check a sale's lines and name them in a refusal).
 */
export async function saleableProducts(conn: Conn, scope: Scope, o: { ids?: readonly string[] } = {}) {
  let q = conn
    .selectFrom('products as p')
    .select(['p.id', 'p.unit_id', 'p.name', 'p.uom', 'p.price', 'p.active', 'p.on_hand', 'p.reserved'])
    .where(scopeFilter(scope, PRODUCT));
  if (o.ids) {
    if (o.ids.length === 0) return [];
    q = q.where('p.id', 'in', [...o.ids]);
  } else q = q.where('p.active', '=', true).where(sql<boolean>`p.on_hand - p.reserved > 0`);
  const rows = await q.orderBy('p.name').execute();
  return rows.map((r) => ({
    ...r,
    price: r.price === null ? null : rupiah(r.price),
    available: r.on_hand - r.reserved,
  }));
}
export type SaleableProduct = Awaited<ReturnType<typeof saleableProducts>>[number];

/** Sales whose cancellation was asked and waits for the Kepala UPT, oldest request first (the approvals inbox). */
export async function cancellationsRequested(conn: Conn, scope: Scope) {
  const rows = await conn
    .selectFrom('sales as s')
    .select(['s.id', 's.unit_id', 's.number', 's.sold_on', 's.total', 's.cancel_reason', 's.updated_at'])
    .where(scopeFilter(scope, SALE))
    .where('s.status', '=', 'cancel_requested')
    .orderBy('s.updated_at')
    .execute();
  return rows.map((r) => ({ ...r, total: rupiah(r.total) }));
}
