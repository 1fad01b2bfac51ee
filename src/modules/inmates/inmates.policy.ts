// Who may do what to one person in the register: the record within the principal's units (another
// unit's person is not found), then what they want to do with it. The pages ask `inmateMay` what to
// offer instead of repeating these rules.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import * as repo from './inmates.repo.ts';

export type { InmateRow } from './inmates.repo.ts';

/** view: read the record; manage: change it, its status, its Register F and its tanggal ekspirasi. */
export type InmateUse = 'view' | 'manage';

/** Unit staff with the right, and the system itself (seeding, the SDP import). */
function mayManage(who: Principal): boolean {
  return can(who, 'inmates.manage') || isSystem(who);
}

/**
 * The person's register row (with the NIK: the service masks it before it leaves), or 404 when
 * they are held outside the principal's units, or 403 when the record may be seen but not changed.
 */
export async function inmate(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: InmateUse } = {}) {
  const row = await repo.findInmate(ctx.db, ctx.who.scope, id);
  if (!row) throw notFound('inmates');
  if (o.for === 'manage' && !mayManage(ctx.who)) throw forbidden();
  return row;
}

/** The same row with the records the person's page lists (one statement); 404 outside the scope. */
export async function inmateWithRecords(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const row = await repo.findInmateWithRecords(ctx.db, ctx.who.scope, id);
  if (!row) throw notFound('inmates');
  return row;
}

/** The unit a new person is registered in: the one asked for, else the principal's own, if in scope. */
export function mayRegisterIn(who: Principal, unitId: string | null | undefined): unitId is string {
  return !!unitId && inScope(who.scope, unitId);
}

/** What the register pages offer: changing a record (edit, status, Register F, ekspirasi, adding). */
export function inmateMay(who: Principal) {
  return { manage: can(who, 'inmates.manage') };
}

export type InmateMay = ReturnType<typeof inmateMay>;
