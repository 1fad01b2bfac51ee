// Who may do what with the retention job. Everyone holding privacy.retention reads the runs and
// their own units' counts; only a national administrator (privacy.retention_run, national-only in
// app/policy.ts) starts a run by hand, because a run pseudonymises people of every unit at once and
// cannot be undone.
import { forbidden } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Principal } from '../../app/principal.ts';

export function retentionMay(who: Principal) {
  return { run: can(who, 'privacy.retention_run') };
}

/** Refuses (403) anyone but a national administrator. */
export function mayRunNow(who: Principal): void {
  if (!retentionMay(who).run) throw forbidden();
}
