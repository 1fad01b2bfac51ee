// SQL of the production log: a programme day's entries with the material they used, the
// set-based writes of one save (one upsert for all entries, one for their materials), and which
// days have a log (the hub). Entries are found through a session or programme the policy has
// already found within the principal's scope.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';

/** Saves of one programme day queue behind each other, so the read of stored entries stays true. */
export async function lockDay(conn: Conn, programmeId: string, day: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`production:${programmeId}:${day}`}, 0))`.execute(
    conn,
  );
}

export async function entriesOf(conn: Conn, programmeId: string, day: string) {
  const [entries, materials] = await Promise.all([
    conn
      .selectFrom('production_entries')
      .select(['id', 'enrolment_id', 'product_id', 'finished', 'in_progress'])
      .where('programme_id', '=', programmeId)
      .where('day', '=', day)
      .execute(),
    conn
      .selectFrom('production_entry_materials as m')
      .innerJoin('production_entries as e', 'e.id', 'm.entry_id')
      .select(['m.entry_id', 'm.material_id', 'm.qty'])
      .where('e.programme_id', '=', programmeId)
      .where('e.day', '=', day)
      .execute(),
  ]);
  const byEntry = new Map<string, Map<string, number>>();
  for (const m of materials) {
    const x = byEntry.get(m.entry_id) ?? new Map<string, number>();
    x.set(m.material_id, m.qty);
    byEntry.set(m.entry_id, x);
  }
  return entries.map((e) => ({ ...e, materials: byEntry.get(e.id) ?? new Map<string, number>() }));
}

export type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

export interface EntryValues {
  enrolment_id: string;
  product_id: string;
  finished: number;
  in_progress: number;
}

/**
 * Writes every new or changed entry of a programme day in one statement (the rows travel as arrays,
 * so 400 entries are 4 parameters, not 4,400); returns `e|p` -> entry id.
 */
export async function upsertEntries(
  conn: Conn,
  day: { unitId: string; programmeId: string; sessionId: string | null; day: string; userId: string | null },
  rows: readonly EntryValues[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const es = rows.map((r) => r.enrolment_id);
  const ps = rows.map((r) => r.product_id);
  const fs = rows.map((r) => r.finished);
  const ips = rows.map((r) => r.in_progress);
  const out = await sql<{ id: string; enrolment_id: string; product_id: string }>`
    insert into production_entries
      (unit_id, programme_id, session_id, day, enrolment_id, product_id, finished, in_progress, recorded_by)
    select ${day.unitId}::uuid, ${day.programmeId}::uuid, ${day.sessionId}::uuid, ${day.day}::date,
      x.e, x.p, x.f, x.ip, ${day.userId}::uuid
    from unnest(${es}::uuid[], ${ps}::uuid[], ${fs}::int[], ${ips}::int[]) as x(e, p, f, ip)
    on conflict on constraint production_entries_key do update set
      finished = excluded.finished,
      in_progress = excluded.in_progress,
      session_id = coalesce(excluded.session_id, production_entries.session_id),
      recorded_by = excluded.recorded_by,
      updated_at = now()
    returning id, enrolment_id, product_id`.execute(conn);
  return new Map(out.rows.map((r) => [`${r.enrolment_id}|${r.product_id}`, r.id]));
}

/** Sets the material used by entries: rows with a quantity are written, those gone to zero removed. */
export async function setEntryMaterials(
  conn: Conn,
  set: ReadonlyArray<{ entry_id: string; material_id: string; qty: number }>,
  removed: ReadonlyArray<{ entry_id: string; material_id: string }>,
) {
  if (set.length) {
    const es = set.map((r) => r.entry_id);
    const ms = set.map((r) => r.material_id);
    const qs = set.map((r) => r.qty);
    await sql`
      insert into production_entry_materials (entry_id, material_id, qty)
      select * from unnest(${es}::uuid[], ${ms}::uuid[], ${qs}::int[])
      on conflict (entry_id, material_id) do update set qty = excluded.qty`.execute(conn);
  }
  if (removed.length) {
    const es = removed.map((r) => r.entry_id);
    const ms = removed.map((r) => r.material_id);
    await conn
      .deleteFrom('production_entry_materials')
      .where(sql<boolean>`(entry_id, material_id) in (select * from unnest(${es}::uuid[], ${ms}::uuid[]))`)
      .execute();
  }
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
