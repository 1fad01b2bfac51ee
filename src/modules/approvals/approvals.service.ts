// The Kepala UPT's approvals inbox: everything in a unit waiting for the head's decision, read from
// the modules that own it (TPP decisions, agreements to sign, premi runs, stock-takes, sale
// cancellations) and from the requests kept here (attendance unlocks, certificate revocations).
import { dayInZone } from '../../app/format.ts';
import { can } from '../../app/policy.ts';
import type { Ctx } from '../../app/principal.ts';
import { inScope, withinUnit } from '../../app/scope.ts';
import type { TimeZone } from '../../db/schema.ts';
import { awaitingSignature } from '../agreements/agreements.service.ts';
import { pendingAdjustments } from '../materials/adjustments.service.ts';
import { newsAwaitingApproval } from '../news/news.service.ts';
import { listRuns } from '../premi/premi.service.ts';
import { reportsToSign } from '../reports/reports.service.ts';
import { cancellationsRequested } from '../sales/sales.service.ts';
import { tppAwaitingApproval } from '../selection/selection.service.ts';
import * as repo from './approvals.repo.ts';

export {
  decideRevocation,
  decideUnlock,
  requestRevocation,
  requestUnlock,
  revocationRequest,
  revocationRequestsOf,
  unlockRequest,
  unlockRequestsOf,
} from './approvals.requests.ts';

/** What waits for the Kepala UPT, in the order the inbox groups them. */
export const APPROVAL_KINDS = [
  'tpp',
  'agreement',
  'attendance_unlock',
  'certificate_revocation',
  'premi_run',
  'stock_adjustment',
  'sale_cancellation',
  'monthly_report',
  'news',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/**
 * One thing waiting: what it is, where the decision is taken (`href`), since when it waits, and the
 * values its sentence needs (`params`: names, numbers, and days as 'YYYY-MM-DD' or months as 'YYYY-MM').
 */
export interface ApprovalItem {
  kind: ApprovalKind;
  id: string;
  href: string;
  since: Date;
  params: Record<string, string | number>;
}

/** Which right decides each kind: the inbox shows only what its reader may decide. */
const DECIDES = {
  tpp: 'selection.approve',
  agreement: 'agreements.sign',
  attendance_unlock: 'attendance.unlock',
  certificate_revocation: 'certificates.revoke',
  premi_run: 'premi.approve',
  stock_adjustment: 'stock.approve',
  sale_cancellation: 'sales.approve',
  monthly_report: 'reports.submit',
  news: 'news.approve',
} as const satisfies Record<ApprovalKind, string>;

type Reader = Pick<Ctx, 'db' | 'who'>;

const readers: Record<ApprovalKind, (ctx: Reader) => Promise<ApprovalItem[]>> = {
  tpp: async (ctx) =>
    (await tppAwaitingApproval(ctx)).map((r) => ({
      kind: 'tpp',
      id: r.id,
      href: `/intakes/${r.intake_id}`,
      since: r.created_at,
      params: { programme: r.programme_name, accepted: r.accepted, day: r.held_on },
    })),
  agreement: async (ctx) =>
    (await awaitingSignature(ctx)).map((r) => ({
      kind: 'agreement',
      id: r.id,
      href: `/agreements/${r.id}`,
      since: r.created_at,
      params: { title: r.title, partner: r.partner_name, addendum: r.parent_id ? 1 : 0 },
    })),
  attendance_unlock: async (ctx) =>
    (await repo.pendingUnlocks(ctx.db, ctx.who.scope)).map((r) => ({
      kind: 'attendance_unlock',
      id: r.id,
      href: `/approvals/unlocks/${r.id}`,
      since: r.requested_at,
      params: { programme: r.programme_name, day: r.day, by: r.requested_by_name ?? '', reason: r.reason },
    })),
  certificate_revocation: async (ctx) =>
    (await repo.pendingRevocations(ctx.db, ctx.who.scope)).map((r) => ({
      kind: 'certificate_revocation',
      id: r.id,
      href: `/approvals/revocations/${r.id}`,
      since: r.requested_at,
      params: {
        number: r.certificate_number,
        holder: r.holder_name,
        programme: r.programme_name,
        by: r.requested_by_name ?? '',
        reason: r.reason,
      },
    })),
  premi_run: async (ctx) =>
    (await listRuns(ctx, { status: 'reviewed' })).rows.map((r) => ({
      kind: 'premi_run',
      id: r.id,
      href: `/premi/runs/${r.id}`,
      since: r.reviewed_at ?? r.computed_at,
      params: { month: r.month, premi: r.premi, reversal: r.kind === 'reversal' ? 1 : 0 },
    })),
  stock_adjustment: async (ctx) =>
    (await pendingAdjustments(ctx)).map((r) => ({
      kind: 'stock_adjustment',
      id: r.id,
      href: `/stock/adjustments/${r.id}`,
      since: r.created_at,
      params: { adjustment: r.kind, day: r.day, lines: r.line_count },
    })),
  sale_cancellation: async (ctx) =>
    (await cancellationsRequested(ctx)).map((r) => ({
      kind: 'sale_cancellation',
      id: r.id,
      href: `/sales/${r.id}`,
      since: r.updated_at,
      params: { number: r.number, total: r.total, reason: r.cancel_reason ?? '' },
    })),
  // Monthly reports (#14): drafts whose narrative is written, waiting for the Kepala to sign.
  monthly_report: async (ctx) =>
    (await reportsToSign(ctx)).map((r) => ({
      kind: 'monthly_report',
      id: r.id,
      href: `/reports/${r.id}`,
      since: r.updated_at,
      params: { month: r.month, version: r.version },
    })),
  // News items (#17) Humas sent for approval before publication.
  news: async (ctx) =>
    (await newsAwaitingApproval(ctx)).map((r) => ({
      kind: 'news',
      id: r.id,
      href: `/newsroom/${r.id}`,
      since: r.submitted_at ?? r.updated_at,
      params: { title: r.title, day: r.event_day },
    })),
};

/**
 * Everything in the unit waiting for a decision its reader may take, oldest first. A unit outside
 * the reader's scope has nothing for them (never another unit's items).
 */
export async function approvalsInbox(ctx: Reader, input: { unitId: string }): Promise<ApprovalItem[]> {
  if (!inScope(ctx.who.scope, input.unitId)) return [];
  const unit = { ...ctx, who: { ...ctx.who, scope: withinUnit(ctx.who.scope, input.unitId) } };
  const kinds = APPROVAL_KINDS.filter((k) => can(ctx.who, DECIDES[k]));
  const lists = await Promise.all(kinds.map((k) => readers[k](unit)));
  return lists.flat().sort((a, b) => a.since.getTime() - b.since.getTime() || a.id.localeCompare(b.id));
}

/** Whole days an item has waited, counted in the unit's calendar (0 = since today). */
export function ageInDays(since: Date, now: Date, zone: TimeZone): number {
  const a = Date.parse(`${dayInZone(since, zone)}T00:00:00Z`);
  const b = Date.parse(`${dayInZone(now, zone)}T00:00:00Z`);
  return Math.max(0, Math.round((b - a) / 86_400_000));
}
