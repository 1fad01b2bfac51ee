// SQL of the production log's batched posting to the stock ledgers: each product and material row
// locked once per batch (in id order, so two batches never wait on each other in a circle), every
// movement of the batch inserted in one statement, every row's columns set in one.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { MaterialMovementRow, ProductMovementRow } from '../stock/stock.repo.ts';
import type { ProductStock } from '../stock/stock.rules.ts';

export async function lockProducts(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return conn
    .selectFrom('products')
    .select(['id', 'unit_id', 'name', 'route', 'awaiting_check', 'in_check', 'on_hand', 'reserved', 'sold'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** What each maker holds awaiting the check (the sums of their movements), per product. */
export async function makerHoldings(
  conn: Conn,
  pairs: ReadonlyArray<{ enrolmentId: string; productId: string }>,
) {
  if (pairs.length === 0) return [];
  const es = pairs.map((p) => p.enrolmentId);
  const ps = pairs.map((p) => p.productId);
  return conn
    .selectFrom('product_movements')
    .select((eb) => ['enrolment_id', 'product_id', eb.fn.sum<string>('d_awaiting').as('awaiting')])
    .where(sql<boolean>`(enrolment_id, product_id) in (select * from unnest(${es}::uuid[], ${ps}::uuid[]))`)
    .groupBy(['enrolment_id', 'product_id'])
    .execute();
}

/** The batch's product movements in one statement (`produced`, each with its maker and entry). */
export async function insertProduced(
  conn: Conn,
  rows: readonly ProductMovementRow[],
  createdBy: string | null,
) {
  if (rows.length === 0) return;
  const col = <K extends keyof ProductMovementRow>(k: K) => rows.map((r) => r[k] ?? null);
  await sql`
    insert into product_movements
      (unit_id, product_id, kind, day, enrolment_id, production_entry_id,
       d_awaiting, d_in_check, d_on_hand, d_reserved, d_sold, created_by)
    select x.u, x.p, 'produced', x.day, x.e, x.pe, x.a, x.ic, x.oh, x.r, x.s, ${createdBy}::uuid
    from unnest(${col('unit_id')}::uuid[], ${col('product_id')}::uuid[], ${col('day')}::date[],
      ${col('enrolment_id')}::uuid[], ${col('production_entry_id')}::uuid[], ${col('d_awaiting')}::int[],
      ${col('d_in_check')}::int[], ${col('d_on_hand')}::int[], ${col('d_reserved')}::int[], ${col('d_sold')}::int[])
      as x(u, p, day, e, pe, a, ic, oh, r, s)`.execute(conn);
}

/** Each product's columns after the batch, in one statement (the rows are locked by lockProducts). */
export async function setProductsStock(conn: Conn, stock: ReadonlyMap<string, ProductStock>) {
  if (stock.size === 0) return;
  await sql`${updateProductsStock(stock)}`.execute(conn);
}

/** The UPDATE of setProductsStock, for a statement that writes more (the production log's save). */
export function updateProductsStock(stock: ReadonlyMap<string, ProductStock>) {
  const s = [...stock.values()];
  const col = <K extends keyof ProductStock>(k: K) => s.map((x) => x[k]);
  return sql`
    update products p set
      awaiting_check = x.a, in_check = x.ic, on_hand = x.oh, reserved = x.r, sold = x.s, updated_at = now()
    from unnest(${[...stock.keys()]}::uuid[], ${col('awaiting_check')}::int[], ${col('in_check')}::int[],
      ${col('on_hand')}::int[], ${col('reserved')}::int[], ${col('sold')}::int[]) as x(id, a, ic, oh, r, s)
    where p.id = x.id`;
}

/** The materials a save uses, locked in id order (their stock and value are read under the lock). */
export async function lockMaterials(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return conn
    .selectFrom('materials')
    .select(['id', 'unit_id', 'name', 'owner', 'on_hand', 'stock_value'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** A material's stock columns after a batch. */
export interface MaterialStock {
  on_hand: number;
  stock_value: number;
}

/** The INSERT of a batch's material movements, for a statement that writes more (the save). */
export function insertMaterialMovements(rows: readonly MaterialMovementRow[]) {
  const col = <K extends keyof MaterialMovementRow>(k: K) => rows.map((r) => r[k] ?? null);
  return sql`
    insert into material_movements (unit_id, material_id, kind, day, qty, value, session_id, note, created_by)
    select * from unnest(${col('unit_id')}::uuid[], ${col('material_id')}::uuid[], ${col('kind')}::text[],
      ${col('day')}::date[], ${col('qty')}::int[], ${col('value')}::bigint[], ${col('session_id')}::uuid[],
      ${col('note')}::text[], ${col('created_by')}::uuid[])`;
}

/** The UPDATE of each material's columns after a batch (the rows are locked by lockMaterials). */
export function updateMaterialsStock(stock: ReadonlyMap<string, MaterialStock>) {
  const s = [...stock.values()];
  return sql`
    update materials t set on_hand = x.oh, stock_value = x.v, updated_at = now()
    from unnest(${[...stock.keys()]}::uuid[], ${s.map((x) => x.on_hand)}::int[],
      ${s.map((x) => x.stock_value)}::bigint[]) as x(id, oh, v)
    where t.id = x.id`;
}

/** A batch's material movements and the materials' columns, in one statement. */
export async function writeUsed(
  conn: Conn,
  rows: readonly MaterialMovementRow[],
  stock: ReadonlyMap<string, MaterialStock>,
) {
  if (rows.length === 0) return;
  await sql`with moves as (${insertMaterialMovements(rows)}) ${updateMaterialsStock(stock)}`.execute(conn);
}
