// Who may do what to one person's release case: the case within the principal's scope (a unit's
// staff: their unit's; a Bapas probation officer: only the people whose case names them), then what
// they want to do with it. Other modules (jobs, CV, follow-ups) find a case through `releaseCase`.
import { forbidden, notFound } from '../../app/errors.ts';
import { can, type Permission } from '../../app/policy.ts';
import { actsAsSystem, type Ctx, type Principal } from '../../app/principal.ts';
import * as repo from './reintegration.repo.ts';

export type { CaseRow, PersonRow } from './reintegration.repo.ts';

/** view: read the pipeline and cases; manage: write the case, checklist, consents, the release. */
export type ReintegrationUse = 'view' | 'manage';

const NEEDS: Record<ReintegrationUse, Permission> = {
  view: 'reintegration.view',
  manage: 'reintegration.manage',
};

/** Whether this principal may use the release pipeline so (what a page offers them). */
export function mayReintegration(who: Principal, use: ReintegrationUse): boolean {
  return can(who, NEEDS[use]) || actsAsSystem(who);
}

/**
 * The person's release case, or 404 when there is none or it lies outside the principal's scope
 * (another unit's; for a PK, one not assigned to them), or 403 when theirs to see but not to use so.
 */
export async function releaseCase(
  ctx: Pick<Ctx, 'db' | 'who'>,
  inmateId: string,
  o: { for?: ReintegrationUse } = {},
) {
  const c = await repo.findCase(ctx.db, ctx.who.scope, inmateId);
  if (!c) throw notFound('reintegration');
  if (o.for && !mayReintegration(ctx.who, o.for)) throw forbidden();
  return c;
}

/**
 * The person a case is (or will be) about, with their case if one exists: the case page opens
 * before the first write creates the case. 404 outside the scope, 403 for a use not granted.
 */
export async function releasePerson(
  ctx: Pick<Ctx, 'db' | 'who'>,
  inmateId: string,
  o: { for?: ReintegrationUse } = {},
) {
  const person = await repo.findPerson(ctx.db, ctx.who.scope, inmateId);
  if (!person) throw notFound('reintegration');
  if (o.for && !mayReintegration(ctx.who, o.for)) throw forbidden();
  const c = await repo.findCase(ctx.db, ctx.who.scope, inmateId);
  return { person, case: c ?? null };
}
