// Who may follow up whom: the person's release case within the principal's scope (the unit's staff:
// their unit's people; a Bapas probation officer: only the people whose case names them, through
// reintegration's `releaseCase`), and the permission to record follow-ups. 404 outside the scope.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import { scopeSupervisor } from '../../app/scope.ts';
import { releaseCase } from '../reintegration/reintegration.policy.ts';
import * as repo from './follow-ups.repo.ts';

/** Whether this principal records follow-ups (the unit's staff, a PK for their people). */
export function mayRecordFollowUps(who: Principal): boolean {
  return can(who, 'followups.record') || actsAsSystem(who);
}

/** Whether the recorder is a Bapas probation officer (the follow-up's `by_bapas`). */
export function isBapasOfficer(who: Principal): boolean {
  return scopeSupervisor(who.scope) !== undefined;
}

/** The person's release case, to read or record their follow-ups: 404 outside the scope, else 403. */
export async function followUpCase(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string) {
  const c = await releaseCase(ctx, inmateId);
  if (!mayRecordFollowUps(ctx.who)) throw forbidden();
  return c;
}

/** One recorded follow-up within the scope, 404 outside it. */
export async function followUp(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const f = await repo.findFollowUp(ctx.db, ctx.who.scope, id);
  if (!f) throw notFound('follow_ups');
  if (!mayRecordFollowUps(ctx.who)) throw forbidden();
  return f;
}
