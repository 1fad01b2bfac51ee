// Who may see an intake and its candidates: an intake is seen with its programme (programmes.policy),
// so a programme outside the principal's scope hides its intakes too. The pages ask `selectionMay`
// what to offer instead of repeating the rules.
import { AppError, conflict, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Ctx, Principal } from '../../app/principal.ts';
import type { IntakeStatus } from '../../db/schema.ts';
import { programme } from '../programmes/programmes.policy.ts';
import * as repo from './selection.repo.ts';

/** The intake (locked for a write when asked) and its programme, or 404 intakes.not_found. */
export async function intake(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { lock?: boolean } = {}) {
  const found = await repo.findIntake(ctx.db, id, { lock: o.lock === true });
  if (!found) throw notFound('intakes');
  const p = await programme(ctx, found.programme_id).catch((err: unknown) => {
    throw err instanceof AppError ? notFound('intakes') : err;
  });
  return { intake: found, programme: p };
}

/** A candidate of the intake (locked), or 404: intakes.not_found, intake_candidates.not_found. */
export async function candidate(ctx: Pick<Ctx, 'db' | 'who'>, intakeId: string, candidateId: string) {
  const found = await intake(ctx, intakeId, { lock: true });
  const c = await repo.findCandidate(ctx.db, candidateId);
  if (!c || c.intake_id !== intakeId) throw notFound('intake_candidates');
  return { ...found, candidate: c };
}

/** A closed intake is read-only: nothing about it changes any more. */
export function notClosed(intake: { status: IntakeStatus }): void {
  if (intake.status === 'closed') throw conflict('intakes.closed', 'selection.intakeClosed');
}

/** What the intake pages offer: changing an intake (candidates, scores, consent, TPP), approving it. */
export function selectionMay(who: Principal) {
  return { manage: can(who, 'selection.manage'), approve: can(who, 'selection.approve') };
}

export type SelectionMay = ReturnType<typeof selectionMay>;
