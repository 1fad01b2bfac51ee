// Who may do what to one monthly report: the record within the principal's scope (a unit's), then
// what they want to do with it. A draft is the unit's own working paper: readers above the unit
// (who may not draft) do not see it exist. Pages get `reportsMay` instead of repeating this.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import * as repo from './reports.repo.ts';

export type { ReportRow } from './reports.repo.ts';

/** view: read and print; draft: create, write the narrative, revise; submit: sign; review: acknowledge or return. */
export type ReportUse = 'view' | 'draft' | 'submit' | 'review';

const NEEDS: Record<ReportUse, Permission> = {
  view: 'reports.view',
  draft: 'reports.draft',
  submit: 'reports.submit',
  review: 'reports.review',
};

/** Whether this principal may use reports so (what a page offers them: buttons, forms). */
export function mayReport(who: Principal, use: ReportUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

/** What the report pages offer this principal; premi and PNBP totals only to those allowed them. */
export function reportsMay(who: Principal) {
  return {
    draft: mayReport(who, 'draft'),
    submit: mayReport(who, 'submit'),
    review: mayReport(who, 'review'),
    premi: can(who, 'premi.totals') || can(who, 'premi.view') || actsAsSystem(who),
  };
}
export type ReportsMay = ReturnType<typeof reportsMay>;

/** Whether the principal sees drafts at all (the unit's staff do, the offices above do not). */
export const seesDrafts = (who: Principal) => mayReport(who, 'draft');

/**
 * The report, or 404 when it lies outside the principal's scope (another region's unit: not theirs
 * to know of) or is a draft they may not see, or 403 when it is theirs to see but not to use so.
 */
export async function report(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: ReportUse } = {}) {
  const r = await repo.findReport(ctx.db, ctx.who.scope, id);
  if (!r || (r.status === 'draft' && !seesDrafts(ctx.who))) throw notFound('reports');
  if (o.for && !mayReport(ctx.who, o.for)) throw forbidden();
  return r;
}
