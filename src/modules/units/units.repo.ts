// SQL for regional offices (Kanwil) and units (UPT).
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { TimeZone, UnitClass, UnitType } from '../../db/schema.ts';

function base(conn: Conn) {
  return conn
    .selectFrom('units as u')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .select([
      'u.id',
      'u.kanwil_id',
      'k.name as kanwil_name',
      'u.code',
      'u.type',
      'u.class',
      'u.name',
      'u.address',
      'u.city',
      'u.phone',
      'u.email',
      'u.timezone',
      'u.active',
    ]);
}

export type UnitRow = Awaited<ReturnType<typeof findUnit>> & {};

/** A unit's own row is the unit: its scope column is its id, and it belongs to no partner. */
const IN_SCOPE = { unit: 'u.id', partner: null };

export async function findUnit(conn: Conn, scope: Scope, id: string) {
  return base(conn).where('u.id', '=', id).where(scopeFilter(scope, IN_SCOPE)).executeTakeFirst();
}

export async function listUnits(conn: Conn, scope: Scope) {
  return base(conn).where(scopeFilter(scope, IN_SCOPE)).orderBy('k.name').orderBy('u.name').execute();
}

export async function listKanwil(conn: Conn) {
  return conn
    .selectFrom('kanwil')
    .select(['id', 'code', 'name', 'province', 'timezone'])
    .orderBy('name')
    .execute();
}

export async function codeTaken(conn: Conn, code: string, exceptId?: string): Promise<boolean> {
  let q = conn.selectFrom('units').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface UnitValues {
  kanwil_id: string;
  code: string;
  type: UnitType;
  class: UnitClass;
  name: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  timezone: TimeZone;
}

export async function insertUnit(conn: Conn, v: UnitValues): Promise<string> {
  return (await conn.insertInto('units').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUnit(conn: Conn, id: string, v: UnitValues): Promise<void> {
  await conn
    .updateTable('units')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function kanwilExists(conn: Conn, id: string): Promise<boolean> {
  return (await conn.selectFrom('kanwil').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function unitStats(conn: Conn, unitId: string) {
  const r = await conn
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst();
  return { activeUsers: toNumber(r?.n) };
}

export async function unitIdByCode(conn: Conn, code: string): Promise<string | undefined> {
  return (await conn.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function kanwilIdByCode(conn: Conn, code: string): Promise<string | undefined> {
  return (await conn.selectFrom('kanwil').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function insertKanwil(
  conn: Conn,
  v: { code: string; name: string; province: string; address: string | null; timezone: TimeZone },
): Promise<string> {
  return (await conn.insertInto('kanwil').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function kanwilCodeTaken(conn: Conn, code: string, exceptId?: string): Promise<boolean> {
  let q = conn.selectFrom('kanwil').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function findKanwil(conn: Conn, id: string) {
  return conn
    .selectFrom('kanwil')
    .select(['id', 'code', 'name', 'province', 'address', 'timezone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateKanwil(
  conn: Conn,
  id: string,
  v: { code: string; name: string; province: string; address: string | null; timezone: TimeZone },
): Promise<void> {
  await conn.updateTable('kanwil').set(v).where('id', '=', id).execute();
}

/** Every unit with its time zone, for jobs that act on each unit's own calendar day. */
export async function unitZones(conn: Conn) {
  return conn.selectFrom('units').select(['id', 'timezone']).where('active', '=', true).execute();
}
