// Reads a multipart upload (fields attached to the body by @fastify/multipart) into plain values.
import { fieldOf, oneUpload } from '../../app/uploads.ts';

export interface ReadUpload {
  kind: 'signed_scan' | 'photo';
  filename: string;
  content: Buffer;
}

export async function readUpload(body: unknown): Promise<ReadUpload> {
  const file = await oneUpload(body, 'file', 'docs.missing');
  const kind = fieldOf(body, 'kind') === 'photo' ? 'photo' : 'signed_scan';
  return { kind, ...file };
}
