// What the gallery may show: which photo a product's card shows, whether that photo may go public,
// and what still stands in the way of publishing an entry. No I/O: unit-tested on their own.
import type { FieldError } from '../../app/errors.ts';
import type { PhotoConfirmation } from '../../db/schema.ts';

export const BLURB_MAX = 1000;
export const CONSENT_NOTE_MAX = 500;

export interface PhotoFacts {
  photo_file_id: string | null;
  photo_confirmation: PhotoConfirmation | null;
  product_photo_file_id: string | null;
}

/**
 * The photo a card shows: Humas's own (confirmed or not), else the product's. The product's photo
 * is never confirmed as such: confirming it stores a copy of its own for the entry, so a later
 * change of the product's photo cannot put an unchecked picture on the public page.
 */
export function shownPhoto(
  r: PhotoFacts,
): { source: 'own' | 'product'; fileId: string; confirmed: boolean } | null {
  if (r.photo_file_id)
    return { source: 'own', fileId: r.photo_file_id, confirmed: r.photo_confirmation !== null };
  if (r.product_photo_file_id)
    return { source: 'product', fileId: r.product_photo_file_id, confirmed: false };
  return null;
}

/** Why an entry may not be published yet (none: it may). */
export function publishProblems(r: PhotoFacts & { price: number | null; active: boolean }): FieldError[] {
  const out: FieldError[] = [];
  if (!r.active) out.push({ field: 'publish', key: 'gallery.inactive' });
  if (r.price === null || r.price <= 0) out.push({ field: 'publish', key: 'gallery.noPrice' });
  const photo = shownPhoto(r);
  if (photo && !photo.confirmed) out.push({ field: 'publish', key: 'gallery.photoUnconfirmed' });
  return out;
}

/** A blurb as stored: trimmed, at most BLURB_MAX characters, empty -> null (the card shows none). */
export function tidyBlurb(text: string | null | undefined): string | null {
  const t = (text ?? '').replace(/\r\n?/g, '\n').trim();
  return t === '' ? null : t;
}

export function blurbProblem(blurb: string | null): FieldError | null {
  return blurb !== null && blurb.length > BLURB_MAX
    ? { field: 'blurb', key: 'gallery.blurbTooLong', params: { n: BLURB_MAX } }
    : null;
}

/** Consent needs a note saying whose and how it was recorded; "nobody identifiable" needs none. */
export function confirmationProblems(v: {
  confirmation: PhotoConfirmation;
  consentNote: string | null;
}): FieldError[] {
  if (v.confirmation === 'consent' && !v.consentNote)
    return [{ field: 'consent_note', key: 'gallery.consentNoteRequired' }];
  if (v.consentNote && v.consentNote.length > CONSENT_NOTE_MAX)
    return [{ field: 'consent_note', key: 'gallery.consentNoteTooLong', params: { n: CONSENT_NOTE_MAX } }];
  return [];
}
