// SQL for the holiday calendar: national rows (unit_id null) and each unit's local ones.
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { HolidayKind } from '../../db/schema.ts';

const cols = ['h.id', 'h.unit_id', 'h.day', 'h.name', 'h.kind', 'u.name as unit_name'] as const;

export type HolidayRow = Awaited<ReturnType<typeof findHoliday>> & {};

export async function findHoliday(conn: Conn, id: string) {
  return conn
    .selectFrom('holidays as h')
    .leftJoin('units as u', 'u.id', 'h.unit_id')
    .select(cols)
    .where('h.id', '=', id)
    .executeTakeFirst();
}

function between(conn: Conn, from: string, to: string) {
  return conn
    .selectFrom('holidays as h')
    .leftJoin('units as u', 'u.id', 'h.unit_id')
    .select(cols)
    .where('h.day', '>=', from)
    .where('h.day', '<=', to);
}

/** National holidays plus the local ones of the units in the scope, between two days inclusive. */
export async function listHolidays(conn: Conn, scope: Scope, from: string, to: string) {
  return between(conn, from, to)
    .where((eb) =>
      eb.or([eb('h.unit_id', 'is', null), scopeFilter(scope, { unit: 'h.unit_id', partner: null })]),
    )
    .orderBy('h.day')
    .orderBy('h.unit_id', 'desc')
    .execute();
}

/** National holidays plus one unit's local ones, between two days inclusive. */
export async function holidaysOfUnit(conn: Conn, unitId: string, from: string, to: string) {
  return between(conn, from, to)
    .where((eb) => eb.or([eb('h.unit_id', 'is', null), eb('h.unit_id', '=', unitId)]))
    .orderBy('h.day')
    .orderBy('h.unit_id', 'desc')
    .execute();
}

/** National holidays and the given units' own, in [from, to]: per unit id, plus '' for national. */
export async function holidaysOfUnits(conn: Conn, unitIds: readonly string[], from: string, to: string) {
  const rows = await conn
    .selectFrom('holidays')
    .select(['unit_id', 'day'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where((eb) =>
      unitIds.length
        ? eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', unitIds)])
        : eb('unit_id', 'is', null),
    )
    .execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = r.unit_id ?? '';
    const set = out.get(key) ?? new Set<string>();
    out.set(key, set);
    set.add(r.day);
  }
  return out;
}

export async function dayTaken(conn: Conn, unitId: string | null, day: string, exceptId?: string) {
  let q = conn
    .selectFrom('holidays')
    .select('id')
    .where('day', '=', day)
    .where('unit_id', unitId === null ? 'is' : '=', unitId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertHoliday(
  conn: Conn,
  v: { unit_id: string | null; day: string; name: string; kind: HolidayKind },
) {
  return (await conn.insertInto('holidays').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateHoliday(
  conn: Conn,
  id: string,
  v: { day: string; name: string; kind: HolidayKind },
) {
  await conn
    .updateTable('holidays')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteHoliday(conn: Conn, id: string) {
  await conn.deleteFrom('holidays').where('id', '=', id).execute();
}

export async function countNational(conn: Conn) {
  const r = await conn
    .selectFrom('holidays')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
