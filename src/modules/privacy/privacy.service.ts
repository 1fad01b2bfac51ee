// UU 27/2022 (PDP) duties beyond access control: the breach register with its 3 x 24 hour notices,
// the legal basis per category of personal data, and the log of who viewed an inmate's record.
import { fieldError, forbidden, invalid, isUniqueViolation, notFound } from '../../app/errors.ts';
import { startOfDay } from '../../app/format.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { BreachRecipient, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unit as unitInScope } from '../units/units.policy.ts';
import { breach, mayChangeLegalBasis } from './privacy.policy.ts';
import * as repo from './privacy.repo.ts';
import { type NoticeState, noticeState, notificationDeadline, parseLocalInstant } from './privacy.rules.ts';

export type { AccessRow, LegalBasisRow, NoticeRow } from './privacy.repo.ts';
export const PAGE_SIZE = repo.PAGE_SIZE;

const basisNotFound = () => notFound('privacy', 'privacy.legal_basis_not_found');

// A clock skew allowance: "found at" a minute from now on a phone whose clock runs fast is fine.
const FUTURE_SLACK_MS = 10 * 60_000;

// ---- legal basis ----

/** Every category of personal data with its legal basis (national reference data, read by all). */
export const listLegalBasis = (ctx: Pick<Ctx, 'db'>) => repo.listLegalBasis(ctx.db);

export async function getLegalBasis(ctx: Pick<Ctx, 'db'>, id: string) {
  const row = await repo.findLegalBasis(ctx.db, id);
  if (!row) throw basisNotFound();
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
export async function saveLegalBasis(ctx: Ctx, input: LegalBasisInput, id?: string): Promise<string> {
  const actor = ctx.who.actor;
  return ctx.db.transaction().execute(async (trx) => {
    const before = id ? await repo.findLegalBasis(trx, id) : undefined;
    if (id && !before) throw basisNotFound();
    if (!mayChangeLegalBasis(ctx.who)) throw forbidden();
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

/** A breach with its notices and where it stands at the context's clock. */
export async function getBreach(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, id: string): Promise<Breach> {
  const b = await breach(ctx, id);
  return (await withNotices(ctx.db, [b], ctx.now))[0] as Breach;
}

export async function listBreaches(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, f: repo.BreachFilter) {
  const r = await repo.listBreaches(ctx.db, ctx.who.scope, f);
  return { rows: await withNotices(ctx.db, r.rows, ctx.now), total: r.total };
}

/**
 * For the dashboard: open breaches still missing a notice, soonest deadline first, in the given
 * scope (a unit's page asks for that unit's, the overview for the principal's).
 */
export async function pendingNotices(ctx: Pick<Ctx, 'db' | 'now'>, scope: Scope): Promise<Breach[]> {
  return withNotices(ctx.db, await repo.unnotifiedBreaches(ctx.db, scope), ctx.now);
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

export async function createBreach(ctx: Ctx, input: BreachInput): Promise<string> {
  const { now, who } = ctx;
  const unitId = input.unit_id ?? who.unitId;
  if (!unitId) throw fieldError('unit_id', 'err.required');
  const unit = await unitInScope(ctx, unitId).catch(() => {
    throw fieldError('unit_id', 'err.enum');
  });
  const zone = unit.timezone;
  const foundAt = instant('found_at', input.found_at, zone, now);
  const occurredAt = input.occurred_at ? instant('occurred_at', input.occurred_at, zone, now) : null;
  if (occurredAt && occurredAt > foundAt) throw fieldError('occurred_at', 'privacy.occurredAfterFound');
  return ctx.db.transaction().execute(async (trx) => {
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
      created_by: who.id,
    };
    const id = await repo.insertBreach(trx, v);
    await recordAudit(trx, who.actor, {
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

export async function recordNotice(ctx: Ctx, breachId: string, input: NoticeInput): Promise<void> {
  const { now, who } = ctx;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.lockBreach(trx, breachId);
      const b = await getBreach(withDb(ctx, trx), breachId);
      if (b.status === 'closed') throw fieldError('recipient', 'privacy.closedAlready');
      if (!b.state.pending.includes(input.recipient)) throw fieldError('recipient', 'privacy.noticeRecorded');
      const at = instant('notified_at', input.notified_at, b.timezone, now);
      if (at < b.found_at) throw fieldError('notified_at', 'privacy.noticeBeforeFound');
      const v = {
        breach_id: b.id,
        recipient: input.recipient,
        notified_at: at,
        notified_to: input.notified_to,
        channel: input.channel,
        recorded_by: who.id,
      };
      const id = await repo.insertNotice(trx, v);
      await recordAudit(trx, who.actor, {
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
  ctx: Ctx,
  breachId: string,
  input: { closing_note: string },
): Promise<void> {
  const now = ctx.now;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockBreach(trx, breachId);
    const b = await getBreach(withDb(ctx, trx), breachId);
    if (b.status === 'closed') throw fieldError('closing_note', 'privacy.closedAlready');
    if (!b.state.notified) throw invalid([{ field: 'closing_note', key: 'privacy.notifyBeforeClose' }]);
    await repo.closeBreach(trx, b.id, input.closing_note, now);
    await recordAudit(trx, ctx.who.actor, {
      action: 'privacy.breach.close',
      entity: 'privacy_breach',
      entityId: b.id,
      unitId: b.unit_id,
      before: { status: b.status },
      after: { status: 'closed', closing_note: input.closing_note },
    });
  });
}

export async function categoryOptions(ctx: Pick<Ctx, 'db'>) {
  return (await repo.listLegalBasis(ctx.db)).map((r) => ({ value: r.code, label: r.category }));
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

/** Days typed in the principal's zone become the instants that bound the log's filter. */
export function accessFilter(
  ctx: Pick<Ctx, 'who'>,
  q: {
    inmate_id?: string | undefined;
    viewer?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    page?: number | undefined;
  },
): repo.AccessFilter {
  const zone = ctx.who.zone;
  const to = q.to ? startOfDay(q.to, zone) : undefined;
  return {
    inmateId: q.inmate_id,
    viewer: q.viewer,
    from: q.from ? startOfDay(q.from, zone) : undefined,
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
    page: q.page ?? 1,
  };
}

/** Who viewed the records of the people in the principal's units. */
export async function listInmateViews(ctx: Pick<Ctx, 'db' | 'who'>, f: repo.AccessFilter) {
  return repo.listInmateViews(ctx.db, ctx.who.scope, f);
}
