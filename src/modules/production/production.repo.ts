// SQL of the production log: a programme day's entries with the material they used, the
// set-based write of one save (one statement for its entries, their materials, both ledgers'
// movements and the products' and materials' columns), and which days have a log (the hub).
// Entries are found through a session or programme the policy has already found within the
// principal's scope.
import { type RawBuilder, sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import type { MaterialMovementRow, ProductMovementRow } from '../stock/stock.repo.ts';
import type { ProductStock } from '../stock/stock.rules.ts';
import {
  insertMaterialMovements,
  type MaterialStock,
  updateMaterialsStock,
  updateProductsStock,
} from './production.ledger.repo.ts';

/** Saves of one programme day queue behind each other, so the read of stored entries stays true. */
export async function lockDay(conn: Conn, programmeId: string, day: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`production:${programmeId}:${day}`}, 0))`.execute(
    conn,
  );
}

/** A programme day's entries, each with the material it used (one query). */
export async function entriesOf(conn: Conn, programmeId: string, day: string) {
  const r = await sql<{
    id: string;
    enrolment_id: string;
    product_id: string;
    finished: number;
    in_progress: number;
    materials: Array<[string, number]> | null;
  }>`
    select e.id, e.enrolment_id, e.product_id, e.finished, e.in_progress,
      (select json_agg(json_build_array(m.material_id, m.qty)) from production_entry_materials m
        where m.entry_id = e.id) as materials
    from production_entries e
    where e.programme_id = ${programmeId}::uuid and e.day = ${day}::date`.execute(conn);
  return r.rows.map(({ materials, ...e }) => ({ ...e, materials: new Map<string, number>(materials ?? []) }));
}

export type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

export interface EntryValues {
  enrolment_id: string;
  product_id: string;
  finished: number;
  in_progress: number;
}

export interface DayWrite {
  /** New entries: a plain INSERT (the day's lock makes it safe; no speculative insertion). */
  fresh: ReadonlyArray<EntryValues>;
  /** Changed entries, by id: one UPDATE from arrays. */
  changed: ReadonlyArray<EntryValues & { id: string }>;
  /** Material used by the written entries, by maker and product (a stored entry's rows upserted). */
  materials: ReadonlyArray<{ enrolment_id: string; product_id: string; material_id: string; qty: number }>;
  /** Material rows of changed entries gone to zero. */
  removed: ReadonlyArray<{ entry_id: string; material_id: string }>;
  /** The product ledger's `produced` movements, each joined to its entry by maker and product. */
  moves: ReadonlyArray<ProductMovementRow>;
  /** Each product's columns after the movements (rows locked by planProduced). */
  stock: ReadonlyMap<string, ProductStock>;
  /** The material ledger's `used` movements, one per material (planUsed). */
  used: ReadonlyArray<MaterialMovementRow>;
  /** Each material's columns after them (rows locked by planUsed). */
  materialStock: ReadonlyMap<string, MaterialStock>;
}

/**
 * Writes a save of a programme day in ONE statement (data-modifying CTEs): the new entries
 * inserted and the changed ones updated, their material rows written or removed, one `produced`
 * movement per entry whose items finished changed (joined to the entry it belongs to by maker and
 * product, so a new entry's id never travels back to the server), each product's columns, and the
 * `used` movement and columns of each material. The rows travel as JSON, so 400 entries are a few
 * parameters, not 4,400. A part with no rows is left out of the statement: an UPDATE of nothing
 * still fires its table's statement triggers (rollup_dirty's). What the statement costs is mostly
 * the foreign-key checks of its rows (about 13 per entry), which PostgreSQL runs one row at a
 * time; the round trips are one. Returns how many entries were inserted.
 */
export async function writeDay(
  conn: Conn,
  day: { unitId: string; programmeId: string; sessionId: string | null; day: string; userId: string | null },
  w: DayWrite,
): Promise<number> {
  // Each set travels as one JSON parameter, read by json_to_recordset: node-postgres turns an array
  // parameter into text element by element, which costs the app more CPU than JSON.stringify.
  const json = (rows: ReadonlyArray<object>) => JSON.stringify(rows);
  const ctes: RawBuilder<unknown>[] = [];
  /** The written entries' ids by maker and product, for their materials and movements. */
  const written: RawBuilder<unknown>[] = [];
  if (w.fresh.length > 0) {
    ctes.push(sql`fresh as (
      insert into production_entries
        (unit_id, programme_id, session_id, day, enrolment_id, product_id, finished, in_progress, recorded_by)
      select ${day.unitId}::uuid, ${day.programmeId}::uuid, ${day.sessionId}::uuid, ${day.day}::date,
        x.enrolment_id, x.product_id, x.finished, x.in_progress, ${day.userId}::uuid
      from json_to_recordset(${json(w.fresh)}::json)
        as x(enrolment_id uuid, product_id uuid, finished int, in_progress int)
      returning id, enrolment_id, product_id)`);
    written.push(sql`select id, enrolment_id, product_id from fresh`);
  }
  if (w.changed.length > 0) {
    ctes.push(sql`changed as (
      update production_entries pe set
        finished = x.finished,
        in_progress = x.in_progress,
        session_id = coalesce(${day.sessionId}::uuid, pe.session_id),
        recorded_by = ${day.userId}::uuid,
        updated_at = now()
      from json_to_recordset(${json(w.changed)}::json) as x(id uuid, finished int, in_progress int)
      where pe.id = x.id
      returning pe.id, pe.enrolment_id, pe.product_id)`);
    written.push(sql`select id, enrolment_id, product_id from changed`);
  }
  if (w.materials.length > 0) {
    ctes.push(sql`mats as (
      select * from json_to_recordset(${json(w.materials)}::json)
        as x(enrolment_id uuid, product_id uuid, material_id uuid, qty int))`);
    if (w.fresh.length > 0)
      ctes.push(sql`fresh_mats as (
        insert into production_entry_materials (entry_id, material_id, qty)
        select f.id, x.material_id, x.qty
        from mats x join fresh f on f.enrolment_id = x.enrolment_id and f.product_id = x.product_id)`);
    if (w.changed.length > 0)
      ctes.push(sql`changed_mats as (
        insert into production_entry_materials (entry_id, material_id, qty)
        select c.id, x.material_id, x.qty
        from mats x join changed c on c.enrolment_id = x.enrolment_id and c.product_id = x.product_id
        on conflict (entry_id, material_id) do update set qty = excluded.qty)`);
  }
  if (w.removed.length > 0)
    ctes.push(sql`gone as (
      delete from production_entry_materials
      where (entry_id, material_id) in
        (select * from json_to_recordset(${json(w.removed)}::json) as x(entry_id uuid, material_id uuid)))`);
  if (w.moves.length > 0)
    ctes.push(sql`moves as (
      insert into product_movements
        (unit_id, product_id, kind, day, enrolment_id, production_entry_id,
         d_awaiting, d_in_check, d_on_hand, d_reserved, d_sold, created_by)
      select x.unit_id, x.product_id, 'produced', x.day, x.enrolment_id, en.id,
        x.d_awaiting, x.d_in_check, x.d_on_hand, x.d_reserved, x.d_sold, ${day.userId}::uuid
      from json_to_recordset(${json(w.moves)}::json)
        as x(unit_id uuid, product_id uuid, day date, enrolment_id uuid,
             d_awaiting int, d_in_check int, d_on_hand int, d_reserved int, d_sold int)
      join (${sql.join(written, sql` union all `)}) en
        on en.enrolment_id = x.enrolment_id and en.product_id = x.product_id)`);
  if (w.stock.size > 0) ctes.push(sql`stock as (${updateProductsStock(w.stock)})`);
  if (w.used.length > 0) {
    ctes.push(sql`used as (${insertMaterialMovements(w.used)})`);
    ctes.push(sql`material_stock as (${updateMaterialsStock(w.materialStock)})`);
  }
  if (ctes.length === 0) return 0;
  const inserted = w.fresh.length > 0 ? sql`(select count(*) from fresh)` : sql`0`;
  const r = await sql<{ inserted: string }>`
    with ${sql.join(ctes, sql`, `)}
    select ${inserted} as inserted`.execute(conn);
  return Number(r.rows[0]?.inserted ?? 0);
}

/** Which of these programmes have a log on which days (for the hub's "recorded" marks). */
export async function recordedDays(conn: Conn, programmeIds: readonly string[], from: string, to: string) {
  if (programmeIds.length === 0) return [];
  return conn
    .selectFrom('production_entries')
    .select((eb) => ['programme_id', 'day', eb.fn.sum<string>('finished').as('finished')])
    .where('programme_id', 'in', programmeIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['programme_id', 'day'])
    .execute();
}
