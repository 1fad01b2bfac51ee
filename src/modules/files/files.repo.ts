// SQL for stored files (kept in PostgreSQL so app nodes stay stateless).
import type { Conn } from '../../db/database.ts';

export async function insertFile(
  conn: Conn,
  v: {
    unit_id: string;
    owner_type: string;
    owner_id: string;
    kind: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    content: Buffer;
    uploaded_by: string | null;
  },
) {
  return (await conn.insertInto('files').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function listFiles(conn: Conn, ownerType: string, ownerId: string) {
  return conn
    .selectFrom('files')
    .select(['id', 'kind', 'filename', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .execute();
}

export async function fileMeta(conn: Conn, id: string) {
  return conn
    .selectFrom('files')
    .select(['id', 'unit_id', 'owner_type', 'owner_id', 'filename', 'mime', 'size'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteFile(conn: Conn, id: string): Promise<void> {
  await conn.deleteFrom('files').where('id', '=', id).execute();
}

export async function fileContent(conn: Conn, id: string) {
  return (await conn.selectFrom('files').select('content').where('id', '=', id).executeTakeFirst())?.content;
}
