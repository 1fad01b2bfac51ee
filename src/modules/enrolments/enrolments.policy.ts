// Who may do what with a programme's places. The record rule is the programme's (programmes.policy:
// a place is seen with its programme); this says what the participants page offers.
import { can } from '../../app/policy.ts';
import type { Principal } from '../../app/principal.ts';

/** manage: enrol a pemagang or petugas and change a participant's status. */
export function enrolmentsMay(who: Principal) {
  return { manage: can(who, 'selection.manage') };
}

export type EnrolmentsMay = ReturnType<typeof enrolmentsMay>;
