// SQL for the product catalogue, its bill of materials and its movement history. Reads take the
// viewer's scope: the product's unit, and for a partner instructor the partner of the programme
// that makes it (a product with no programme belongs to no partner, so an instructor never sees it).
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, nameTakenInUnit, toNumber } from '../../db/database.ts';
import type { ProductRoute } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('products as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('product_kinds as k', 'k.id', 'p.kind_id')
    .leftJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .select([
      'p.id',
      'p.unit_id',
      'u.name as unit_name',
      'u.timezone',
      'p.programme_id',
      'pr.name as programme_name',
      'pr.partner_id',
      'pr.agreement_id',
      'p.kind_id',
      'k.name as kind_name',
      'p.name',
      'p.rate_name',
      'p.uom',
      'p.route',
      'p.price',
      'p.description',
      'p.photo_file_id',
      'p.active',
      'p.awaiting_check',
      'p.in_check',
      'p.on_hand',
      'p.reserved',
      'p.sold',
      'p.updated_at',
    ])
    .where(scopeFilter(scope, { unit: 'p.unit_id', partner: 'pr.partner_id' }));
}

/** A product row with its price as integer rupiah (pg returns bigint as a string). */
function withPrice<T extends { price: string | null }>(r: T): Omit<T, 'price'> & { price: number | null } {
  return { ...r, price: r.price === null ? null : rupiah(r.price) };
}

export async function findProduct(conn: Conn, scope: Scope, id: string) {
  const r = await scoped(conn, scope).where('p.id', '=', id).executeTakeFirst();
  return r && withPrice(r);
}

export type ProductRow = NonNullable<Awaited<ReturnType<typeof findProduct>>>;

export interface ProductFilter {
  q?: string | undefined;
  programmeId?: string | undefined;
  kindId?: string | undefined;
  route?: ProductRoute | undefined;
  active?: boolean | undefined;
  page: number;
}

export async function listProducts(conn: Conn, scope: Scope, f: ProductFilter) {
  let q = scoped(conn, scope);
  if (f.q) q = q.where('p.name', 'ilike', `%${f.q.replace(/[%_\\]/g, '')}%`);
  if (f.programmeId) q = q.where('p.programme_id', '=', f.programmeId);
  if (f.kindId) q = q.where('p.kind_id', '=', f.kindId);
  if (f.route) q = q.where('p.route', '=', f.route);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active);
  const [rows, count] = await Promise.all([
    q
      .orderBy('p.active', 'desc')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map(withPrice), total: toNumber(count?.n), pageSize: PAGE };
}

/**
 * The active products a programme makes, within the scope, each with its bill of materials (lines
 * in the materials' name order) read in the same statement: the production log reads these on
 * every page and every save.
 */
export async function activeProductsOf(conn: Conn, scope: Scope, programmeId: string) {
  const rows = await scoped(conn, scope)
    .select(
      sql<BomRow[]>`coalesce((
        select json_agg(json_build_object('material_id', b.material_id, 'qty_per_item', b.qty_per_item,
          'material_name', m.name, 'uom', m.uom) order by m.name)
        from bill_of_materials b join materials m on m.id = b.material_id
        where b.product_id = p.id), '[]'::json)`.as('bom'),
    )
    .where('p.programme_id', '=', programmeId)
    .where('p.active', '=', true)
    .orderBy('p.name')
    .execute();
  return rows.map(withPrice);
}

/** A bill of materials line with its material's name and unit of measure. */
export interface BomRow {
  material_id: string;
  qty_per_item: number;
  material_name: string;
  uom: string;
}

export const nameTaken = (conn: Conn, unitId: string, name: string, exceptId?: string) =>
  nameTakenInUnit(conn, 'products', unitId, name, exceptId);

export interface ProductValues {
  programme_id: string | null;
  kind_id: string;
  name: string;
  rate_name: string | null;
  uom: string;
  route: ProductRoute;
  price: number | null;
  description: string | null;
  active: boolean;
}

export async function insertProduct(conn: Conn, v: ProductValues & { unit_id: string }) {
  return (await conn.insertInto('products').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProduct(conn: Conn, id: string, v: ProductValues) {
  await conn
    .updateTable('products')
    .set({ ...v, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** The product row locked for a change of its own fields (stock columns are the ledger's). */
export async function lockProductRow(conn: Conn, id: string) {
  return conn
    .selectFrom('products')
    .select([
      'id',
      'unit_id',
      'programme_id',
      'kind_id',
      'name',
      'rate_name',
      'uom',
      'route',
      'price',
      'description',
      'photo_file_id',
      'active',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function hasMovements(conn: Conn, productId: string) {
  const r = await conn
    .selectFrom('product_movements')
    .select('id')
    .where('product_id', '=', productId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function setPhoto(conn: Conn, id: string, fileId: string | null) {
  await conn
    .updateTable('products')
    .set({ photo_file_id: fileId, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** An active product kind (or the one the product already has, even if since deactivated). */
export async function kindUsable(conn: Conn, kindId: string, currentKindId?: string) {
  const k = await conn
    .selectFrom('product_kinds')
    .select(['id', 'active'])
    .where('id', '=', kindId)
    .executeTakeFirst();
  return !!k && (k.active || k.id === currentKindId);
}

// --- Bill of materials ------------------------------------------------------------------------

export interface BomLine {
  material_id: string;
  qty_per_item: number;
}

export async function bomOf(conn: Conn, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  return conn
    .selectFrom('bill_of_materials as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .select(['b.product_id', 'b.material_id', 'm.name as material_name', 'm.uom', 'b.qty_per_item'])
    .where('b.product_id', 'in', productIds)
    .orderBy('m.name')
    .execute();
}

export async function replaceBom(conn: Conn, productId: string, lines: readonly BomLine[]) {
  await conn.deleteFrom('bill_of_materials').where('product_id', '=', productId).execute();
  if (lines.length === 0) return;
  await conn
    .insertInto('bill_of_materials')
    .values(lines.map((l) => ({ product_id: productId, ...l })))
    .execute();
}

/** The unit's active materials (the bill of materials' choices); materials belong to no partner. */
export async function materialOptions(conn: Conn, scope: Scope, unitId: string) {
  return conn
    .selectFrom('materials as m')
    .select(['m.id', 'm.name', 'm.uom'])
    .where('m.unit_id', '=', unitId)
    .where('m.active', '=', true)
    .where(scopeFilter(scope, { unit: 'm.unit_id', partner: null }))
    .orderBy('m.name')
    .execute();
}

export async function materialsByIds(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return conn.selectFrom('materials').select(['id', 'unit_id', 'active']).where('id', 'in', ids).execute();
}

// --- Choices and history ------------------------------------------------------------------------

/**
 * The programmes a product may be made by: those in the scope that are not finished (and the one
 * it is made by already, whatever its status), with what the route rule needs.
 */
export async function programmeOptions(conn: Conn, scope: Scope, keepId?: string | null) {
  return conn
    .selectFrom('programmes as pr')
    .leftJoin('partners as pa', 'pa.id', 'pr.partner_id')
    .select([
      'pr.id',
      'pr.name',
      'pr.unit_id',
      'pr.partner_id',
      'pa.legal_name as partner_name',
      'pr.agreement_id',
    ])
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }))
    .where((eb) =>
      keepId
        ? eb.or([eb('pr.status', '!=', 'finished'), eb('pr.id', '=', keepId)])
        : eb('pr.status', '!=', 'finished'),
    )
    .orderBy('pr.name')
    .execute();
}

/**
 * A product's latest movements, newest first. The maker's name is read only when the viewer may
 * see people (`withNames`), so it never leaves the database otherwise.
 */
export async function latestMovements(conn: Conn, productId: string, limit: number, withNames: boolean) {
  const rows = await conn
    .selectFrom('product_movements as m')
    .leftJoin('enrolments as e', 'e.id', 'm.enrolment_id')
    .select([
      'm.id',
      'm.kind',
      'm.day',
      'm.d_awaiting',
      'm.d_in_check',
      'm.d_on_hand',
      'm.d_reserved',
      'm.d_sold',
      'm.note',
      'm.created_at',
      withNames ? 'e.name as maker' : sql<string | null>`null`.as('maker'),
    ])
    .where('m.product_id', '=', productId)
    .orderBy('m.day', 'desc')
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows;
}
