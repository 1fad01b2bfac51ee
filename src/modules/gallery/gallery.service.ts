// The product gallery's management (Humas): which of the unit's products the public gallery shows,
// with a blurb and a photo confirmed safe to publish (nobody identifiable, or consent recorded).
// Price and stock are the product's own; the public site (public-site module) reads what is published.
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import type { PhotoConfirmation } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { removeFile, type Upload } from '../files/files.service.ts';
import { imageBytes, storeImage } from '../files/images.ts';
import * as repo from './gallery.repo.ts';
import {
  blurbProblem,
  confirmationProblems,
  publishProblems,
  shownPhoto,
  tidyBlurb,
} from './gallery.rules.ts';

export type { GalleryRow } from './gallery.repo.ts';

/** The owner type of Humas's own gallery photos among stored files. */
export const PHOTO_OWNER = 'gallery_entry';
/** When a caller passes no limit (the demo, scripts): the configuration's default. */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

function mayManage(who: Principal): boolean {
  return can(who, 'gallery.manage') || isSystem(who);
}

function guard(ctx: Pick<Ctx, 'who'>): void {
  if (!mayManage(ctx.who)) throw forbidden();
}

/** Every active product of the principal's units, each with its gallery entry if it has one. */
export async function galleryOf(ctx: Pick<Ctx, 'db' | 'who'>) {
  guard(ctx);
  const rows = await repo.listRows(ctx.db, ctx.who.scope);
  return rows.map((r) => ({ ...r, photo: shownPhoto(r), problems: r.entry_id ? publishProblems(r) : [] }));
}

/** One gallery entry with its product, or 404 when it is not the principal's to see. */
export async function galleryEntry(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  guard(ctx);
  const r = await repo.findByEntry(ctx.db, ctx.who.scope, id);
  if (!r?.entry_id) throw notFound('gallery');
  return { ...r, entry_id: r.entry_id, photo: shownPhoto(r), problems: publishProblems(r) };
}

export type GalleryEntry = Awaited<ReturnType<typeof galleryEntry>>;

/** Changes one entry in a transaction of its own: the row locked, then `change`, then the audit. */
async function change<T>(
  ctx: Ctx,
  id: string,
  { action }: { action: string },
  fn: (
    trx: Ctx['db'],
    e: GalleryEntry,
    row: repo.EntryRow,
  ) => Promise<{ after: Record<string, unknown>; result: T }>,
): Promise<T> {
  await galleryEntry(ctx, id);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockEntry(trx, id);
    // Read again under the lock: what the rules judge is what the change is made to.
    const e = await galleryEntry({ db: trx, who: ctx.who }, id);
    const { after, result } = await fn(trx, e, row);
    const before = Object.fromEntries(Object.keys(after).map((k) => [k, row[k as keyof repo.EntryRow]]));
    await recordAudit(trx, ctx.who.actor, {
      action,
      entity: 'gallery_entry',
      entityId: e.entry_id,
      unitId: e.unit_id,
      before,
      after,
    });
    return result;
  });
}

/** Puts one of the unit's active products in the gallery (unpublished), its blurb the product's description by default. */
export async function addToGallery(
  ctx: Ctx,
  v: { productId: string; blurb?: string | null | undefined },
): Promise<{ id: string }> {
  guard(ctx);
  const p = await repo.findByProduct(ctx.db, ctx.who.scope, v.productId);
  if (!p) throw notFound('products');
  if (p.entry_id)
    throw new AppError('gallery.already_added', 409, 'gallery.already', {}, [
      { field: 'product_id', key: 'gallery.already' },
    ]);
  if (!p.active) throw invalid([{ field: 'product_id', key: 'gallery.inactive' }]);
  const blurb =
    v.blurb === undefined ? (tidyBlurb(p.description)?.slice(0, 1000) ?? null) : tidyBlurb(v.blurb);
  const bad = blurbProblem(blurb);
  if (bad) throw invalid([bad]);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertEntry(trx, {
        unit_id: p.unit_id,
        product_id: p.product_id,
        blurb,
        created_by: ctx.who.actor.userId,
      });
      await recordAudit(trx, ctx.who.actor, {
        action: 'gallery.add',
        entity: 'gallery_entry',
        entityId: row.id,
        unitId: p.unit_id,
        after: { product_id: p.product_id, blurb },
      });
      return { id: row.id };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('gallery.already_added', 409, 'gallery.already', {}, [
        { field: 'product_id', key: 'gallery.already' },
      ]);
    throw err;
  }
}

/** Replaces the blurb (plain text; the pages escape it). */
export async function updateGalleryBlurb(ctx: Ctx, id: string, v: { blurb: string | null | undefined }) {
  const blurb = tidyBlurb(v.blurb);
  const bad = blurbProblem(blurb);
  if (bad) throw invalid([bad]);
  await change(ctx, id, { action: 'gallery.blurb' }, async (trx) => {
    await repo.updateEntry(trx, id, { blurb });
    return { after: { blurb }, result: undefined };
  });
}

/**
 * Stores Humas's own photo of the product (web size and thumbnail, metadata stripped), replacing
 * the previous one. A new photo is unconfirmed, so a published entry goes off the public gallery
 * until its photo is confirmed and it is published again.
 */
export async function uploadGalleryPhoto(
  ctx: Ctx,
  id: string,
  upload: Upload,
  o: { maxBytes?: number; field?: string } = {},
): Promise<string> {
  return change(ctx, id, { action: 'gallery.photo' }, async (trx, e, row) => {
    const fileId = await storeImage(
      { db: trx, who: ctx.who },
      {
        unitId: e.unit_id,
        ownerType: PHOTO_OWNER,
        ownerId: e.entry_id,
        kind: 'photo',
        upload,
        maxBytes: o.maxBytes ?? DEFAULT_MAX_BYTES,
        field: o.field ?? 'file',
      },
    );
    const after = {
      photo_file_id: fileId,
      photo_confirmation: null,
      photo_consent_note: null,
      photo_confirmed_by: null,
      photo_confirmed_at: null,
      published: false,
    };
    await repo.updateEntry(trx, id, after);
    if (row.photo_file_id) await removeFile({ db: trx, who: ctx.who }, row.photo_file_id);
    return { after, result: fileId };
  });
}

/**
 * Records that the photo the card shows may go public: nobody identifiable in it, or consent
 * recorded (with a note saying whose and how). Confirming the product's photo stores a copy for the
 * entry (stripped again: photos stored before stripping carry their metadata).
 */
export async function confirmGalleryPhoto(
  ctx: Ctx,
  id: string,
  v: { confirmation: PhotoConfirmation; consentNote?: string | null | undefined },
): Promise<void> {
  const consentNote = v.consentNote?.trim() || null;
  const problems = confirmationProblems({ confirmation: v.confirmation, consentNote });
  if (problems.length) throw invalid(problems);
  await change(ctx, id, { action: 'gallery.photo_confirm' }, async (trx, e) => {
    const photo = shownPhoto(e);
    if (!photo) throw invalid([{ field: 'confirmation', key: 'gallery.noPhoto' }]);
    let fileId = photo.fileId;
    if (photo.source === 'product') {
      const bytes = await imageBytes(trx, photo.fileId, 'web');
      if (!bytes) throw invalid([{ field: 'confirmation', key: 'gallery.noPhoto' }]);
      fileId = await storeImage(
        { db: trx, who: ctx.who },
        {
          unitId: e.unit_id,
          ownerType: PHOTO_OWNER,
          ownerId: e.entry_id,
          kind: 'photo',
          upload: { filename: `${e.name}.jpg`, content: bytes.content },
          maxBytes: Math.max(DEFAULT_MAX_BYTES, bytes.content.length),
          field: 'confirmation',
        },
      );
    }
    const after = {
      photo_file_id: fileId,
      photo_confirmation: v.confirmation,
      photo_consent_note: v.confirmation === 'consent' ? consentNote : null,
      photo_confirmed_by: ctx.who.actor.userId,
      photo_confirmed_at: ctx.now,
    };
    await repo.updateEntry(trx, id, after);
    return { after, result: undefined };
  });
}

/** Shows the entry on the public gallery: refused without a price or with an unconfirmed photo. */
export async function publishGalleryEntry(ctx: Ctx, id: string): Promise<void> {
  await change(ctx, id, { action: 'gallery.publish' }, async (trx, e, row) => {
    const problems = publishProblems(e);
    if (problems.length) throw new AppError('gallery.not_publishable', 409, 'err.validation', {}, problems);
    const after = row.published
      ? { published: true }
      : { published: true, published_at: ctx.now, published_by: ctx.who.actor.userId };
    await repo.updateEntry(trx, id, after);
    return { after, result: undefined };
  });
}

/** Takes the entry off the public gallery (it stays here, ready to publish again). */
export async function unpublishGalleryEntry(ctx: Ctx, id: string): Promise<void> {
  await change(ctx, id, { action: 'gallery.unpublish' }, async (trx) => {
    const after = { published: false };
    await repo.updateEntry(trx, id, after);
    return { after, result: undefined };
  });
}

/** The photo an entry's card shows, for the gallery page (Humas), at a size. */
export async function galleryPhoto(ctx: Pick<Ctx, 'db' | 'who'>, id: string, size: 'web' | 'thumb') {
  const e = await galleryEntry(ctx, id);
  const bytes = e.photo ? await imageBytes(ctx.db, e.photo.fileId, size) : null;
  if (!bytes) throw notFound('files');
  return bytes;
}
