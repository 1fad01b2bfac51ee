// Who may do what to one premi run: the run within the principal's scope (a unit's; runs belong to
// no partner), then what they want to do with it. Pages get `premiMay` instead of repeating this.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import * as repo from './premi.repo.ts';

/** view: read it and its breakdown; prepare: compute, recompute and review; approve: post it. */
export type RunUse = 'view' | 'prepare' | 'approve';

const NEEDS: Record<RunUse, Permission> = {
  view: 'premi.view',
  prepare: 'premi.prepare',
  approve: 'premi.approve',
};

export function mayRun(who: Principal, use: RunUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

/** What the premi pages offer this principal. */
export function premiMay(who: Principal) {
  return { prepare: mayRun(who, 'prepare'), approve: mayRun(who, 'approve') };
}
export type PremiMay = ReturnType<typeof premiMay>;

/**
 * The run, or 404 when it lies outside the principal's scope (another unit's), or 403 when it is
 * theirs to see but not to prepare or approve. Names of inmates need premi.view: a run is never
 * shown to anyone without it.
 */
export async function premiRun(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: RunUse } = {}) {
  const r = await repo.findRun(ctx.db, ctx.who.scope, id);
  if (!r) throw notFound('premi');
  if (!mayRun(ctx.who, 'view') || (o.for && !mayRun(ctx.who, o.for))) throw forbidden();
  return r;
}
