// The session journal: what a held session taught (topic, curriculum units covered, instructors
// present, materials, notes) with documentation photos for Humas. The units it lists decide the
// hours per unit that the competencies module computes from attendance.

import { AppError, type FieldError, invalid } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  fileContent,
  fileMeta,
  listFiles,
  removeFile,
  storeFile,
  type Upload,
} from '../files/files.service.ts';
import { instructorOptions, programmeDetail } from '../programmes/programmes.service.ts';
import * as repo from './journal.repo.ts';
import { isPhoto, tidyNames } from './journal.rules.ts';

export const PHOTO_OWNER = 'session_journal';

const notFound = () => new AppError('sessions.not_found', 404, 'err.notFound');

/** The session with its programme, if the viewer may see it (an instructor: own partner only). */
export async function sessionInScope(db: Db, scope: Scope, sessionId: string) {
  const session = await repo.findSession(db, sessionId);
  if (!session) throw notFound();
  try {
    const detail = await programmeDetail(db, scope, session.programme_id);
    return { session, detail };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound();
    throw err;
  }
}

/** Everything the journal page and the API show about one session's journal. */
export async function journalOf(db: Db, scope: Scope, sessionId: string) {
  const { session, detail } = await sessionInScope(db, scope, sessionId);
  const [journal, unitIds, instructors, candidates, files] = await Promise.all([
    repo.findJournal(db, session.id),
    repo.journalUnitIds(db, session.id),
    repo.journalInstructors(db, session.id),
    instructorOptions(db, session.unit_id, session.partner_id),
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
    today: dayInZone(new Date(), session.timezone as TimeZone),
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
function checkHeld(session: repo.JournalSession): void {
  if (session.status === 'cancelled') throw new AppError('journal.cancelled', 409, 'journal.cancelled');
  if (session.day > dayInZone(new Date(), session.timezone as TimeZone))
    throw new AppError('journal.not_yet', 409, 'journal.notYet');
}

/** Creates or replaces the journal of a held session, in one transaction with its audit record. */
export async function saveJournal(
  db: Db,
  actor: Actor,
  scope: Scope,
  sessionId: string,
  input: JournalInput,
): Promise<void> {
  const j = await journalOf(db, scope, sessionId);
  checkHeld(j.session);
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
  await db.transaction().execute(async (trx) => {
    const existed = await repo.lockJournal(trx, j.session.id);
    await repo.saveJournal(trx, j.session.id, actor.userId, v, unitIds, instructorIds);
    await recordAudit(trx, actor, {
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
 * field with its name; all stored in one transaction, each upload audited.
 */
export async function addPhotos(
  db: Db,
  actor: Actor,
  scope: Scope,
  sessionId: string,
  uploads: readonly Upload[],
  maxBytes: number,
  field = 'photo',
): Promise<string[]> {
  const { session } = await sessionInScope(db, scope, sessionId);
  checkHeld(session);
  if (uploads.length === 0) throw invalid([{ field, key: 'docs.missing' }]);
  const bad = uploads.find((u) => !isPhoto(u.content));
  if (bad) throw invalid([{ field, key: 'journal.photoType', params: { name: bad.filename } }]);
  if (!(await repo.findJournal(db, session.id))) throw invalid([{ field, key: 'journal.empty' }]);
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const upload of uploads)
      ids.push(
        await storeFile(trx, actor, {
          unitId: session.unit_id,
          ownerType: PHOTO_OWNER,
          ownerId: session.id,
          kind: 'photo',
          upload,
          maxBytes,
          field,
        }),
      );
    return ids;
  });
}

/** Removes a photo from a session's journal (a wrong picture, or one Humas must not use). */
export async function removePhoto(db: Db, actor: Actor, scope: Scope, sessionId: string, fileId: string) {
  const { session } = await sessionInScope(db, scope, sessionId);
  const owner = await repo.photoOwner(db, fileId);
  if (!owner || owner.session_id !== session.id) throw new AppError('files.not_found', 404, 'err.notFound');
  await db.transaction().execute((trx) => removeFile(trx, actor, fileId));
}

/** A journal photo for someone who may see the session (its page's thumbnails). */
export async function sessionPhoto(db: Db, scope: Scope, sessionId: string, fileId: string) {
  const { session } = await sessionInScope(db, scope, sessionId);
  const owner = await repo.photoOwner(db, fileId);
  if (!owner || owner.session_id !== session.id) throw new AppError('files.not_found', 404, 'err.notFound');
  return photoBytes(db, fileId);
}

/** A documentation photo for Humas and staff: any held session of the viewer's units. */
export async function galleryPhoto(db: Db, scope: Scope, fileId: string) {
  const owner = await repo.photoOwner(db, fileId);
  const visible = owner && (scope.all || scope.unitIds.includes(owner.unit_id));
  if (!owner || !visible || owner.status === 'cancelled')
    throw new AppError('files.not_found', 404, 'err.notFound');
  return photoBytes(db, fileId);
}

async function photoBytes(db: Db, fileId: string) {
  const [meta, content] = await Promise.all([fileMeta(db, fileId), fileContent(db, fileId)]);
  if (!meta || !content) throw new AppError('files.not_found', 404, 'err.notFound');
  return { mime: meta.mime, content };
}

const GALLERY_PAGE = 24;

/** Documentation photos of the viewer's units, a page at a time: no names, no attendance. */
export async function gallery(db: Db, scope: Scope, page: number) {
  const r = await repo.galleryPhotos(
    db,
    scope.all ? 'all' : scope.unitIds,
    GALLERY_PAGE,
    (page - 1) * GALLERY_PAGE,
  );
  return { ...r, pageSize: GALLERY_PAGE };
}
