// Stored files (scans, photos): checked by content on the way in, audited, and served only to
// those who may see the record that owns them (the owner's module decides).
import { createHash } from 'node:crypto';
import { fieldError } from '../../app/errors.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import type { Upload } from '../../app/uploads.ts';
import type { Conn } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './files.repo.ts';
import { checkUpload, safeFilename } from './files.rules.ts';

export type { Upload };
export const listFiles = repo.listFiles;
export const fileMeta = repo.fileMeta;
export const fileContent = repo.fileContent;

/** What storing or removing a file needs: the transaction to write in and who is writing. */
export interface FileCtx {
  db: Conn;
  who: Pick<Principal, 'actor'>;
}

/** A file to store: whose it is (unit, owner record, kind), its bytes, and the form field it came from. */
export interface StoreFileInput {
  unitId: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  upload: Upload;
  maxBytes: number;
  field?: string;
}

/** Refuses a bad file with a field error before anything is written; stores a good one in `trx`. */
export async function storeFile(ctx: FileCtx, v: StoreFileInput): Promise<string> {
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
    uploaded_by: ctx.who.actor.userId,
  };
  const id = await repo.insertFile(ctx.db, { ...row, content: v.upload.content });
  await recordAudit(ctx.db, ctx.who.actor, {
    action: 'files.upload',
    entity: 'file',
    entityId: id,
    unitId: v.unitId,
    after: row,
  });
  return id;
}

/** Deletes a stored file in `trx`; the audit record keeps what it was (name, size, checksum). */
export async function removeFile(ctx: FileCtx, id: string): Promise<void> {
  const meta = await repo.fileMeta(ctx.db, id);
  if (!meta) return;
  await repo.deleteFile(ctx.db, id);
  await recordAudit(ctx.db, ctx.who.actor, {
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

/** Stores one file in a transaction of its own. */
export async function storeFileTx(ctx: Ctx, v: Parameters<typeof storeFile>[1]): Promise<string> {
  return ctx.db.transaction().execute((trx) => storeFile({ db: trx, who: ctx.who }, v));
}
