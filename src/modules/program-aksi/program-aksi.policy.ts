// The Program Aksi list is national reference data: the same for every unit, so only a national
// administrator (or the system, seeding the list) changes it; everyone who reads agreements reads it.
import { forbidden } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { isSystem, type Principal } from '../../app/principal.ts';

/** Whether this principal may add to or change the Program Aksi list. */
export function mayManageProgramAksi(who: Principal): boolean {
  return can(who, 'reference.manage') || isSystem(who);
}

/** Throws 403 unless the principal may change the list. */
export function manageProgramAksi(who: Principal): void {
  if (!mayManageProgramAksi(who)) throw forbidden();
}
