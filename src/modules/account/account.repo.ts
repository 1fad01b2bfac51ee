// SQL for a user's own personal API tokens.
import type { Conn } from '../../db/database.ts';

export async function listTokens(conn: Conn, userId: string) {
  return conn
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertToken(
  conn: Conn,
  v: { user_id: string; name: string; token_hash: string; prefix: string; expires_at: Date | null },
) {
  return (await conn.insertInto('api_tokens').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function revokeToken(conn: Conn, userId: string, id: string) {
  return conn
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}
