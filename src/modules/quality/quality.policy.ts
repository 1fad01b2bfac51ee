// Who may do what to one quality-check batch: the batch within the principal's scope (a unit's, and
// for a partner instructor only their own partner's), then what they want to do with it. Pages ask
// `qualityMay` what to offer instead of repeating these rules.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import * as repo from './quality.repo.ts';

export type { BatchRow } from './quality.repo.ts';

/** view: read it with its makers; check: send batches and record the partner's check. */
export type QcBatchUse = 'view' | 'check';

/** Unit staff and the partner's instructors check; the system when it seeds the demo. */
export function mayCheck(who: Principal): boolean {
  return can(who, 'quality.check') || isSystem(who);
}

/**
 * The batch, or 404 when it lies outside the principal's scope (another unit's, another partner's:
 * not theirs to know of), or 403 when it is theirs to see but not to check.
 */
export async function qcBatch(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: QcBatchUse } = {}) {
  const b = await repo.findBatch(ctx.db, ctx.who.scope, id);
  if (!b) throw notFound('qc_batches');
  if (o.for === 'check' && !mayCheck(ctx.who)) throw forbidden();
  if (o.for !== 'check' && !mayCheck(ctx.who) && !can(ctx.who, 'production.view') && !isSystem(ctx.who))
    throw forbidden();
  return b;
}

/** What the quality-check pages offer: sending a batch, recording a check, the invoice of a batch. */
export function qualityMay(who: Principal) {
  return { check: mayCheck(who), invoice: can(who, 'sales.record'), sales: can(who, 'sales.view') };
}

export type QualityMay = ReturnType<typeof qualityMay>;
