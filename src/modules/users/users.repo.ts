// SQL for user accounts.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';

const PAGE = 25;

function base(conn: Conn) {
  return conn
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('kanwil as kw', 'kw.id', 'u.kanwil_id')
    .select([
      'u.id',
      'u.username',
      'u.full_name',
      'u.nip',
      'u.position',
      'u.email',
      'u.phone',
      'u.roles',
      'u.unit_id',
      'un.name as unit_name',
      'u.kanwil_id',
      'kw.name as kanwil_name',
      'u.partner_id',
      'u.active',
      'u.must_change_password',
      'u.locale',
      'u.created_at',
    ]);
}

export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

/** An account belongs to its unit (none for Kanwil and national accounts, seen nationally only). */
const IN_SCOPE = { unit: 'u.unit_id', partner: null };

/** Users a scoped admin may see: those of the units in scope. A national admin sees everyone. */
export async function findUser(conn: Conn, scope: Scope, id: string) {
  return base(conn).where('u.id', '=', id).where(scopeFilter(scope, IN_SCOPE)).executeTakeFirst();
}

export async function listUsers(
  conn: Conn,
  scope: Scope,
  f: {
    q?: string | undefined;
    role?: Role | undefined;
    unitId?: string | undefined;
    active?: boolean | undefined;
    page: number;
  },
) {
  // An empty scope matches no row: no rows, a total of 0.
  let q = base(conn).where(scopeFilter(scope, IN_SCOPE));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('u.full_name', 'ilike', like), eb('u.username', 'ilike', like)]));
  }
  if (f.role) q = q.where(sql<boolean>`${f.role} = any(u.roles)`);
  if (f.unitId) q = q.where('u.unit_id', '=', f.unitId);
  if (f.active !== undefined) q = q.where('u.active', '=', f.active);
  const [rows, count] = await Promise.all([
    q
      .orderBy('u.full_name')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toNumber(count?.n), pageSize: PAGE };
}

export async function usernameExists(conn: Conn, username: string): Promise<boolean> {
  const r = await conn
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertUser(
  conn: Conn,
  v: {
    username: string;
    full_name: string;
    nip: string | null;
    position: string | null;
    email: string | null;
    phone: string | null;
    roles: Role[];
    unit_id: string | null;
    kanwil_id: string | null;
    partner_id?: string | null;
    password_hash: string;
    must_change_password: boolean;
  },
): Promise<string> {
  const r = await conn.insertInto('users').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(
  conn: Conn,
  id: string,
  v: Partial<{
    full_name: string;
    nip: string | null;
    position: string | null;
    email: string | null;
    phone: string | null;
    roles: Role[];
    unit_id: string | null;
    kanwil_id: string | null;
    active: boolean;
    locale: 'id' | 'en';
    password_hash: string;
    must_change_password: boolean;
    password_changed_at: Date;
  }>,
): Promise<void> {
  await conn
    .updateTable('users')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function passwordHashOf(conn: Conn, id: string): Promise<string | undefined> {
  const r = await conn.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return r?.password_hash;
}

export async function countActiveAdmins(conn: Conn): Promise<number> {
  const r = await conn
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('active', '=', true)
    .where(sql<boolean>`'admin' = any(roles)`)
    .executeTakeFirst();
  return toNumber(r?.n);
}

export async function countUsers(conn: Conn): Promise<number> {
  const r = await conn
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return toNumber(r?.n);
}

export async function unitKanwil(conn: Conn, unitId: string) {
  return conn
    .selectFrom('units')
    .select(['id', 'kanwil_id', 'type'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

export async function kanwilExists(conn: Conn, id: string): Promise<boolean> {
  return (await conn.selectFrom('kanwil').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function lockFirstAdmin(conn: Conn): Promise<void> {
  await sql`select pg_advisory_xact_lock(7301885212)`.execute(conn);
}

export async function listByPartner(conn: Conn, partnerId: string) {
  return base(conn).where('u.partner_id', '=', partnerId).orderBy('u.full_name').execute();
}

/** The unit's head (active kepala_upt) for signature blocks; the earliest created if several. */
export async function headOfUnit(conn: Conn, unitId: string) {
  return conn
    .selectFrom('users')
    .select(['full_name', 'nip', 'position'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .where(sql<boolean>`'kepala_upt' = any(roles)`)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function idByUsername(conn: Conn, username: string): Promise<string | undefined> {
  const r = await conn
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return r?.id;
}
