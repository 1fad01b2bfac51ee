// Typed SQL of order inquiries and the spam guard's tables. The public side reads one product of
// one unit only through a published gallery entry; the staff side reads through the scope.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { OrderDelivery, OrderInquiryStatus } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const INQUIRY = { unit: 'o.unit_id', partner: null };

/**
 * A product the public may order: active, of the unit with this public address, and shown in a
 * published gallery entry of that unit. What a visitor sees of it, never who made it.
 */
export async function publicProduct(conn: Conn, slug: string, productId: string) {
  const r = await conn
    .selectFrom('gallery_entries as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .innerJoin('products as p', (j) =>
      j.onRef('p.id', '=', 'g.product_id').onRef('p.unit_id', '=', 'g.unit_id'),
    )
    .select([
      'u.id as unit_id',
      'u.name as unit_name',
      'u.public_slug',
      'u.timezone',
      'p.id',
      'p.name',
      'p.uom',
      'p.price',
      'p.on_hand',
      'p.reserved',
    ])
    .where('u.public_slug', '=', slug)
    .where('u.active', '=', true)
    .where('g.published', '=', true)
    .where('p.active', '=', true)
    .where('p.id', '=', productId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    ...r,
    price: r.price === null ? null : rupiah(r.price),
    available: Math.max(0, r.on_hand - r.reserved),
  };
}
export type PublicProduct = NonNullable<Awaited<ReturnType<typeof publicProduct>>>;

export async function insertAttempt(conn: Conn, addressHash: string, form: string): Promise<void> {
  await conn.insertInto('public_post_attempts').values({ address_hash: addressHash, form }).execute();
}

/** Posts of this form from this address since `since` (across every app node: one table). */
export async function countAttempts(conn: Conn, addressHash: string, form: string, since: Date) {
  const r = await conn
    .selectFrom('public_post_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('address_hash', '=', addressHash)
    .where('form', '=', form)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Spends a proof-of-work solution: true the first time, false when it was spent already. */
export async function spendSolution(conn: Conn, signature: string, expiresAt: Date): Promise<boolean> {
  const r = await conn
    .insertInto('pow_solutions_used')
    .values({ signature, expires_at: expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  return r !== undefined;
}

export interface InquiryValues {
  unit_id: string;
  reference: string;
  product_id: string;
  qty: number;
  buyer_name: string;
  buyer_whatsapp: string;
  delivery: OrderDelivery;
  address: string | null;
  note: string | null;
  address_hash: string;
}

export async function insertInquiry(conn: Conn, v: InquiryValues): Promise<string> {
  const r = await conn.insertInto('order_inquiries').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const inquiryColumns = [
  'o.id',
  'o.unit_id',
  'o.reference',
  'o.product_id',
  'o.qty',
  'o.buyer_name',
  'o.buyer_whatsapp',
  'o.delivery',
  'o.address',
  'o.note',
  'o.status',
  'o.sale_id',
  'o.decline_reason',
  'o.decided_at',
  'o.created_at',
  'p.name as product_name',
  'p.price as product_price',
  'p.on_hand',
  'p.reserved',
  'u.name as unit_name',
  'u.timezone',
  's.number as sale_number',
] as const;

function inquiries(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('order_inquiries as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('sales as s', 's.id', 'o.sale_id')
    .select(inquiryColumns)
    .where(scopeFilter(scope, INQUIRY));
}

const shape = <R extends { product_price: string | null; on_hand: number; reserved: number }>(r: R) => ({
  ...r,
  product_price: r.product_price === null ? null : rupiah(r.product_price),
  available: Math.max(0, r.on_hand - r.reserved),
});

/** One page of inquiries within the scope: pending first (oldest first: who waits longest), then the decided, newest first. */
export async function listInquiries(
  conn: Conn,
  scope: Scope,
  o: { status?: OrderInquiryStatus | undefined; page: number; pageSize: number },
) {
  let q = inquiries(conn, scope);
  if (o.status) q = q.where('o.status', '=', o.status);
  const rows = await q
    .orderBy(sql`o.status = 'pending'`, 'desc')
    .orderBy(sql`case when o.status = 'pending' then o.created_at end`, 'asc')
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
    .execute();
  return rows.map(shape);
}
export type InquiryRow = Awaited<ReturnType<typeof listInquiries>>[number];

/** How many inquiries within the scope have each status. */
export async function statusCounts(conn: Conn, scope: Scope) {
  const rows = await conn
    .selectFrom('order_inquiries as o')
    .select(['o.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where(scopeFilter(scope, INQUIRY))
    .groupBy('o.status')
    .execute();
  const out: Record<OrderInquiryStatus, number> = { pending: 0, confirmed: 0, declined: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function findInquiry(conn: Conn, scope: Scope, id: string) {
  const r = await inquiries(conn, scope).where('o.id', '=', id).executeTakeFirst();
  return r ? shape(r) : null;
}

/** The inquiry's status under its row lock (the second of two decisions at once waits here). */
export async function lockInquiry(conn: Conn, scope: Scope, id: string) {
  return conn
    .selectFrom('order_inquiries as o')
    .select(['o.id', 'o.status'])
    .where(scopeFilter(scope, INQUIRY))
    .where('o.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function decide(
  conn: Conn,
  id: string,
  v: {
    status: 'confirmed' | 'declined';
    sale_id?: string;
    decline_reason?: string;
    decided_by: string | null;
  },
) {
  await conn
    .updateTable('order_inquiries')
    .set({ ...v, decided_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The spam guard's old rows: attempts older than a day, solutions whose challenge expired. */
export async function purgeGuard(conn: Conn, now: Date) {
  const a = await conn
    .deleteFrom('public_post_attempts')
    .where('at', '<', new Date(now.getTime() - 24 * 3600_000))
    .executeTakeFirst();
  const s = await conn.deleteFrom('pow_solutions_used').where('expires_at', '<', now).executeTakeFirst();
  return { attempts: Number(a.numDeletedRows), solutions: Number(s.numDeletedRows) };
}
