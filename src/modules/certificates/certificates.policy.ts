// What the completion and certificate pages offer a principal, so the views do not repeat the
// rules: completing and issuing, changing the programme's completion rule (whoever manages the
// programme), and revoking a certificate that is still valid. Which certificates and programmes
// they may see at all is the scope's business (the repo and programmes.policy).
import { can } from '../../app/policy.ts';
import type { Principal } from '../../app/principal.ts';
import { programmeMay } from '../programmes/programmes.policy.ts';

/** The completion page: the issue buttons, and the rule's form instead of its value. */
export function completionMay(who: Principal) {
  return { issue: can(who, 'certificates.issue'), setRule: programmeMay(who).manage };
}
export type CompletionMay = ReturnType<typeof completionMay>;

/** A certificate's page: only a valid certificate may be revoked, by those with the right. */
export function certificateMay(who: Principal, c: { status: 'valid' | 'revoked' }) {
  return { revoke: c.status === 'valid' && can(who, 'certificates.revoke') };
}
export type CertificateMay = ReturnType<typeof certificateMay>;
