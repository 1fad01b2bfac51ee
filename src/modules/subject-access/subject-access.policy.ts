// Who may export everything held about a person: the person must be within the principal's units
// (else 404, not theirs to know of), and the principal must hold privacy.subject_export (the Kepala
// UPT and administrators; else 403). Petugas, Kanwil and Ditjenpas never get it.
import { forbidden } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem } from '../../app/principal.ts';
import { inmate } from '../inmates/inmates.policy.ts';

export async function subject(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string) {
  const row = await inmate(ctx, inmateId);
  // The system itself too: a script answering a request from the command line.
  if (!can(ctx.who, 'privacy.subject_export') && !isSystem(ctx.who)) throw forbidden();
  return row;
}
