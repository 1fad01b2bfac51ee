// Reads a multipart upload (fields attached to the body by @fastify/multipart) into plain values.
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { fieldError } from '../../app/errors.ts';

export interface ReadUpload {
  kind: 'signed_scan' | 'photo';
  filename: string;
  content: Buffer;
}

function isFile(v: unknown): v is MultipartFile {
  return typeof v === 'object' && v !== null && 'toBuffer' in v && 'filename' in v;
}

export async function readUpload(body: unknown): Promise<ReadUpload> {
  const b = (body ?? {}) as Record<string, MultipartFile | MultipartValue | undefined>;
  const file = b.file;
  if (!isFile(file) || !file.filename) throw fieldError('file', 'docs.missing');
  const kindField = b.kind as MultipartValue | undefined;
  const kind = kindField?.value === 'photo' ? 'photo' : 'signed_scan';
  return { kind, filename: file.filename, content: await file.toBuffer() };
}
