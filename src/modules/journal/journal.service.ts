// The session journal: what a held session taught (topic, curriculum units covered, instructors
// present, materials, notes) with documentation photos for Humas. The units it lists decide the
// hours per unit that the competencies module computes from attendance.

import { AppError, conflict, type FieldError, invalid, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listFiles, removeFile, type Upload } from '../files/files.service.ts';
import { imageBytes, storeImage } from '../files/images.ts';
import { instructorOptions, programmeDetail } from '../programmes/programmes.service.ts';
import * as repo from './journal.repo.ts';
import { isPhoto, tidyNames } from './journal.rules.ts';

export const PHOTO_OWNER = 'session_journal';

/** The session with its programme, if the viewer may see it (an instructor: own partner only). */
export async function sessionInScope(ctx: Pick<Ctx, 'db' | 'who'>, sessionId: string) {
  const session = await repo.findSession(ctx.db, sessionId);
  if (!session) throw notFound('sessions');
  try {
    const detail = await programmeDetail(ctx, session.programme_id);
    return { session, detail };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('sessions');
    throw err;
  }
}

/** Everything the journal page and the API show about one session's journal. */
export async function journalOf(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, sessionId: string) {
  const { db } = ctx;
  const { session, detail } = await sessionInScope(ctx, sessionId);
  const [journal, unitIds, instructors, candidates, files] = await Promise.all([
    repo.findJournal(db, session.id),
    repo.journalUnitIds(db, session.id),
    repo.journalInstructors(db, session.id),
    instructorOptions(ctx, session.unit_id, session.partner_id),
    listFiles(db, PHOTO_OWNER, session.id),
  ]);
  // Someone recorded earlier who is no longer a candidate (moved, deactivated) stays listed.
  const options = [...candidates.map((u) => ({ id: u.id, full_name: u.full_name }))];
  for (const u of instructors) if (!options.some((o) => o.id === u.id)) options.push(u);
  return {
    session,
    curriculum: detail.curriculum,
    journal: journal ?? null,
    unitIds,
    instructorIds: instructors.map((u) => u.id),
    instructors,
    instructorOptions: options,
    photos: files.filter((f) => f.kind === 'photo'),
    /** Held: not cancelled and not in the future (only a held session has a journal). */
    held: notHeld(ctx, session) === null,
    /** Whether the page offers the journal form and the photo buttons to this user. */
    mayWrite: can(ctx.who, 'attendance.record'),
  };
}
export type JournalView = Awaited<ReturnType<typeof journalOf>>;

export interface JournalInput {
  topic: string;
  unit_ids?: string[] | undefined;
  instructor_ids?: string[] | undefined;
  other_instructors?: string | undefined;
  materials?: string | undefined;
  notes?: string | undefined;
}

/** A cancelled session has no journal, and a session that has not happened yet has none either. */
function notHeld(ctx: Pick<Ctx, 'who' | 'now'>, session: repo.JournalSession) {
  if (session.status === 'cancelled') return conflict('journal.cancelled', 'journal.cancelled');
  if (session.day > today(ctx, session.timezone)) return conflict('journal.not_yet', 'journal.notYet');
  return null;
}

function checkHeld(ctx: Pick<Ctx, 'who' | 'now'>, session: repo.JournalSession): void {
  const why = notHeld(ctx, session);
  if (why) throw why;
}

/** Creates or replaces the journal of a held session, in one transaction with its audit record. */
export async function saveJournal(ctx: Ctx, sessionId: string, input: JournalInput): Promise<void> {
  const j = await journalOf(ctx, sessionId);
  checkHeld(ctx, j.session);
  const unitIds = [...new Set(input.unit_ids ?? [])];
  const instructorIds = [...new Set(input.instructor_ids ?? [])];
  const known = new Set(j.curriculum.map((c) => c.id));
  const allowed = new Set(j.instructorOptions.map((u) => u.id));
  const errors: FieldError[] = [];
  if (unitIds.some((u) => !known.has(u))) errors.push({ field: 'unit_ids', key: 'journal.unitUnknown' });
  if (instructorIds.some((u) => !allowed.has(u)))
    errors.push({ field: 'instructor_ids', key: 'journal.instructorUnknown' });
  if (!input.topic.trim()) errors.push({ field: 'topic', key: 'err.required' });
  if (errors.length) throw invalid(errors);
  const v: repo.JournalValues = {
    topic: input.topic.trim(),
    materials: input.materials?.trim() || null,
    notes: input.notes?.trim() || null,
    other_instructors: tidyNames(input.other_instructors),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const existed = await repo.lockJournal(trx, j.session.id);
    await repo.saveJournal(trx, j.session.id, ctx.who.id, v, unitIds, instructorIds);
    await recordAudit(trx, ctx.who.actor, {
      action: existed ? 'journal.update' : 'journal.create',
      entity: 'session',
      entityId: j.session.id,
      unitId: j.session.unit_id,
      before: j.journal ? { ...j.journal, unit_ids: j.unitIds, instructor_ids: j.instructorIds } : null,
      after: { ...v, unit_ids: unitIds, instructor_ids: instructorIds },
    });
  });
}

/**
 * Adds documentation photos to a session's journal: JPEG or PNG only, each refused on the form's
 * field with its name; all stored in one transaction, each upload audited, at web size with a
 * thumbnail and without their metadata (a phone's GPS position never reaches the database).
 */
export async function addPhotos(
  ctx: Ctx,
  sessionId: string,
  input: { uploads: readonly Upload[]; maxBytes: number; field?: string },
): Promise<string[]> {
  const { uploads, maxBytes, field = 'photo' } = input;
  const { session } = await sessionInScope(ctx, sessionId);
  checkHeld(ctx, session);
  if (uploads.length === 0) throw invalid([{ field, key: 'docs.missing' }]);
  const bad = uploads.find((u) => !isPhoto(u.content));
  if (bad) throw invalid([{ field, key: 'journal.photoType', params: { name: bad.filename } }]);
  if (!(await repo.findJournal(ctx.db, session.id))) throw invalid([{ field, key: 'journal.empty' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const upload of uploads)
      ids.push(
        await storeImage(
          { db: trx, who: ctx.who },
          {
            unitId: session.unit_id,
            ownerType: PHOTO_OWNER,
            ownerId: session.id,
            kind: 'photo',
            upload,
            maxBytes,
            field,
          },
        ),
      );
    return ids;
  });
}

/** Removes a photo from a session's journal (a wrong picture, or one Humas must not use). */
export async function removePhoto(ctx: Ctx, sessionId: string, fileId: string) {
  const { session } = await sessionInScope(ctx, sessionId);
  const owner = await repo.photoOwner(ctx.db, fileId);
  if (!owner || owner.session_id !== session.id) throw notFound('files');
  await ctx.db.transaction().execute((trx) => removeFile({ db: trx, who: ctx.who }, fileId));
}

/** A journal photo for someone who may see the session (its page's thumbnails). */
export async function sessionPhoto(
  ctx: Pick<Ctx, 'db' | 'who'>,
  sessionId: string,
  fileId: string,
  size: 'web' | 'thumb' = 'web',
) {
  const { session } = await sessionInScope(ctx, sessionId);
  const owner = await repo.photoOwner(ctx.db, fileId);
  if (!owner || owner.session_id !== session.id) throw notFound('files');
  return photoBytes(ctx, fileId, size);
}

/** A documentation photo for Humas and staff: any held session of the viewer's units. */
export async function galleryPhoto(
  ctx: Pick<Ctx, 'db' | 'who'>,
  fileId: string,
  size: 'web' | 'thumb' = 'web',
) {
  const owner = await repo.photoOwner(ctx.db, fileId);
  if (!owner || !inScope(ctx.who.scope, owner.unit_id, owner.partner_id) || owner.status === 'cancelled')
    throw notFound('files');
  return photoBytes(ctx, fileId, size);
}

/** A photo stored before photos were resized has no thumbnail: its full size is served instead. */
async function photoBytes(ctx: Pick<Ctx, 'db'>, fileId: string, size: 'web' | 'thumb') {
  const photo = await imageBytes(ctx.db, fileId, size);
  if (!photo) throw notFound('files');
  return photo;
}

const GALLERY_PAGE = 24;

/** Documentation photos of the viewer's units, a page at a time: no names, no attendance. */
export async function gallery(ctx: Pick<Ctx, 'db' | 'who'>, page: number) {
  const r = await repo.galleryPhotos(ctx.db, ctx.who.scope, GALLERY_PAGE, (page - 1) * GALLERY_PAGE);
  return { ...r, pageSize: GALLERY_PAGE };
}
