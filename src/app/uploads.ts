// Files from a multipart form: @fastify/multipart attaches fields to the body, a file as an object
// with toBuffer(), several files of one field as an array. Empty file inputs are skipped.
import type { MultipartFile } from '@fastify/multipart';
import { fieldError } from './errors.ts';
import type { MessageKey } from './i18n.ts';

export interface Upload {
  filename: string;
  content: Buffer;
}

function isFile(v: unknown): v is MultipartFile {
  return typeof v === 'object' && v !== null && 'toBuffer' in v && 'filename' in v;
}

/** Every file sent under `field` (none when the input was left empty). */
export async function uploadsOf(body: unknown, field: string): Promise<Upload[]> {
  const raw = ((body ?? {}) as Record<string, unknown>)[field];
  const parts = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: Upload[] = [];
  for (const p of parts)
    if (isFile(p) && p.filename) out.push({ filename: p.filename, content: await p.toBuffer() });
  return out;
}

/** Exactly one file under `field`, or a field error with `missing` (none, or more than one). */
export async function oneUpload(body: unknown, field: string, missing: MessageKey): Promise<Upload> {
  const files = await uploadsOf(body, field);
  const [only] = files;
  if (!only || files.length > 1) throw fieldError(field, missing);
  return only;
}

/** A plain text field of a multipart form. */
export function fieldOf(body: unknown, field: string): string | undefined {
  const v = ((body ?? {}) as Record<string, unknown>)[field];
  const value = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
  return typeof value === 'string' ? value : undefined;
}
