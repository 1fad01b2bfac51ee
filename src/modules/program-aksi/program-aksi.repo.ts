// SQL for the Program Aksi reference list.
import { sql } from 'kysely';
import { type Conn, toNumber } from '../../db/database.ts';

export async function listProgramAksi(conn: Conn, opts: { activeOnly?: boolean } = {}) {
  let q = conn.selectFrom('program_aksi').select(['id', 'number', 'title', 'description', 'active']);
  if (opts.activeOnly) q = q.where('active', '=', true);
  return q.orderBy(sql`number nulls last`).orderBy('title').execute();
}

export async function findProgramAksi(conn: Conn, id: string) {
  return conn.selectFrom('program_aksi').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function titleTaken(conn: Conn, title: string, exceptId?: string) {
  let q = conn.selectFrom('program_aksi').select('id').where(sql`lower(title)`, '=', title.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertProgramAksi(
  conn: Conn,
  v: { number: number | null; title: string; description: string | null },
) {
  return (await conn.insertInto('program_aksi').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProgramAksi(
  conn: Conn,
  id: string,
  v: { number: number | null; title: string; description: string | null; active: boolean },
) {
  await conn
    .updateTable('program_aksi')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function countProgramAksi(conn: Conn) {
  const r = await conn
    .selectFrom('program_aksi')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return toNumber(r?.n);
}

export async function existingIds(conn: Conn, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await conn.selectFrom('program_aksi').select('id').where('id', 'in', ids).execute()).map(
    (r) => r.id,
  );
}
