// Who may do what to one programme: the record within the principal's scope (a unit's, and for a
// partner instructor only their own partner's), then what they want to do with it.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Ctx } from '../../app/principal.ts';
import * as repo from './programmes.repo.ts';

export type { ProgrammeRow } from './programmes.repo.ts';

/** view: read it and its sessions; manage: change it, its schedule, its intake and enrolments. */
export type ProgrammeUse = 'view' | 'manage';

/**
 * The programme, or 404 when it lies outside the principal's scope (another unit's, another
 * partner's: not theirs to know of), or 403 when it is theirs to see but not to change.
 */
export async function programme(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: ProgrammeUse } = {}) {
  const p = await repo.findProgramme(ctx.db, ctx.who.scope, id);
  if (!p) throw notFound('programmes');
  if (o.for === 'manage' && !can(ctx.who, 'programmes.manage')) throw forbidden();
  return p;
}
