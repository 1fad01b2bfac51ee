// The release pipeline in figures for one unit, from its own today: people leaving within 30 and
// 90 days and the readiness checklist items past due. The dashboard's 'release' panel shows them.
import type { Ctx } from '../../app/principal.ts';
import * as repo from './reintegration.repo.ts';

export interface PipelineSummary {
  /** Active people whose release date is today up to 30 days ahead. */
  within30: number;
  /** Active people whose release date is today up to 90 days ahead (the 30 included). */
  within90: number;
  /** Open checklist items past their due day on cases not yet released. */
  overdueItems: number;
}

/** The unit's pipeline counts within the principal's scope (a PK: only their assigned people). */
export async function pipelineSummary(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  unitId: string,
): Promise<PipelineSummary> {
  return repo.summary(ctx.db, ctx.who.scope, unitId, ctx.now);
}
