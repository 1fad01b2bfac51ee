// UU 27/2022 (PDP) duties beyond access control: the breach register with its 3 x 24 hour notices,
// the legal basis per category of personal data, and the log of who viewed an inmate's record.
import { AppError, fieldError, forbidden, invalid, isUniqueViolation } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { BreachRecipient, Role, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getUnit } from '../units/units.service.ts';
import * as repo from './privacy.repo.ts';
import { type NoticeState, noticeState, notificationDeadline, parseLocalInstant } from './privacy.rules.ts';

export type { AccessRow, LegalBasisRow, NoticeRow } from './privacy.repo.ts';
export const PAGE_SIZE = repo.PAGE_SIZE;

export interface Viewer {
  id: string;
  unitId: string | null;
  roles: readonly Role[];
  scope: Scope;
}

/** A national administrator: the admin role with no unit or regional office (scope: everything). */
export const isNationalAdmin = (v: Pick<Viewer, 'roles' | 'scope'>) =>
  v.roles.includes('admin') && v.scope.all;

// A clock skew allowance: "found at" a minute from now on a phone whose clock runs fast is fine.
const FUTURE_SLACK_MS = 10 * 60_000;

// ---- legal basis ----

export const listLegalBasis = repo.listLegalBasis;

export async function getLegalBasis(db: Db, id: string) {
  const row = await repo.findLegalBasis(db, id);
  if (!row) throw new AppError('privacy.legal_basis_not_found', 404, 'err.notFound');
  return row;
}

export interface LegalBasisInput {
  code: string;
  category: string;
  specific?: boolean | undefined;
  legal_basis: string;
  purpose: string;
  retention: string;
  holders: string;
}

/** The legal basis is national reference data: only a national administrator changes it. */
export async function saveLegalBasis(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: LegalBasisInput,
  id?: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const before = id ? await repo.findLegalBasis(trx, id) : undefined;
    if (id && !before) throw new AppError('privacy.legal_basis_not_found', 404, 'err.notFound');
    if (!isNationalAdmin(viewer)) throw forbidden();
    if (await repo.codeTaken(trx, input.code, id)) throw fieldError('code', 'privacy.basis.codeTaken');
    const v = { ...input, specific: input.specific === true };
    const savedId = id ?? (await repo.insertLegalBasis(trx, v));
    if (id) await repo.updateLegalBasis(trx, id, v);
    await recordAudit(trx, actor, {
      action: id ? 'privacy.legal_basis.update' : 'privacy.legal_basis.create',
      entity: 'privacy_legal_basis',
      entityId: savedId,
      before,
      after: v,
    });
    return savedId;
  });
}

// ---- breaches ----

export interface Breach extends repo.BreachRow {
  notices: Array<repo.NoticeRow & { late: boolean }>;
  state: NoticeState;
}

function present(b: repo.BreachRow, notices: repo.NoticeRow[], now: Date): Breach {
  const own = notices.filter((n) => n.breach_id === b.id);
  const state = noticeState(
    { foundAt: b.found_at, notices: own.map((n) => ({ recipient: n.recipient, notifiedAt: n.notified_at })) },
    now,
  );
  return { ...b, notices: own.map((n) => ({ ...n, late: state.late.includes(n.recipient) })), state };
}

async function withNotices(db: Db, rows: repo.BreachRow[], now: Date): Promise<Breach[]> {
  const notices = await repo.noticesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, notices, now));
}

export async function getBreach(db: Db, scope: Scope, id: string, now = new Date()): Promise<Breach> {
  const b = await repo.findBreach(db, scope, id);
  // Another unit's breach looks exactly like none.
  if (!b) throw new AppError('privacy.breach_not_found', 404, 'err.notFound');
  return (await withNotices(db, [b], now))[0] as Breach;
}

export async function listBreaches(db: Db, scope: Scope, f: repo.BreachFilter, now = new Date()) {
  const r = await repo.listBreaches(db, scope, f);
  return { rows: await withNotices(db, r.rows, now), total: r.total };
}

/** For the dashboard: open breaches still missing a notice, soonest deadline first. */
export async function pendingNotices(db: Db, scope: Scope, now = new Date()): Promise<Breach[]> {
  return withNotices(db, await repo.unnotifiedBreaches(db, scope), now);
}

export interface BreachInput {
  unit_id?: string | undefined;
  title: string;
  description: string;
  occurred_at?: string | undefined;
  found_at: string;
  categories: string[];
  people_affected: number;
  measures: string;
}

function instant(field: string, value: string, zone: TimeZone, now: Date): Date {
  const at = parseLocalInstant(value, zone);
  if (!at) throw fieldError(field, 'privacy.instantInvalid');
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw fieldError(field, 'privacy.instantFuture');
  return at;
}

export async function createBreach(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: BreachInput,
  now = new Date(),
): Promise<string> {
  const unitId = input.unit_id ?? viewer.unitId;
  if (!unitId) throw fieldError('unit_id', 'err.required');
  const unit = await getUnit(db, viewer.scope, unitId).catch(() => {
    throw fieldError('unit_id', 'err.enum');
  });
  const zone = unit.timezone as TimeZone;
  const foundAt = instant('found_at', input.found_at, zone, now);
  const occurredAt = input.occurred_at ? instant('occurred_at', input.occurred_at, zone, now) : null;
  if (occurredAt && occurredAt > foundAt) throw fieldError('occurred_at', 'privacy.occurredAfterFound');
  return db.transaction().execute(async (trx) => {
    const known = new Set(await repo.categoryCodes(trx));
    const unknown = input.categories.filter((c) => !known.has(c));
    if (unknown.length > 0) throw fieldError('categories', 'err.enum');
    const v: repo.BreachValues = {
      unit_id: unit.id,
      title: input.title,
      description: input.description,
      occurred_at: occurredAt,
      found_at: foundAt,
      notify_due_at: notificationDeadline(foundAt),
      categories: input.categories,
      people_affected: input.people_affected,
      measures: input.measures,
      created_by: viewer.id,
    };
    const id = await repo.insertBreach(trx, v);
    await recordAudit(trx, actor, {
      action: 'privacy.breach.create',
      entity: 'privacy_breach',
      entityId: id,
      unitId: unit.id,
      after: v,
    });
    return id;
  });
}

export interface NoticeInput {
  recipient: BreachRecipient;
  notified_at: string;
  notified_to: string;
  channel: string;
}

export async function recordNotice(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  breachId: string,
  input: NoticeInput,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await repo.lockBreach(trx, breachId);
      const b = await getBreach(trx, viewer.scope, breachId, now);
      if (b.status === 'closed') throw fieldError('recipient', 'privacy.closedAlready');
      if (!b.state.pending.includes(input.recipient)) throw fieldError('recipient', 'privacy.noticeRecorded');
      const at = instant('notified_at', input.notified_at, b.timezone as TimeZone, now);
      if (at < b.found_at) throw fieldError('notified_at', 'privacy.noticeBeforeFound');
      const v = {
        breach_id: b.id,
        recipient: input.recipient,
        notified_at: at,
        notified_to: input.notified_to,
        channel: input.channel,
        recorded_by: viewer.id,
      };
      const id = await repo.insertNotice(trx, v);
      await recordAudit(trx, actor, {
        action: 'privacy.breach.notify',
        entity: 'privacy_breach',
        entityId: b.id,
        unitId: b.unit_id,
        after: { ...v, notice_id: id, late: at > b.state.dueAt },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'privacy_breach_notifications_once'))
      throw fieldError('recipient', 'privacy.noticeRecorded');
    throw err;
  }
}

/** A breach closes once both notices are recorded, with a note on how it was resolved. */
export async function closeBreach(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  breachId: string,
  input: { closing_note: string },
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.lockBreach(trx, breachId);
    const b = await getBreach(trx, viewer.scope, breachId, now);
    if (b.status === 'closed') throw fieldError('closing_note', 'privacy.closedAlready');
    if (!b.state.notified) throw invalid([{ field: 'closing_note', key: 'privacy.notifyBeforeClose' }]);
    await repo.closeBreach(trx, b.id, input.closing_note, now);
    await recordAudit(trx, actor, {
      action: 'privacy.breach.close',
      entity: 'privacy_breach',
      entityId: b.id,
      unitId: b.unit_id,
      before: { status: b.status },
      after: { status: 'closed', closing_note: input.closing_note },
    });
  });
}

export async function categoryOptions(db: Db) {
  return (await repo.listLegalBasis(db)).map((r) => ({ value: r.code, label: r.category }));
}

// ---- inmate access log ----

export interface InmateView {
  inmateId: string;
  viewerId: string | null;
  viewerName: string;
  channel: 'page' | 'api' | 'export';
  source: string;
  requestId: string | null;
}

/**
 * Written in the request, before the record is sent: if the log cannot be written the record is
 * not shown (accountability over availability). One INSERT … SELECT, no transaction of its own.
 */
export async function recordInmateView(db: Db, v: InmateView): Promise<void> {
  await repo.insertInmateView(db, {
    inmate_id: v.inmateId,
    viewer_id: v.viewerId,
    viewer_name: v.viewerName,
    channel: v.channel,
    source: v.source,
    request_id: v.requestId,
  });
}

export async function listInmateViews(db: Db, scope: Scope, f: repo.AccessFilter) {
  return repo.listInmateViews(db, scope, f);
}
