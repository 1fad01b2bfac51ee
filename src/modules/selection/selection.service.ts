// Assessment and selection for a programme: an intake proposes candidates from the register by the
// programme's rules and scores them (here); consent, the TPP's decision, the Kepala UPT's approval
// and enrolment follow in selection.decision.ts.
import { AppError, conflict, fieldError, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { Criterion, Eligibility, IntakeStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { categoryOf } from '../inmates/inmates.rules.ts';
import { activeWithRegisterF, getInmate } from '../inmates/inmates.service.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import {
  checkEligibility,
  type EligibilityInmate,
  type EligibilityResult,
  type PlaceStatus,
  placeReason,
} from './eligibility.rules.ts';
import { checkCriteria, DEFAULT_CRITERIA } from './selection.criteria.ts';
import { candidate as candidateInScope, intake as intakeInScope, notClosed } from './selection.policy.ts';
import * as repo from './selection.repo.ts';

export { checkCriteria, criterionKey, DEFAULT_CRITERIA } from './selection.criteria.ts';
export {
  approveTpp,
  enrolCandidate,
  recordConsent,
  recordTpp,
  type TppInput,
  withdrawConsent,
} from './selection.decision.ts';

export async function openIntake(
  ctx: Ctx,
  programmeId: string,
  input: { opened_on: string; criteria?: Criterion[] | undefined },
): Promise<string> {
  const criteria = input.criteria?.length ? checkCriteria(input.criteria) : [...DEFAULT_CRITERIA];
  return ctx.db.transaction().execute(async (trx) => {
    const p = await programmePolicy(withDb(ctx, trx), programmeId);
    const v = { programme_id: p.id, opened_on: input.opened_on, criteria, created_by: ctx.who.actor.userId };
    const id = await repo.insertIntake(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'intakes.create',
      entity: 'intake',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
}

/** A programme's intakes, newest first (programmes.not_found outside the principal's scope). */
export const intakesOf = async (ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string) => {
  await programmePolicy(ctx, programmeId);
  return repo.intakesOf(ctx.db, programmeId);
};

/** The intakes of the programmes in the principal's scope, for the intake list page. */
export async function listIntakes(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: { status?: IntakeStatus | undefined; programmeId?: string | undefined; page: number },
) {
  const [list, programmes] = await Promise.all([
    repo.listIntakes(ctx.db, ctx.who.scope, f),
    repo.programmesWithIntakes(ctx.db, ctx.who.scope),
  ]);
  return { ...list, programmes };
}

/** TPP decisions waiting for the Kepala UPT's approval, oldest first (the approvals inbox). */
export async function tppAwaitingApproval(ctx: Pick<Ctx, 'db' | 'who'>) {
  const rows = await repo.tppAwaitingApproval(ctx.db, ctx.who.scope);
  return rows.map((r) => ({ ...r, accepted: Number(r.accepted ?? 0) }));
}

const notOpen = () => conflict('intakes.not_open', 'selection.intakeNotOpen');

/**
 * Closes an intake: once the TPP has decided it is completed, while still open it is cancelled;
 * either way with a reason. A closed intake is read-only.
 */
export async function closeIntake(ctx: Ctx, id: string, input: { reason: string }): Promise<void> {
  const actor = ctx.who.actor;
  const reason = input.reason.trim();
  if (reason.length < 3) throw fieldError('reason', 'err.required');
  await ctx.db.transaction().execute(async (trx) => {
    const { intake, programme } = await intakeInScope(withDb(ctx, trx), id, { lock: true });
    notClosed(intake);
    const v = {
      closed_as: intake.status === 'open' ? ('cancelled' as const) : ('completed' as const),
      close_reason: reason,
      closed_by: actor.userId,
      closed_at: new Date(),
    };
    await repo.closeIntake(trx, id, v);
    await recordAudit(trx, actor, {
      action: v.closed_as === 'cancelled' ? 'intakes.cancel' : 'intakes.close',
      entity: 'intake',
      entityId: id,
      unitId: programme.unit_id,
      before: { status: intake.status },
      after: { status: 'closed', ...v },
    });
  });
}

function asRulesInmate(r: Awaited<ReturnType<typeof activeWithRegisterF>>[number]): EligibilityInmate {
  return { ...r, register_f: (r.register_f_dates ?? []).map((d) => ({ entry_date: d })) };
}

/** The programme's rules, and not one who holds a place in it or has completed it (placeReason). */
function eligibleFor(
  rules: Eligibility,
  inmate: EligibilityInmate,
  place: PlaceStatus | null,
  day: string,
): EligibilityResult {
  const result = checkEligibility(rules, inmate, day);
  const held = placeReason(place);
  if (!held) return result;
  return { eligible: false, reasons: [held, ...(result.eligible ? [] : result.reasons)] };
}

/** The intake page: its candidates ranked, the TPP session, and everyone else active in the unit with why not. */
export async function intakeDetail(ctx: Ctx, id: string, on?: string) {
  const { intake, programme } = await intakeInScope(ctx, id);
  const day = on ?? today(ctx, programme.timezone);
  const [candidates, tpp, pool, places] = await Promise.all([
    repo.candidatesOf(ctx.db, id),
    repo.tppOf(ctx.db, id),
    activeWithRegisterF(ctx, programme.unit_id),
    repo.placesInProgramme(ctx.db, programme.id),
  ]);
  const taken = new Set(candidates.map((c) => c.inmate_id));
  const proposals = pool
    .filter((r) => !taken.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      reg_number: r.reg_number,
      category: categoryOf(r.register_class),
      result: eligibleFor(programme.eligibility, asRulesInmate(r), places.get(r.id) ?? null, day),
    }));
  const ranked = candidates.map(({ place, ...c }, i) => ({
    ...c,
    rank: i + 1,
    total: Number(c.total),
    place: place ?? null,
    enrolled: place === 'active' || place === 'suspended',
    category: categoryOf(c.register_class),
  }));
  return { intake, programme, candidates: ranked, tpp: tpp ?? null, proposals };
}

/** Adds a candidate from the register; one who does not meet the programme's rules is refused with why. */
export async function addCandidate(
  ctx: Ctx,
  intakeId: string,
  input: { inmate_id: string },
  on?: string,
): Promise<string> {
  const actor = ctx.who.actor;
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const { intake, programme } = await intakeInScope(tx, intakeId, { lock: true });
    const day = on ?? today(ctx, programme.timezone);
    if (intake.status !== 'open') throw notOpen();
    const inmate = await getInmate(tx, input.inmate_id).catch((err: unknown) => {
      throw err instanceof AppError ? fieldError('inmate_id', 'err.notFound') : err;
    });
    if (inmate.unit_id !== programme.unit_id) throw fieldError('inmate_id', 'err.notFound');
    const pool = await activeWithRegisterF(tx, programme.unit_id);
    const row = pool.find((r) => r.id === inmate.id);
    const place = await repo.placeInProgramme(trx, programme.id, inmate.id);
    const result = row
      ? eligibleFor(programme.eligibility, asRulesInmate(row), place, day)
      : { eligible: false as const, reasons: [{ key: 'selection.reason.not_active' }] };
    if (!result.eligible)
      throw conflict('intakes.not_eligible', 'selection.notEligible', {
        reasons: result.reasons.map((r) => r.key).join(','),
      });
    try {
      const id = await repo.insertCandidate(trx, intakeId, inmate.id);
      await recordAudit(trx, actor, {
        action: 'intakes.add_candidate',
        entity: 'intake_candidate',
        entityId: id,
        unitId: programme.unit_id,
        after: { intake_id: intakeId, inmate_id: inmate.id },
      });
      return id;
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('inmate_id', 'selection.alreadyCandidate');
      throw err;
    }
  });
}

/** Scores one candidate on each of the intake's criteria (0 to the criterion's maximum). */
export async function scoreCandidate(
  ctx: Ctx,
  ids: { intakeId: string; candidateId: string },
  scores: Record<string, number>,
): Promise<void> {
  const actor = ctx.who.actor;
  await ctx.db.transaction().execute(async (trx) => {
    const { intake, programme, candidate } = await candidateInScope(
      withDb(ctx, trx),
      ids.intakeId,
      ids.candidateId,
    );
    if (intake.status !== 'open') throw notOpen();
    const clean: Record<string, number> = {};
    for (const c of intake.criteria) {
      const v = scores[c.key];
      if (v === undefined || !Number.isFinite(v) || v < 0 || v > c.max)
        throw fieldError(`scores.${c.key}`, 'selection.scoreRange', { label: c.label, max: c.max });
      clean[c.key] = v;
    }
    const total = Object.values(clean).reduce((a, b) => a + b, 0);
    await repo.setScores(trx, candidate.id, clean, total);
    await recordAudit(trx, actor, {
      action: 'intakes.score',
      entity: 'intake_candidate',
      entityId: candidate.id,
      unitId: programme.unit_id,
      before: { scores: candidate.scores },
      after: { scores: clean, total },
    });
  });
}
