// SQL for the national list of product kinds.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';

export async function listKinds(conn: Conn, opts: { activeOnly?: boolean } = {}) {
  let q = conn.selectFrom('product_kinds').select(['id', 'code', 'name', 'active']);
  if (opts.activeOnly) q = q.where('active', '=', true);
  return q.orderBy('active', 'desc').orderBy('name').execute();
}

export async function findKind(conn: Conn, id: string) {
  return conn
    .selectFrom('product_kinds')
    .select(['id', 'code', 'name', 'active'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function kindNameTaken(conn: Conn, name: string, exceptId?: string) {
  let q = conn.selectFrom('product_kinds').select('id').where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function kindCodeTaken(conn: Conn, code: string) {
  const r = await conn.selectFrom('product_kinds').select('id').where('code', '=', code).executeTakeFirst();
  return r !== undefined;
}

export async function insertKind(conn: Conn, v: { code: string; name: string }) {
  return (await conn.insertInto('product_kinds').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateKind(conn: Conn, id: string, v: { name: string; active: boolean }) {
  await conn.updateTable('product_kinds').set(v).where('id', '=', id).execute();
}
