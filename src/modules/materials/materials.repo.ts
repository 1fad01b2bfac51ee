// SQL for materials and their movement history. Every read takes the viewer's scope (the unit's
// materials; a partner's consignment also by its partner). Stock columns change only through the
// stock ledger (modules/stock): this file never writes on_hand or stock_value.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, nameTakenInUnit, toNumber } from '../../db/database.ts';
import type { MaterialOwner, MaterialUom } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

const PAGE = 50;
export const HISTORY_PAGE = 50;

function scoped(conn: Conn, scope: Scope) {
  return (
    conn
      .selectFrom('materials as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      // The owning partner's name, read-only, for the list and the page.
      .leftJoin('partners as pa', 'pa.id', 'm.partner_id')
      .select([
        'm.id',
        'm.unit_id',
        'u.timezone',
        'm.name',
        'm.uom',
        'm.owner',
        'm.partner_id',
        'pa.legal_name as partner_name',
        'm.low_stock_level',
        'm.on_hand',
        'm.stock_value',
        'm.active',
      ])
      .where(scopeFilter(scope, { unit: 'm.unit_id', partner: 'm.partner_id' }))
  );
}

type Raw = Awaited<ReturnType<ReturnType<typeof scoped>['executeTakeFirstOrThrow']>>;

/** A level of 0 sets no alert; otherwise stock at or below the level is low. */
export const isLow = (m: { on_hand: number; low_stock_level: number }) =>
  m.low_stock_level > 0 && m.on_hand <= m.low_stock_level;

function shape(r: Raw) {
  const stock_value = rupiah(r.stock_value);
  return { ...r, stock_value, low: isLow(r) };
}
export type MaterialRow = ReturnType<typeof shape>;

export async function findMaterial(conn: Conn, scope: Scope, id: string) {
  const r = await scoped(conn, scope).where('m.id', '=', id).executeTakeFirst();
  return r ? shape(r) : undefined;
}

export interface MaterialFilter {
  q?: string | undefined;
  owner?: MaterialOwner | undefined;
  low?: boolean | undefined;
  active?: boolean | undefined;
  page: number;
}

export async function listMaterials(conn: Conn, scope: Scope, f: MaterialFilter) {
  let q = scoped(conn, scope);
  if (f.q) q = q.where('m.name', 'ilike', `%${f.q.replace(/[%_\\]/g, '')}%`);
  if (f.owner) q = q.where('m.owner', '=', f.owner);
  if (f.active !== undefined) q = q.where('m.active', '=', f.active);
  if (f.low) q = q.where('m.low_stock_level', '>', 0).whereRef('m.on_hand', '<=', 'm.low_stock_level');
  const [rows, count] = await Promise.all([
    q
      .orderBy('m.name')
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

/** Every active material in scope (the stock page, the stock-take form): the maintained columns. */
export async function activeMaterials(conn: Conn, scope: Scope, unitId?: string) {
  let q = scoped(conn, scope).where('m.active', '=', true);
  if (unitId) q = q.where('m.unit_id', '=', unitId);
  return (await q.orderBy('m.name').execute()).map(shape);
}

export async function lowStock(conn: Conn, scope: Scope) {
  const rows = await scoped(conn, scope)
    .where('m.active', '=', true)
    .where('m.low_stock_level', '>', 0)
    .whereRef('m.on_hand', '<=', 'm.low_stock_level')
    .orderBy('m.name')
    .execute();
  return rows.map(shape);
}

export const nameTaken = (conn: Conn, unitId: string, name: string, exceptId?: string) =>
  nameTakenInUnit(conn, 'materials', unitId, name, exceptId);

export interface MaterialValues {
  name: string;
  uom: MaterialUom;
  owner: MaterialOwner;
  partner_id: string | null;
  low_stock_level: number;
  active: boolean;
}

export async function insertMaterial(conn: Conn, v: MaterialValues & { unit_id: string }) {
  const r = await conn.insertInto('materials').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMaterial(conn: Conn, id: string, v: MaterialValues) {
  await conn
    .updateTable('materials')
    .set({ ...v, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Locks the material row for the rest of the transaction (an edit queues behind movements). */
export async function lockMaterialRow(conn: Conn, id: string) {
  await conn.selectFrom('materials').select('id').where('id', '=', id).forUpdate().execute();
}

export async function hasMovements(conn: Conn, materialId: string) {
  const r = await conn
    .selectFrom('material_movements')
    .select('id')
    .where('material_id', '=', materialId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * A page of a material's movements, newest first, with the session's programme and day and the
 * participant's name where set (read-only joins, to name where an issue went).
 */
export async function movementsOf(conn: Conn, materialId: string, page: number) {
  const rows = await conn
    .selectFrom('material_movements as mm')
    .leftJoin('programme_sessions as s', 's.id', 'mm.session_id')
    .leftJoin('programmes as pr', 'pr.id', 's.programme_id')
    .leftJoin('enrolments as e', 'e.id', 'mm.enrolment_id')
    .leftJoin('users as us', 'us.id', 'mm.created_by')
    .select([
      'mm.id',
      'mm.day',
      'mm.kind',
      'mm.qty',
      'mm.value',
      'mm.source',
      'mm.document_no',
      'mm.session_id',
      's.day as session_day',
      'pr.name as session_programme',
      'mm.enrolment_id',
      'e.name as participant_name',
      'mm.adjustment_id',
      'mm.production_entry_id',
      'mm.note',
      'us.full_name as created_by_name',
      'mm.created_at',
    ])
    .where('mm.material_id', '=', materialId)
    .orderBy('mm.day', 'desc')
    .orderBy('mm.created_at', 'desc')
    .orderBy('mm.id')
    .limit(HISTORY_PAGE + 1)
    .offset((page - 1) * HISTORY_PAGE)
    .execute();
  const more = rows.length > HISTORY_PAGE;
  return { rows: rows.slice(0, HISTORY_PAGE).map((r) => ({ ...r, value: rupiah(r.value) })), more };
}
export type MovementRow = Awaited<ReturnType<typeof movementsOf>>['rows'][number];

/** What is still out with one session or participant: issued less returned, for that same pair. */
export async function outstanding(
  conn: Conn,
  materialId: string,
  sessionId: string | null,
  enrolmentId: string | null,
): Promise<number> {
  const r = await conn
    .selectFrom('material_movements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('qty'), sql<string>`0`).as('net'))
    .where('material_id', '=', materialId)
    .where('kind', 'in', ['issued', 'returned'])
    .where(sql<boolean>`session_id is not distinct from ${sessionId}::uuid`)
    .where(sql<boolean>`enrolment_id is not distinct from ${enrolmentId}::uuid`)
    .executeTakeFirstOrThrow();
  return -Number(r.net);
}
