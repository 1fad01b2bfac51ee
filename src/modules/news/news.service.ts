// The newsroom: Humas turns a recorded event of the unit into a draft (templates, counts only),
// edits it (the body sanitised), chooses the day's documentation photos or uploads new ones and
// confirms each (nobody identifiable, or consent recorded), submits it; the Kepala UPT approves or
// returns it with a note; Humas publishes (never with an unconfirmed photo) and may unpublish.
// Editing an item that is no longer a draft puts it back to draft (and off the public page).
// Every write is one transaction with its audit record; a conflicting move is a 409.
import {
  conflict,
  type FieldError,
  fieldError,
  forbidden,
  invalid,
  isUniqueViolation,
  notFound,
} from '../../app/errors.ts';
import type { Lang, MessageKey } from '../../app/i18n.ts';
import { can, type Permission } from '../../app/policy.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { Upload } from '../../app/uploads.ts';
import type { NewsStatus, PhotoConfirmation } from '../../db/schema.ts';
import { auditRecordsOf, recordAudit } from '../audit/audit.service.ts';
import { storeImage } from '../files/images.ts';
import * as repo from './news.repo.ts';
import { newsSlug, sanitizeNewsHtml } from './news.rules.ts';
import { draftFromFacts, EVENT_KINDS, type EventKind, type NewsFacts } from './news.templates.ts';

export type { NewsEvent, NewsItem, NewsPhotoRow, NewsRow } from './news.repo.ts';

type Reader = Pick<Ctx, 'db' | 'who' | 'now'>;

export const PAGE_SIZE = 30;
/** Photos one item may carry. */
export const MAX_PHOTOS = 12;
/** Longest body (characters of sanitised HTML). */
export const BODY_MAX = 30_000;
/** How far back the events worth an item are looked for. */
export const EVENTS_SINCE_DAYS = 365;

const need = (ctx: Reader, p: Permission) => {
  if (!can(ctx.who, p)) throw forbidden();
};

/** The user's own unit: the newsroom works for one unit (Humas and the Kepala UPT have one). */
function unitOf(ctx: Reader): string {
  const unitId = ctx.who.unitId;
  if (!unitId || !inScope(ctx.who.scope, unitId)) throw notFound('news_items');
  return unitId;
}

const addDays = (day: string, n: number) => {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

export type EventWithItem = repo.NewsEvent & { newsId: string | null };

/**
 * The events of the user's unit over the last year worth a news item, newest first, each with the
 * item already drafted from it (if any).
 */
export async function newsEvents(ctx: Reader, o: { limit?: number } = {}): Promise<EventWithItem[]> {
  const unitId = unitOf(ctx);
  return eventsOfUnit(ctx, { unitId, day: today(ctx), limit: o.limit ?? 20 });
}

/** The same for a given unit and day (the Humas dashboard's panel). */
export async function eventsOfUnit(
  ctx: Pick<Ctx, 'db' | 'who'>,
  o: { unitId: string; day: string; limit: number },
): Promise<EventWithItem[]> {
  const [events, items] = await Promise.all([
    repo.newsEvents(ctx.db, ctx.who.scope, {
      unitId: o.unitId,
      since: addDays(o.day, -EVENTS_SINCE_DAYS),
      today: o.day,
      limit: o.limit,
    }),
    repo.itemsOfEvents(ctx.db, ctx.who.scope, o.unitId),
  ]);
  return events.map((e) => ({ ...e, newsId: items.get(`${e.kind}|${e.id ?? ''}|${e.day}`) ?? null }));
}

/** The key an event is known by in a page (testids, forms): its record's id, else its day. */
export const eventKey = (e: { id: string | null; day: string }) => e.id ?? e.day;

export interface EventRef {
  eventKind: EventKind;
  eventId?: string | null | undefined;
  /** The event's day: required for certificates, bazaar and placement (one record per day). */
  eventDay?: string | null | undefined;
  lang?: Lang | undefined;
}

const noEvent = () => notFound('news_events');

/** The facts of one recorded event of the unit, from its records, in scope; 404 when there is none. */
async function factsOf(ctx: Reader, unitId: string, ref: EventRef): Promise<NewsFacts> {
  const { db, who } = ctx;
  const unit = await repo.unitFacts(db, who.scope, unitId);
  if (!unit) throw noEvent();
  const base = {
    unitName: unit.name,
    city: unit.city,
    kepalaTitle: unit.kepala_position?.trim() || `Kepala ${unit.name}`,
    partner: null,
    agreement: null,
    programme: null,
    programAksi: [] as string[],
    count: 0,
  };
  const id = ref.eventId ?? null;
  const dayOf = () => {
    if (!ref.eventDay || !/^\d{4}-\d{2}-\d{2}$/.test(ref.eventDay)) throw noEvent();
    return ref.eventDay;
  };
  const programmeOf = (p: repo.ProgrammeFacts) => ({
    name: p.name,
    skillArea: p.skill_area,
    location: p.location,
  });
  const agreementOf = (a: repo.AgreementFacts) => ({
    title: a.title,
    number: a.number_first,
    signedOn: a.signed_on,
    place: a.signed_place,
    scope: a.scope,
  });
  /** A programme's facts with its agreement's scope and every Program Aksi they follow up. */
  const withProgramme = async (p: repo.ProgrammeFacts, day: string) => {
    const a = p.agreement_id ? await repo.agreementFacts(db, who.scope, p.agreement_id, day) : undefined;
    const aksi = new Set([
      ...(await repo.programAksiOfProgramme(db, p.id)),
      ...(a ? await repo.programAksiOfAgreement(db, a.id) : []),
    ]);
    return {
      partner: p.partner ?? a?.partner ?? null,
      agreement: a ? agreementOf(a) : null,
      programme: programmeOf(p),
      programAksi: [...aksi],
    };
  };
  /** An agreement's facts with the programme run under it. */
  const withAgreement = async (a: repo.AgreementFacts) => {
    const p = await repo.programmeOfAgreement(db, who.scope, a.id);
    const aksi = new Set([
      ...(await repo.programAksiOfAgreement(db, a.id)),
      ...(p ? await repo.programAksiOfProgramme(db, p.id) : []),
    ]);
    return {
      partner: a.partner,
      agreement: agreementOf(a),
      programme: p ? programmeOf(p) : null,
      programAksi: [...aksi],
      count: p ? Number(p.inmates ?? 0) : 0,
    };
  };
  switch (ref.eventKind) {
    case 'agreement': {
      if (!id) throw noEvent();
      const a = await repo.agreementFacts(db, who.scope, id, '9999-12-31');
      if (!a?.signed_on) throw noEvent();
      const f = await withAgreement(a);
      if (!(await sameUnitAgreement(ctx, id, unitId))) throw noEvent();
      return { ...base, ...f, kind: 'agreement', day: a.signed_on };
    }
    case 'programme': {
      if (!id) throw noEvent();
      const p = await repo.programmeFacts(db, who.scope, id);
      if (!p || p.unit_id !== unitId || !p.first_day) throw noEvent();
      return {
        ...base,
        ...(await withProgramme(p, p.first_day)),
        kind: 'programme',
        day: p.first_day,
        count: Number(p.inmates ?? 0),
      };
    }
    case 'certificates': {
      if (!id) throw noEvent();
      const day = dayOf();
      const p = await repo.programmeFacts(db, who.scope, id);
      if (!p || p.unit_id !== unitId) throw noEvent();
      const n = await repo.certificatesOn(db, who.scope, id, day);
      if (n === 0) throw noEvent();
      return { ...base, ...(await withProgramme(p, day)), kind: 'certificates', day, count: n };
    }
    case 'bazaar': {
      const day = dayOf();
      const b = await repo.bazaarOn(db, who.scope, unitId, day);
      if (b.n === 0) throw noEvent();
      return { ...base, kind: 'bazaar', day, count: b.n, total: b.total };
    }
    case 'visit': {
      if (!id) throw noEvent();
      const e = await repo.evaluationFacts(db, who.scope, id);
      if (!e || e.unit_id !== unitId) throw noEvent();
      const a = await repo.agreementFacts(db, who.scope, e.agreement_id, e.day);
      if (!a) throw noEvent();
      return { ...base, ...(await withAgreement(a)), kind: 'visit', day: e.day, count: 0 };
    }
    case 'placement': {
      if (!id) throw noEvent();
      const day = dayOf();
      const j = await repo.placementFacts(db, who.scope, id, day);
      if (!j || j.unit_id !== unitId || j.n === 0) throw noEvent();
      return { ...base, kind: 'placement', day, partner: j.partner, position: j.position, count: j.n };
    }
  }
}

async function sameUnitAgreement(ctx: Reader, agreementId: string, unitId: string) {
  const row = await ctx.db
    .selectFrom('agreements')
    .select('unit_id')
    .where('id', '=', agreementId)
    .executeTakeFirst();
  return row?.unit_id === unitId;
}

/** A slug free in the unit: the rule's, with "-2", "-3"… when another item has it. */
async function freeSlug(ctx: Reader, unitId: string, day: string, title: string, exceptId: string | null) {
  const first = newsSlug(day, title);
  for (let i = 1; i < 100; i++) {
    const slug = i === 1 ? first : `${first.slice(0, 120 - String(i).length - 1).replace(/-+$/, '')}-${i}`;
    if (!(await repo.slugTaken(ctx.db, unitId, slug, exceptId))) return slug;
  }
  throw conflict('news_items.slug_taken');
}

/** A draft made from a recorded event of the user's unit (Humas). Returns its id. */
export async function createDraftFromEvent(ctx: Ctx, ref: EventRef): Promise<{ id: string }> {
  need(ctx, 'news.draft');
  if (!EVENT_KINDS.includes(ref.eventKind)) throw fieldError('event_kind', 'news.eventUnknown');
  const unitId = unitOf(ctx);
  const lang: Lang = ref.lang === 'en' ? 'en' : 'id';
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const facts = await factsOf(tx, unitId, ref);
    const d = draftFromFacts(facts, lang);
    const v: repo.NewsInsert = {
      unit_id: unitId,
      slug: await freeSlug(tx, unitId, facts.day, d.title, null),
      event_kind: facts.kind,
      event_id: facts.kind === 'bazaar' ? null : (ref.eventId ?? null),
      event_day: facts.day,
      lang,
      title: d.title,
      dateline: d.dateline,
      lead: d.lead,
      body_html: sanitizeNewsHtml(d.bodyHtml),
      quote: null,
      quote_by: d.quoteBy,
      created_by: ctx.who.id,
    };
    const id = await repo.insertNews(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'news.create',
      entity: 'news_item',
      entityId: id,
      unitId,
      after: { ...v, status: 'draft' },
    });
    return { id };
  });
}

/** The items of the user's unit (or every unit in scope), the latest changed first. */
export async function listNews(ctx: Reader, o: { status?: NewsStatus | undefined; page: number }) {
  need(ctx, 'news.view');
  const r = await repo.listNews(ctx.db, ctx.who.scope, {
    ...(o.status ? { statuses: [o.status] } : {}),
    limit: PAGE_SIZE,
    offset: (o.page - 1) * PAGE_SIZE,
  });
  return { ...r, pageSize: PAGE_SIZE };
}

/** One item in scope with its photos and status history; 404 outside the scope. */
export async function getNews(ctx: Reader, id: string) {
  need(ctx, 'news.view');
  const item = await repo.findNews(ctx.db, ctx.who.scope, id);
  if (!item) throw notFound('news_items');
  const [photos, audit, dayPhotos] = await Promise.all([
    repo.photosOf(ctx.db, id),
    auditRecordsOf(ctx.db, { entityId: id }),
    repo.journalPhotosOn(ctx.db, ctx.who.scope, item.unit_id, item.event_day),
  ]);
  const history = audit
    .filter((a) => a.entity === 'news_item')
    .map((a) => ({ action: a.action, at: a.at, by: a.actor_name, note: noteOfAudit(a.after) }));
  const chosen = new Set(photos.map((p) => p.file_id));
  return { item, photos, history, choices: dayPhotos.filter((p) => !chosen.has(p.id)) };
}
export type NewsDetail = Awaited<ReturnType<typeof getNews>>;

function noteOfAudit(after: unknown): string | null {
  if (after && typeof after === 'object' && 'return_note' in after) {
    const n = (after as { return_note: unknown }).return_note;
    return typeof n === 'string' ? n : null;
  }
  return null;
}

/** Items awaiting the Kepala UPT's approval in scope (the approvals inbox). */
export async function newsAwaitingApproval(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.awaitingApproval(ctx.db, ctx.who.scope);
}

/** The item locked for a change, in scope; 404 otherwise. */
async function locked(ctx: Ctx, id: string) {
  const item = await repo.findNews(ctx.db, ctx.who.scope, id, { lock: true });
  if (!item) throw notFound('news_items');
  return item;
}

/** What editing puts back: a draft again, its approval and publication undone. */
const BACK_TO_DRAFT = {
  status: 'draft' as const,
  submitted_at: null,
  submitted_by: null,
  approved_at: null,
  approved_by: null,
  published_at: null,
  published_by: null,
};

export interface DraftInput {
  title: string;
  dateline: string;
  lead: string;
  bodyHtml: string;
  quote?: string | null | undefined;
  quoteBy?: string | null | undefined;
}

/** Each field's problems (lengths as the table's checks), in the user's language. */
function draftProblems(v: {
  title: string;
  dateline: string;
  lead: string;
  body_html: string;
  quote: string | null;
  quote_by: string | null;
}) {
  const out: FieldError[] = [];
  const len = (field: string, s: string, min: number, max: number) => {
    if (s.length < min)
      out.push({ field, key: s.length === 0 ? 'news.required' : 'news.tooShort', params: { min } });
    else if (s.length > max) out.push({ field, key: 'news.tooLong', params: { max } });
  };
  len('title', v.title, 3, 200);
  len('dateline', v.dateline, 2, 60);
  len('lead', v.lead, 10, 1000);
  if (v.body_html.length > BODY_MAX)
    out.push({ field: 'body_html', key: 'news.tooLong', params: { max: BODY_MAX } });
  if ((v.quote ?? '').length > 1000) out.push({ field: 'quote', key: 'news.tooLong', params: { max: 1000 } });
  if ((v.quote_by ?? '').length > 200)
    out.push({ field: 'quote_by', key: 'news.tooLong', params: { max: 200 } });
  if (v.quote && !v.quote_by) out.push({ field: 'quote_by', key: 'news.quoteByRequired' });
  return out;
}

/**
 * Saves Humas's edit (title, dateline and lead are plain text, escaped wherever shown; the body is
 * sanitised to the allowlist). An item no longer a draft goes back to draft when anything changed:
 * off the public page, to be submitted and approved again. Nothing changed: nothing written.
 */
export async function saveDraft(ctx: Ctx, id: string, input: DraftInput): Promise<{ backToDraft: boolean }> {
  need(ctx, 'news.draft');
  const v = {
    title: input.title.trim(),
    dateline: input.dateline.trim(),
    lead: input.lead.replace(/\s+/g, ' ').trim(),
    body_html: sanitizeNewsHtml(input.bodyHtml ?? ''),
    quote: input.quote?.trim() || null,
    quote_by: input.quoteBy?.trim() || null,
  };
  const problems = draftProblems(v);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const before = await locked(tx, id);
    const same = (Object.keys(v) as (keyof typeof v)[]).every((k) => v[k] === before[k]);
    if (same) return { backToDraft: false };
    const back = before.status !== 'draft';
    // The public address follows the title until the item has been public once.
    const neverPublic = before.published_at === null && before.unpublished_at === null;
    const slug =
      neverPublic && v.title !== before.title
        ? await freeSlug(tx, before.unit_id, before.event_day, v.title, id)
        : before.slug;
    const patch: repo.NewsPatch = { ...v, slug, ...(back ? BACK_TO_DRAFT : {}) };
    await repo.updateNews(trx, id, patch);
    await recordAudit(trx, ctx.who.actor, {
      action: back ? 'news.edit_back_to_draft' : 'news.save',
      entity: 'news_item',
      entityId: id,
      unitId: before.unit_id,
      before: pick(before, Object.keys(patch)),
      after: patch,
    });
    return { backToDraft: back };
  });
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** A status move: locked, checked against the allowed `from`, patched, audited, in one transaction. */
async function move(
  ctx: Ctx,
  id: string,
  o: {
    permission: Permission;
    from: readonly NewsStatus[];
    refused: MessageKey;
    action: string;
    check?: (item: repo.NewsItem, tx: Ctx) => Promise<void>;
    patch: (item: repo.NewsItem) => repo.NewsPatch;
  },
) {
  need(ctx, o.permission);
  await ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const item = await locked(tx, id);
    if (!o.from.includes(item.status)) throw conflict('news_items.status_conflict', o.refused);
    await o.check?.(item, tx);
    const patch = o.patch(item);
    await repo.updateNews(trx, id, patch);
    await recordAudit(trx, ctx.who.actor, {
      action: o.action,
      entity: 'news_item',
      entityId: id,
      unitId: item.unit_id,
      before: { status: item.status },
      after: patch,
    });
  });
}

/** Humas sends a draft to the Kepala UPT. */
export function submitNews(ctx: Ctx, id: string) {
  return move(ctx, id, {
    permission: 'news.draft',
    from: ['draft'],
    refused: 'news.refusedSubmit',
    action: 'news.submit',
    patch: () => ({
      status: 'submitted',
      submitted_at: ctx.now,
      submitted_by: ctx.who.id,
      return_note: null,
    }),
  });
}

/** The Kepala UPT approves a submitted item: Humas may publish it. */
export function approveNews(ctx: Ctx, id: string) {
  return move(ctx, id, {
    permission: 'news.approve',
    from: ['submitted'],
    refused: 'news.refusedApprove',
    action: 'news.approve',
    patch: () => ({ status: 'approved', approved_at: ctx.now, approved_by: ctx.who.id }),
  });
}

/** The Kepala UPT sends a submitted (or approved, not yet published) item back with a note. */
export async function returnNews(ctx: Ctx, id: string, note: string | null | undefined) {
  const why = note?.trim() ?? '';
  if (why.length < 3) throw fieldError('note', 'news.noteRequired');
  if (why.length > 500) throw fieldError('note', 'news.tooLong', { max: 500 });
  return move(ctx, id, {
    permission: 'news.approve',
    from: ['submitted', 'approved'],
    refused: 'news.refusedReturn',
    action: 'news.return',
    patch: () => ({ ...BACK_TO_DRAFT, return_note: why }),
  });
}

/**
 * Humas publishes an approved item (or republishes one unpublished and not edited since). Refused
 * while any photo is unconfirmed.
 */
export function publishNews(ctx: Ctx, id: string) {
  return move(ctx, id, {
    permission: 'news.publish',
    from: ['approved', 'unpublished'],
    refused: 'news.refusedPublish',
    action: 'news.publish',
    check: async (item, tx) => {
      if (!item.approved_at) throw conflict('news_items.not_approved', 'news.refusedPublish');
      const photos = await repo.photosOf(tx.db, item.id);
      const open = photos.filter((p) => p.confirmation === null).length;
      if (open > 0) throw conflict('news_items.photo_unconfirmed', 'news.photoUnconfirmed', { n: open });
    },
    patch: () => ({ status: 'published', published_at: ctx.now, published_by: ctx.who.id }),
  });
}

/** Humas takes a published item off the public page, feed and sitemap. */
export function unpublishNews(ctx: Ctx, id: string) {
  return move(ctx, id, {
    permission: 'news.publish',
    from: ['published'],
    refused: 'news.refusedUnpublish',
    action: 'news.unpublish',
    patch: () => ({ status: 'unpublished', unpublished_at: ctx.now, unpublished_by: ctx.who.id }),
  });
}

/** A photo change of an item no longer a draft puts it back to draft (approved without it). */
async function photoChange(
  ctx: Ctx,
  id: string,
  action: string,
  write: (item: repo.NewsItem, tx: Ctx) => Promise<Record<string, unknown>>,
) {
  need(ctx, 'news.draft');
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const item = await locked(tx, id);
    const after = await write(item, tx);
    const back = item.status !== 'draft';
    await repo.updateNews(trx, id, back ? BACK_TO_DRAFT : {});
    await recordAudit(trx, ctx.who.actor, {
      action,
      entity: 'news_item',
      entityId: id,
      unitId: item.unit_id,
      before: { status: item.status },
      after: { ...after, ...(back ? { status: 'draft' } : {}) },
    });
    return after;
  });
}

/**
 * Adds a photo: one of the unit's journal documentation photos ({ fileId }) or a new upload
 * ({ upload }, stored at web size with a thumbnail, metadata stripped). It stays unconfirmed (never
 * shown publicly) until Humas confirms it.
 */
export async function addNewsPhoto(
  ctx: Ctx,
  id: string,
  input: { fileId: string } | { upload: Upload; maxBytes?: number },
): Promise<{ photoId: string }> {
  try {
    const r = await photoChange(ctx, id, 'news.photo_add', async (item, tx) => {
      const photos = await repo.photosOf(tx.db, id);
      if (photos.length >= MAX_PHOTOS) throw fieldError('photo', 'news.tooManyPhotos', { max: MAX_PHOTOS });
      let fileId: string;
      if ('fileId' in input) {
        const f = await repo.choosablePhoto(tx.db, tx.who.scope, item.unit_id, id, input.fileId);
        if (!f) throw fieldError('file_id', 'news.photoUnknown');
        fileId = f.id;
      } else {
        fileId = await storeImage(tx, {
          unitId: item.unit_id,
          ownerType: 'news_item',
          ownerId: id,
          kind: 'photo',
          upload: input.upload,
          maxBytes: input.maxBytes ?? 10 * 1024 * 1024,
          field: 'photo',
        });
      }
      const position = photos.reduce((m, p) => Math.max(m, p.position + 1), 0);
      const photoId = await repo.insertPhoto(tx.db, { news_id: id, file_id: fileId, position });
      return { photo_id: photoId, file_id: fileId, position };
    });
    return { photoId: String(r.photo_id) };
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('file_id', 'news.photoTwice');
    throw err;
  }
}

/** Humas confirms a photo: nobody identifiable, or consent recorded (with a note saying whose and how). */
export async function confirmNewsPhoto(
  ctx: Ctx,
  id: string,
  photoId: string,
  input: { confirmation: PhotoConfirmation; consentNote?: string | null | undefined },
) {
  need(ctx, 'news.draft');
  const note = input.consentNote?.trim() || null;
  if (input.confirmation !== 'no_identifiable' && input.confirmation !== 'consent')
    throw fieldError('confirmation', 'news.confirmationRequired');
  if (input.confirmation === 'consent' && !note) throw fieldError('consent_note', 'news.consentNoteRequired');
  if (note && note.length > 500) throw fieldError('consent_note', 'news.tooLong', { max: 500 });
  await ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const item = await locked(tx, id);
    const photo = (await repo.photosOf(trx, id)).find((p) => p.id === photoId);
    if (!photo) throw notFound('news_photos');
    const v = {
      confirmation: input.confirmation,
      consent_note: input.confirmation === 'consent' ? note : null,
      confirmed_by: ctx.who.id,
    };
    await repo.confirmPhoto(trx, photoId, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'news.photo_confirm',
      entity: 'news_item',
      entityId: id,
      unitId: item.unit_id,
      before: { photo_id: photoId, confirmation: photo.confirmation },
      after: { photo_id: photoId, ...v },
    });
  });
}

/** Removes a photo from the item (a journal photo stays in the journal). */
export async function removeNewsPhoto(ctx: Ctx, id: string, photoId: string) {
  await photoChange(ctx, id, 'news.photo_remove', async (_item, tx) => {
    const photo = (await repo.photosOf(tx.db, id)).find((p) => p.id === photoId);
    if (!photo) throw notFound('news_photos');
    await repo.deletePhoto(tx.db, photoId);
    return { photo_id: photoId, file_id: photo.file_id };
  });
}

/** A photo of an item in scope (its file id), for serving to staff who may see the item. */
export async function newsPhotoFile(ctx: Reader, id: string, photoId: string): Promise<string> {
  need(ctx, 'news.view');
  const item = await repo.findNews(ctx.db, ctx.who.scope, id);
  if (!item) throw notFound('news_items');
  const photo = (await repo.photosOf(ctx.db, id)).find((p) => p.id === photoId);
  if (!photo) throw notFound('news_photos');
  return photo.file_id;
}
