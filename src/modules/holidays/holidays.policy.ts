// Who may change which holiday. National holidays and cuti bersama are national reference data:
// only a national administrator (or the system, seeding the calendar) changes them; a unit's staff
// change their own units' local holidays. The page asks `holidayMay` instead of repeating this.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import * as repo from './holidays.repo.ts';

/** National reference data: national administrators only (and the system when it seeds). */
export function mayEditNational(who: Principal): boolean {
  return can(who, 'reference.manage') || isSystem(who);
}

/** Whether a local holiday may be added to this unit: one of the units the principal sees. */
export function mayAddLocalIn(who: Principal, unitId: string | null | undefined): unitId is string {
  return !!unitId && inScope(who.scope, unitId);
}

/**
 * The holiday, to change or remove: 404 when it is another unit's local holiday (not theirs to
 * know of), 403 when it is a national one and they are not a national administrator.
 */
export async function holiday(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const h = await repo.findHoliday(ctx.db, id);
  if (!h || (h.unit_id !== null && !inScope(ctx.who.scope, h.unit_id))) throw notFound('holidays');
  if (h.unit_id === null && !mayEditNational(ctx.who)) throw forbidden();
  return h;
}

/** What the holiday page offers: the add form, the national choice, and which rows may be removed. */
export function holidayMay(who: Principal) {
  const manage = can(who, 'holidays.manage');
  const national = can(who, 'reference.manage');
  return {
    manage,
    national,
    edit: (h: { unit_id: string | null }) => manage && (h.unit_id !== null || national),
  };
}

export type HolidayMay = ReturnType<typeof holidayMay>;
