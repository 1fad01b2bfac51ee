// Photos on their way in: turned upright, shrunk to a web size (and a thumbnail), re-encoded as
// JPEG without any metadata (EXIF, GPS, XMP, ICC), so nothing a camera recorded is ever stored.
import { fieldError } from '../../app/errors.ts';
import type { Conn } from '../../db/database.ts';
import { type FileCtx, type StoreFileInput, storeFile } from './files.service.ts';
import * as repo from './images.repo.ts';

/** The web size fits in this box; a smaller photo is never enlarged. */
export const WEB_BOX = 1600;
export const THUMB_WIDTH = 480;
/** Decoding a bigger picture would take too much memory (a 64-megapixel phone photo fits). */
export const MAX_PIXELS = 70_000_000;
const JPEG = { quality: 82, mozjpeg: true } as const;

type Sharp = typeof import('sharp')['default'];
let sharpLib: Promise<Sharp> | undefined;
/** Loaded on the first photo, not at start-up (libvips and its codecs). */
function loadSharp(): Promise<Sharp> {
  sharpLib ??= import('sharp').then((m) => m.default);
  return sharpLib;
}

function isJpegOrPng(b: Buffer): boolean {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return b.length >= png.length && png.every((x, i) => b[i] === x);
}

export interface Encoded {
  web: { content: Buffer; width: number; height: number };
  thumb: { content: Buffer; width: number; height: number };
}

/**
 * Re-encodes a JPEG or PNG for the web, or says why not (a message key). Pure apart from CPU:
 * nothing is written. Metadata goes because sharp writes none unless asked (keepExif,
 * withMetadata…), which this never does; orientation is applied to the pixels first.
 */
export async function encodeImage(
  content: Buffer,
  maxBytes: number,
): Promise<
  | { ok: true; image: Encoded }
  | {
      ok: false;
      key: 'docs.empty' | 'docs.tooLarge' | 'images.badType' | 'images.corrupt' | 'images.tooManyPixels';
      params?: Record<string, number>;
    }
> {
  if (content.length === 0) return { ok: false, key: 'docs.empty' };
  if (content.length > maxBytes)
    return {
      ok: false,
      key: 'docs.tooLarge',
      params: { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 },
    };
  if (!isJpegOrPng(content)) return { ok: false, key: 'images.badType' };
  const sharp = await loadSharp();
  try {
    const web = await sharp(content, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: WEB_BOX, height: WEB_BOX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg(JPEG)
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(web.data)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg(JPEG)
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      image: {
        web: { content: web.data, width: web.info.width, height: web.info.height },
        thumb: { content: thumb.data, width: thumb.info.width, height: thumb.info.height },
      },
    };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message))
      return { ok: false, key: 'images.tooManyPixels', params: { mp: Math.round(MAX_PIXELS / 1e6) } };
    return { ok: false, key: 'images.corrupt' };
  }
}

/** "IMG_2031.PNG" -> "IMG_2031.jpg": the stored photo is always a JPEG. */
function jpegName(filename: string): string {
  return `${filename.replace(/\.(jpe?g|png)$/i, '') || 'foto'}.jpg`;
}

/**
 * Stores a photo in `ctx.db` (the caller's transaction) at web size, stripped, with a 'thumb'
 * variant, through the files service (audited). Refuses a non-image, a corrupt or oversized image
 * with a field error before anything is written. Returns the file id.
 */
export async function storeImage(ctx: FileCtx, v: StoreFileInput): Promise<string> {
  const field = v.field ?? 'file';
  const r = await encodeImage(v.upload.content, v.maxBytes);
  if (!r.ok) throw fieldError(field, r.key, r.params);
  const fileId = await storeFile(ctx, {
    ...v,
    field,
    upload: { filename: jpegName(v.upload.filename), content: r.image.web.content },
  });
  await repo.insertVariant(ctx.db, {
    file_id: fileId,
    size: 'thumb',
    mime: 'image/jpeg',
    width: r.image.thumb.width,
    height: r.image.thumb.height,
    content: r.image.thumb.content,
  });
  return fileId;
}

/**
 * A stored photo's bytes at a size; 'thumb' falls back to the web size when the photo has no
 * variant (stored before variants existed). Null when there is no such photo. The caller decides
 * who may see it.
 */
export async function imageBytes(
  db: Conn,
  fileId: string,
  size: 'web' | 'thumb',
): Promise<{ content: Buffer; mime: string; etag: string } | null> {
  const variant = size === 'thumb' ? await repo.variantImage(db, fileId, size) : undefined;
  const row = variant ?? (await repo.webImage(db, fileId));
  if (!row) return null;
  // Files never change (a new photo is a new file), so the checksum and size make a strong tag.
  return {
    content: row.content,
    mime: row.mime,
    etag: `"${row.sha256.slice(0, 32)}-${variant ? size : 'web'}"`,
  };
}
