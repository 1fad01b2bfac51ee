// Stored files (scans, photos): checked by content on the way in, audited, and served only to
// those who may see the record that owns them (the owner's module decides).
import { createHash } from 'node:crypto';
import { fieldError } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import type { Upload } from '../../app/uploads.ts';
import type { Conn, Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './files.repo.ts';
import { checkUpload, safeFilename } from './files.rules.ts';

export type { Upload };
export const listFiles = repo.listFiles;
export const fileMeta = repo.fileMeta;
export const fileContent = repo.fileContent;

/** Refuses a bad file with a field error before anything is written; stores a good one in `trx`. */
export async function storeFile(
  trx: Conn,
  actor: Actor,
  v: {
    unitId: string;
    ownerType: string;
    ownerId: string;
    kind: string;
    upload: Upload;
    maxBytes: number;
    field?: string;
  },
): Promise<string> {
  const check = await checkUpload(v.upload.content, v.upload.filename, v.maxBytes);
  if (!check.ok) throw fieldError(v.field ?? 'file', check.key, check.params);
  const row = {
    unit_id: v.unitId,
    owner_type: v.ownerType,
    owner_id: v.ownerId,
    kind: v.kind,
    filename: safeFilename(v.upload.filename, check.ext),
    mime: check.mime,
    size: v.upload.content.length,
    sha256: createHash('sha256').update(v.upload.content).digest('hex'),
    uploaded_by: actor.userId,
  };
  const id = await repo.insertFile(trx, { ...row, content: v.upload.content });
  await recordAudit(trx, actor, {
    action: 'files.upload',
    entity: 'file',
    entityId: id,
    unitId: v.unitId,
    after: row,
  });
  return id;
}

/** Deletes a stored file in `trx`; the audit record keeps what it was (name, size, checksum). */
export async function removeFile(trx: Conn, actor: Actor, id: string): Promise<void> {
  const meta = await repo.fileMeta(trx, id);
  if (!meta) return;
  await repo.deleteFile(trx, id);
  await recordAudit(trx, actor, {
    action: 'files.delete',
    entity: 'file',
    entityId: id,
    unitId: meta.unit_id,
    before: {
      owner_type: meta.owner_type,
      owner_id: meta.owner_id,
      filename: meta.filename,
      size: meta.size,
    },
  });
}

export async function storeFileTx(db: Db, actor: Actor, v: Parameters<typeof storeFile>[2]): Promise<string> {
  return db.transaction().execute((trx) => storeFile(trx, actor, v));
}
