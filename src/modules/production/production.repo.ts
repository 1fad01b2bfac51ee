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
 * Writes the new and changed entries of a programme day: one INSERT for the new ones and one UPDATE
 * for the changed ones (the rows travel as arrays, so 400 entries are a few parameters, not 4,400;
 * the day's lock makes a plain insert safe). Returns `e|p` -> entry id.
 */
export async function writeEntries(
  conn: Conn,
  day: { unitId: string; programmeId: string; sessionId: string | null; day: string; userId: string | null },
  rows: ReadonlyArray<EntryValues & { id: string | null }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const fresh = rows.filter((r) => r.id === null);
  const known = rows.filter((r): r is EntryValues & { id: string } => r.id !== null);
  if (fresh.length) {
    const es = fresh.map((r) => r.enrolment_id);
    const ps = fresh.map((r) => r.product_id);
    const fs = fresh.map((r) => r.finished);
    const ips = fresh.map((r) => r.in_progress);
    const res = await sql<{ id: string; enrolment_id: string; product_id: string }>`
      insert into production_entries
        (unit_id, programme_id, session_id, day, enrolment_id, product_id, finished, in_progress, recorded_by)
      select ${day.unitId}::uuid, ${day.programmeId}::uuid, ${day.sessionId}::uuid, ${day.day}::date,
        x.e, x.p, x.f, x.ip, ${day.userId}::uuid
      from unnest(${es}::uuid[], ${ps}::uuid[], ${fs}::int[], ${ips}::int[]) as x(e, p, f, ip)
      returning id, enrolment_id, product_id`.execute(conn);
    for (const r of res.rows) out.set(`${r.enrolment_id}|${r.product_id}`, r.id);
  }
  if (known.length) {
    const ids = known.map((r) => r.id);
    const fs = known.map((r) => r.finished);
    const ips = known.map((r) => r.in_progress);
    await sql`
      update production_entries pe set
        finished = x.f,
        in_progress = x.ip,
        session_id = coalesce(${day.sessionId}::uuid, pe.session_id),
        recorded_by = ${day.userId}::uuid,
        updated_at = now()
      from unnest(${ids}::uuid[], ${fs}::int[], ${ips}::int[]) as x(id, f, ip)
      where pe.id = x.id`.execute(conn);
    for (const r of known) out.set(`${r.enrolment_id}|${r.product_id}`, r.id);
  }
  return out;
}

/** Sets the material used by entries: rows with a quantity are written, those gone to zero removed. */
export async function setEntryMaterials(
  conn: Conn,
  set: ReadonlyArray<{ entry_id: string; material_id: string; qty: number; fresh: boolean }>,
  removed: ReadonlyArray<{ entry_id: string; material_id: string }>,
) {
  // Rows of entries written just now cannot conflict: a plain insert (no speculative insertion).
  for (const fresh of [true, false]) {
    const rows = set.filter((r) => r.fresh === fresh);
    if (rows.length === 0) continue;
    const es = rows.map((r) => r.entry_id);
    const ms = rows.map((r) => r.material_id);
    const qs = rows.map((r) => r.qty);
    await sql`
      insert into production_entry_materials (entry_id, material_id, qty)
      select * from unnest(${es}::uuid[], ${ms}::uuid[], ${qs}::int[])
      ${fresh ? sql`` : sql`on conflict (entry_id, material_id) do update set qty = excluded.qty`}`.execute(
      conn,
    );
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
