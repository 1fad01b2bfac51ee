// What an uploaded file really is, judged from its bytes, not its name: only PDF, JPEG and PNG
// are accepted, and a file whose content disagrees with its name (an executable called .pdf) is refused.
import type { MessageKey } from '../../app/i18n.ts';

export const ACCEPTED: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

export type UploadCheck =
  | { ok: true; mime: string; ext: string }
  | { ok: false; key: MessageKey; params?: Record<string, string | number> };

export async function checkUpload(content: Buffer, filename: string, maxBytes: number): Promise<UploadCheck> {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  if (content.length === 0) return { ok: false, key: 'docs.empty' };
  if (content.length > maxBytes) return { ok: false, key: 'docs.tooLarge', params: { mb } };
  // Loaded on the first upload, not at start-up (file-type and its tables: about 10 MB).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(content);
  const nameExt = filename.toLowerCase().split('.').pop() ?? '';
  if (!detected) return { ok: false, key: 'docs.badType' };
  const allowed = ACCEPTED[detected.mime];
  if (!allowed) {
    const claimsAccepted = Object.values(ACCEPTED).some((exts) => exts.includes(nameExt));
    return claimsAccepted
      ? { ok: false, key: 'docs.mismatch', params: { detected: detected.ext.toUpperCase() } }
      : { ok: false, key: 'docs.badType' };
  }
  if (
    nameExt &&
    Object.values(ACCEPTED).some((exts) => exts.includes(nameExt)) &&
    !allowed.includes(nameExt)
  ) {
    return { ok: false, key: 'docs.mismatch', params: { detected: detected.ext.toUpperCase() } };
  }
  return { ok: true, mime: detected.mime, ext: detected.ext };
}

/** A name safe to offer in Content-Disposition: no path, no control or quote characters. */
export function safeFilename(name: string, ext: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'berkas';
  const clean =
    base
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 120)
      .trim() || 'berkas';
  return clean.toLowerCase().endsWith(`.${ext}`) ? clean : `${clean}.${ext}`;
}
