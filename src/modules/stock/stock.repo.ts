// The two stock ledgers and the gapless document counters. A movement is written together with
// the change of the maintained columns on its product or material row, under that row's lock, so
// concurrent requests queue on the row and the second sees what the first left.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { MaterialMovementKind, ProductMovementKind } from '../../db/schema.ts';
import type { ProductDeltas, ProductStock } from './stock.rules.ts';

export async function lockProduct(conn: Conn, id: string) {
  return conn
    .selectFrom('products')
    .select(['id', 'unit_id', 'name', 'route', 'awaiting_check', 'in_check', 'on_hand', 'reserved', 'sold'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface ProductMovementRow extends ProductDeltas {
  unit_id: string;
  product_id: string;
  kind: ProductMovementKind;
  day: string;
  enrolment_id?: string | null;
  production_entry_id?: string | null;
  qc_line_id?: string | null;
  sale_id?: string | null;
  adjustment_id?: string | null;
  note?: string | null;
  created_by: string | null;
}

export async function insertProductMovement(conn: Conn, m: ProductMovementRow, next: ProductStock) {
  await conn.insertInto('product_movements').values(m).execute();
  await conn
    .updateTable('products')
    .set({ ...next, updated_at: sql`now()` })
    .where('id', '=', m.product_id)
    .execute();
}

/** Items of one product a maker holds in a column (awaiting the check, mostly): their movements' sum. */
export async function makerHolding(conn: Conn, enrolmentId: string, productId: string) {
  const r = await conn
    .selectFrom('product_movements')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<string>('d_awaiting'), sql<string>`0`).as('awaiting'),
      eb.fn.coalesce(eb.fn.sum<string>('d_in_check'), sql<string>`0`).as('in_check'),
    ])
    .where('enrolment_id', '=', enrolmentId)
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { awaiting: Number(r.awaiting), in_check: Number(r.in_check) };
}

export async function lockMaterial(conn: Conn, id: string) {
  return conn
    .selectFrom('materials')
    .select(['id', 'unit_id', 'name', 'uom', 'owner', 'on_hand', 'stock_value'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface MaterialMovementRow {
  unit_id: string;
  material_id: string;
  kind: MaterialMovementKind;
  day: string;
  qty: number;
  value: number;
  source?: string | null;
  document_no?: string | null;
  session_id?: string | null;
  enrolment_id?: string | null;
  production_entry_id?: string | null;
  adjustment_id?: string | null;
  note?: string | null;
  created_by: string | null;
}

export async function insertMaterialMovement(conn: Conn, m: MaterialMovementRow) {
  await conn.insertInto('material_movements').values(m).execute();
  await conn
    .updateTable('materials')
    .set((eb) => ({
      on_hand: eb('on_hand', '+', m.qty),
      stock_value: sql<string>`stock_value + ${m.value}`,
      updated_at: sql`now()`,
    }))
    .where('id', '=', m.material_id)
    .execute();
}

/** The next number of a series: gapless, because the counter row changes in the caller's transaction. */
export async function nextSeq(conn: Conn, unitId: string, series: string, year: number): Promise<number> {
  const r = await conn
    .insertInto('document_counters')
    .values({ unit_id: unitId, series, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'series', 'year'])
        .doUpdateSet((eb) => ({ last: eb('document_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/** Sums of the movements, per product, to compare with the maintained columns (tests, checks). */
export async function productMovementSums(conn: Conn, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  return conn
    .selectFrom('product_movements')
    .select((eb) => [
      'product_id',
      eb.fn.sum<string>('d_awaiting').as('awaiting_check'),
      eb.fn.sum<string>('d_in_check').as('in_check'),
      eb.fn.sum<string>('d_on_hand').as('on_hand'),
      eb.fn.sum<string>('d_reserved').as('reserved'),
      eb.fn.sum<string>('d_sold').as('sold'),
    ])
    .where('product_id', 'in', productIds)
    .groupBy('product_id')
    .execute();
}

export async function materialMovementSums(conn: Conn, materialIds: readonly string[]) {
  if (materialIds.length === 0) return [];
  return conn
    .selectFrom('material_movements')
    .select((eb) => [
      'material_id',
      eb.fn.sum<string>('qty').as('qty'),
      eb.fn.sum<string>('value').as('value'),
    ])
    .where('material_id', 'in', materialIds)
    .groupBy('material_id')
    .execute();
}
