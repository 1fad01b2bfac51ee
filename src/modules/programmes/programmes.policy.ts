// Who may do what to one programme: the record within the principal's scope (a unit's, and for a
// partner instructor only their own partner's), then what they want to do with it. The pages ask
// `programmeMay` what to offer instead of repeating these rules.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import * as repo from './programmes.repo.ts';

export type { ProgrammeRow } from './programmes.repo.ts';

/** view: read it and its sessions; manage: change it, its schedule, its intake and enrolments. */
export type ProgrammeUse = 'view' | 'manage';

/**
 * Who may change programmes, their schedules and sessions: unit staff with the right (never a
 * partner's instructor nor a read-only office), and the system itself when it seeds the demo.
 */
function mayManage(who: Principal): boolean {
  return can(who, 'programmes.manage') || isSystem(who);
}

/**
 * The programme, or 404 when it lies outside the principal's scope (another unit's, another
 * partner's: not theirs to know of), or 403 when it is theirs to see but not to change.
 */
export async function programme(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: ProgrammeUse } = {}) {
  const p = await repo.findProgramme(ctx.db, ctx.who.scope, id);
  if (!p) throw notFound('programmes');
  if (o.for === 'manage' && !mayManage(ctx.who)) throw forbidden();
  return p;
}

/** Whether a new programme may be placed in this unit: one of the units the principal sees. */
export function mayAddProgrammeIn(who: Principal, unitId: string | null | undefined): unitId is string {
  return !!unitId && inScope(who.scope, unitId);
}

/**
 * What the programme pages offer this principal: changing the programme (its schedules and
 * sessions), its intake, its enrolments and completion, and its attendance pages.
 */
export function programmeMay(who: Principal) {
  return {
    manage: can(who, 'programmes.manage'),
    intakes: can(who, 'selection.manage'),
    enrolments: can(who, 'selection.view'),
    attendance: can(who, 'attendance.view'),
  };
}

export type ProgrammeMay = ReturnType<typeof programmeMay>;
