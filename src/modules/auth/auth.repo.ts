// SQL for sessions, API tokens and sign-in attempts.
import { sql } from 'kysely';
import { type Conn, toNumber } from '../../db/database.ts';

const userColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.roles',
  'u.unit_id',
  'u.kanwil_id',
  'u.partner_id',
  'u.locale',
  'u.must_change_password',
  'un.timezone as unit_timezone',
  'un.name as unit_name',
  'kw.timezone as kanwil_timezone',
  'kw.name as kanwil_name',
] as const;

export async function findUserForSignIn(conn: Conn, username: string) {
  return conn
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'password_hash', 'active', 'unit_id', 'locale'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function countRecentFailures(conn: Conn, by: 'username' | 'ip', value: string, since: Date) {
  const r = await conn
    .selectFrom('signin_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(by, '=', value)
    .where('success', '=', false)
    .where('at', '>=', since)
    .executeTakeFirst();
  return toNumber(r?.n);
}

export async function recordAttempt(conn: Conn, username: string, ip: string, success: boolean) {
  await conn
    .insertInto('signin_attempts')
    .values({ username: username.toLowerCase(), ip, success })
    .execute();
}

/** A success clears the account's failure count, so one typo yesterday does not count today. */
export async function clearFailures(conn: Conn, username: string) {
  await conn
    .deleteFrom('signin_attempts')
    .where('username', '=', username.toLowerCase())
    .where('success', '=', false)
    .execute();
}

export async function insertSession(
  conn: Conn,
  s: {
    id_hash: string;
    user_id: string;
    csrf_token: string;
    expires_at: Date;
    ip: string;
    user_agent: string | null;
  },
) {
  await conn.insertInto('sessions').values(s).execute();
}

export async function findSession(conn: Conn, idHash: string, idleSince: Date) {
  return conn
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('kanwil as kw', 'kw.id', 'u.kanwil_id')
    .select([...userColumns, 's.csrf_token', 's.last_seen_at', 's.created_at as session_created_at'])
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', new Date())
    .where('s.last_seen_at', '>', idleSince)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(conn: Conn, idHash: string) {
  await conn
    .updateTable('sessions')
    .set({ last_seen_at: new Date() })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(conn: Conn, idHash: string) {
  return conn.deleteFrom('sessions').where('id_hash', '=', idHash).returning('user_id').executeTakeFirst();
}

export async function deleteUserSessions(conn: Conn, userId: string, exceptIdHash?: string) {
  let q = conn.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}

export async function deleteExpiredSessions(conn: Conn, idleSince: Date) {
  const r = await conn
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', new Date()), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteOldAttempts(conn: Conn, before: Date) {
  await conn.deleteFrom('signin_attempts').where('at', '<', before).execute();
}

export async function findToken(conn: Conn, tokenHash: string) {
  return conn
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('kanwil as kw', 'kw.id', 'u.kanwil_id')
    .select([...userColumns, 't.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Revokes every live token of a user; returns the ones it revoked. */
export async function revokeUserTokens(conn: Conn, userId: string) {
  return conn
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'prefix'])
    .execute();
}

export async function touchToken(conn: Conn, tokenId: string) {
  await conn.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

export async function unitsOfKanwil(conn: Conn, kanwilId: string): Promise<string[]> {
  const rows = await conn.selectFrom('units').select('id').where('kanwil_id', '=', kanwilId).execute();
  return rows.map((r) => r.id);
}
