// SQL for the smaller copies of stored photos (image_variants) and the bytes served from them.
import type { Conn } from '../../db/database.ts';

export async function insertVariant(
  conn: Conn,
  v: { file_id: string; size: 'thumb'; mime: string; width: number; height: number; content: Buffer },
): Promise<void> {
  await conn.insertInto('image_variants').values(v).execute();
}

/** The stored photo itself (the web size): its bytes, type and checksum. */
export async function webImage(conn: Conn, fileId: string) {
  return conn
    .selectFrom('files')
    .select(['content', 'mime', 'sha256'])
    .where('id', '=', fileId)
    .where('mime', 'in', ['image/jpeg', 'image/png', 'image/webp'])
    .executeTakeFirst();
}

/** A smaller copy with the checksum of the photo it was made from. */
export async function variantImage(conn: Conn, fileId: string, size: 'thumb') {
  return conn
    .selectFrom('image_variants as v')
    .innerJoin('files as f', 'f.id', 'v.file_id')
    .select(['v.content', 'v.mime', 'f.sha256'])
    .where('v.file_id', '=', fileId)
    .where('v.size', '=', size)
    .executeTakeFirst();
}
