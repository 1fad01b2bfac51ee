// SQL for stock-takes and write-offs (stock_adjustments and their lines), and the read-only view of
// finished products' stock they and the stock page need. The product rows' stock columns are the
// stock ledger's (modules/stock), maintained with every movement; this file reads them, one
// set-based query per page, and never writes them: approvals post through moveProduct.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { AdjustmentKind, AdjustmentStatus } from '../../db/schema.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('stock_adjustments as a')
    .leftJoin('users as cu', 'cu.id', 'a.created_by')
    .leftJoin('users as du', 'du.id', 'a.decided_by')
    .select((eb) => [
      'a.id',
      'a.unit_id',
      'a.kind',
      'a.day',
      'a.status',
      'a.note',
      'a.created_by',
      'cu.full_name as created_by_name',
      'a.created_at',
      'a.decided_by',
      'du.full_name as decided_by_name',
      'a.decided_at',
      'a.decision_note',
      eb
        .selectFrom('stock_adjustment_lines as l')
        .select((x) => x.fn.countAll<string>().as('n'))
        .whereRef('l.adjustment_id', '=', 'a.id')
        .as('line_count'),
    ])
    .where(scopeFilter(scope, { unit: 'a.unit_id', partner: null }));
}

type Raw = Awaited<ReturnType<ReturnType<typeof scoped>['executeTakeFirstOrThrow']>>;
const shape = (r: Raw) => ({ ...r, line_count: toNumber(r.line_count) });
export type AdjustmentRow = ReturnType<typeof shape>;

/** The adjustment in scope; `lock` holds its row, so two decisions on it queue and the second sees the first. */
export async function findAdjustment(conn: Conn, scope: Scope, id: string, lock = false) {
  if (lock) {
    const held = await conn
      .selectFrom('stock_adjustments as a')
      .select('a.id')
      .where('a.id', '=', id)
      .where(scopeFilter(scope, { unit: 'a.unit_id', partner: null }))
      .forUpdate()
      .executeTakeFirst();
    if (!held) return undefined;
  }
  const r = await scoped(conn, scope).where('a.id', '=', id).executeTakeFirst();
  return r ? shape(r) : undefined;
}

export async function listAdjustments(
  conn: Conn,
  scope: Scope,
  f: { status?: AdjustmentStatus | undefined; kind?: AdjustmentKind | undefined; page: number },
) {
  let q = scoped(conn, scope);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    q
      .orderBy('a.day', 'desc')
      .orderBy('a.created_at', 'desc')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map(shape), total: toNumber(count?.n), pageSize: PAGE };
}

export async function pendingAdjustments(conn: Conn, scope: Scope) {
  const rows = await scoped(conn, scope)
    .where('a.status', '=', 'submitted')
    .orderBy('a.created_at')
    .execute();
  return rows.map(shape);
}

export async function linesOf(conn: Conn, adjustmentId: string) {
  return conn
    .selectFrom('stock_adjustment_lines as l')
    .leftJoin('materials as m', 'm.id', 'l.material_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.material_id',
      'l.product_id',
      sql<string>`coalesce(m.name, p.name)`.as('item_name'),
      sql<string>`coalesce(m.uom, p.uom)`.as('uom'),
      'l.expected',
      'l.counted',
      'l.qty',
      'l.reason',
    ])
    .where('l.adjustment_id', '=', adjustmentId)
    .orderBy(sql`l.product_id is not null`)
    .orderBy(sql`coalesce(m.name, p.name)`)
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export interface LineValues {
  material_id: string | null;
  product_id: string | null;
  expected: number | null;
  counted: number | null;
  qty: number | null;
  reason: string | null;
}

export async function insertAdjustment(
  conn: Conn,
  v: { unit_id: string; kind: AdjustmentKind; day: string; note: string | null; created_by: string | null },
  lines: readonly LineValues[],
) {
  const { id } = await conn
    .insertInto('stock_adjustments')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < lines.length; i += 1000) {
    await conn
      .insertInto('stock_adjustment_lines')
      .values(lines.slice(i, i + 1000).map((l) => ({ ...l, adjustment_id: id })))
      .execute();
  }
  return id;
}

export async function setDecision(
  conn: Conn,
  id: string,
  v: { status: 'approved' | 'rejected'; decided_by: string | null; decision_note: string | null },
) {
  await conn
    .updateTable('stock_adjustments')
    .set({ ...v, decided_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Active products in scope with their five stock columns (the stock page, the stock-take form). A
 * product's partner is its programme's, as for production records.
 */
export async function activeProducts(conn: Conn, scope: Scope, unitId?: string) {
  let q = conn
    .selectFrom('products as p')
    .leftJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .select([
      'p.id',
      'p.unit_id',
      'p.name',
      'p.uom',
      'p.awaiting_check',
      'p.in_check',
      'p.on_hand',
      'p.reserved',
      'p.sold',
    ])
    .where('p.active', '=', true)
    .where(scopeFilter(scope, { unit: 'p.unit_id', partner: 'pr.partner_id' }));
  if (unitId) q = q.where('p.unit_id', '=', unitId);
  return q.orderBy('p.name').execute();
}
export type ProductStockRow = Awaited<ReturnType<typeof activeProducts>>[number];

/** The unit's active items by id, with what the records hold now (a stock-take's expected). */
export async function itemsOfUnit(
  conn: Conn,
  unitId: string,
  materialIds: readonly string[],
  productIds: readonly string[],
) {
  const [materials, products] = await Promise.all([
    materialIds.length
      ? conn
          .selectFrom('materials')
          .select(['id', 'name', 'on_hand'])
          .where('unit_id', '=', unitId)
          .where('active', '=', true)
          .where('id', 'in', materialIds)
          .execute()
      : [],
    productIds.length
      ? conn
          .selectFrom('products')
          .select(['id', 'name', 'on_hand', 'reserved'])
          .where('unit_id', '=', unitId)
          .where('active', '=', true)
          .where('id', 'in', productIds)
          .execute()
      : [],
  ]);
  return { materials, products };
}
