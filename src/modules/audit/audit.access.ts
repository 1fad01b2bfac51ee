// Who reads what in the audit log. Offices above the units (kanwil, pusat) read counts per unit and
// action, never records: the log would otherwise show them people they may not see elsewhere.
// Everyone else reads records, with the personal fields of entities they may not read redacted.
import { can } from '../../app/policy.ts';
import type { Role } from '../../db/schema.ts';
import { type PersonalState, presentRecord } from './audit.personal.ts';

export type AuditView = 'records' | 'counts';

const OFFICE_ROLES: readonly Role[] = ['kanwil', 'pusat'];

/** 'records' when a unit-level role grants the audit log, 'counts' when only an office role does. */
export function auditViewOf(roles: readonly Role[]): AuditView | null {
  if (!can(roles, 'audit.view')) return null;
  return roles.some((r) => !OFFICE_ROLES.includes(r) && can([r], 'audit.view')) ? 'records' : 'counts';
}

export interface ListedRecord {
  entity: string;
  before: unknown;
  after: unknown;
  personal_id: string | null;
  personal_before: unknown;
  personal_after: unknown;
  personal_erased_at: Date | null;
}

/** One record as this viewer may see it; the only path from the repo to a page or the API. */
export function recordFor<R extends ListedRecord>(
  roles: readonly Role[],
  r: R,
): Omit<R, 'personal_id' | 'personal_before' | 'personal_after' | 'personal_erased_at'> & {
  personal: PersonalState;
} {
  const { personal_id, personal_before, personal_after, personal_erased_at, ...rest } = r;
  const shown = presentRecord(
    {
      entity: r.entity,
      before: r.before,
      after: r.after,
      personal:
        personal_id === null
          ? null
          : { before: personal_before, after: personal_after, erased: personal_erased_at !== null },
    },
    (p) => can(roles, p),
  );
  return { ...rest, before: shown.before, after: shown.after, personal: shown.personal };
}
