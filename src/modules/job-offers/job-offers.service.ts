// Job offers of partners and other employers, the people whose training matches them, and their
// applications (diajukan, wawancara, diterima, ditolak, mundur) with each change's date.
import {
  AppError,
  conflict,
  type FieldError,
  fieldError,
  invalid,
  isUniqueViolation,
} from '../../app/errors.ts';
import { compareNames } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { ApplicationStatus, PayBasis } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { partner } from '../partners/partners.policy.ts';
import { hasConsent } from '../reintegration/reintegration.consents.ts';
import { consentOnly, jobApplication, jobOffer } from './job-offers.policy.ts';
import * as repo from './job-offers.repo.ts';
import { matchTraining, transitionProblem } from './job-offers.rules.ts';

export function listOffers(ctx: Pick<Ctx, 'db' | 'who'>, f: Parameters<typeof repo.listOffers>[2]) {
  return repo.listOffers(ctx.db, ctx.who.scope, f);
}

export interface OfferInput {
  partner_id: string;
  position: string;
  place: string;
  home_based?: boolean | undefined;
  pay_from?: number | undefined;
  pay_to?: number | undefined;
  pay_basis?: PayBasis | undefined;
  requirements?: string | undefined;
  skill_area?: string | undefined;
  competencies?: string[] | undefined;
  opens_on: string;
  closes_on: string;
  status?: 'open' | 'closed' | undefined;
}

function offerProblems(input: OfferInput): FieldError[] {
  const out: FieldError[] = [];
  if (input.closes_on < input.opens_on) out.push({ field: 'closes_on', key: 'jobOffers.closesBeforeOpens' });
  if (input.pay_from !== undefined && input.pay_to !== undefined && input.pay_to < input.pay_from)
    out.push({ field: 'pay_to', key: 'jobOffers.payOrder' });
  if ((input.pay_from !== undefined || input.pay_to !== undefined) && !input.pay_basis)
    out.push({ field: 'pay_basis', key: 'jobOffers.payBasisRequired' });
  if (!input.position.trim()) out.push({ field: 'position', key: 'err.required' });
  return out;
}

/** The partner the offer is for: within the principal's scope (an instructor: their own), else a field error. */
async function partnerFor(ctx: Ctx, id: string) {
  try {
    return await partner(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.status === 404)
      throw fieldError('partner_id', 'jobOffers.partnerUnknown');
    throw err;
  }
}

function values(input: OfferInput): repo.OfferValues {
  return {
    partner_id: input.partner_id,
    position: input.position.trim(),
    place: input.place.trim(),
    home_based: input.home_based ?? false,
    pay_from: input.pay_from ?? null,
    pay_to: input.pay_to ?? null,
    pay_basis: input.pay_basis ?? null,
    requirements: input.requirements?.trim() ?? '',
    skill_area: input.skill_area?.trim() || null,
    competencies: input.competencies ?? [],
    opens_on: input.opens_on,
    closes_on: input.closes_on,
    status: input.status ?? 'open',
  };
}

export async function createOffer(ctx: Ctx, input: OfferInput): Promise<string> {
  const problems = offerProblems(input);
  if (problems.length) throw invalid(problems);
  const p = await partnerFor(ctx, input.partner_id);
  return ctx.db.transaction().execute(async (trx) => {
    const v = { ...values(input), unit_id: p.unit_id, created_by: ctx.who.actor.userId };
    const id = await repo.insertOffer(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'job_offers.create',
      entity: 'job_offer',
      entityId: id,
      unitId: p.unit_id,
      after: v,
    });
    return id;
  });
}

export async function updateOffer(ctx: Ctx, id: string, input: OfferInput): Promise<void> {
  const problems = offerProblems(input);
  if (problems.length) throw invalid(problems);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await jobOffer(withDb(ctx, trx), id, { for: 'manage' });
    const p = await partnerFor(withDb(ctx, trx), input.partner_id);
    // An offer stays in its unit: its applications are that unit's people.
    if (p.unit_id !== before.unit_id) throw fieldError('partner_id', 'jobOffers.partnerUnknown');
    const v = values(input);
    await repo.updateOffer(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'job_offers.update',
      entity: 'job_offer',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: v,
    });
  });
}

export interface Candidate {
  inmate_id: string;
  name: string;
  status: string;
  cv_consent: boolean;
  skill_area: boolean;
  competencies: string[];
  programmes: string[];
  score: number;
  application_status: ApplicationStatus | null;
}

/**
 * The people whose training matches the offer, best first: the unit's staff see everyone with a
 * consent badge; a partner's instructor sees only people whose CV consent is live.
 */
export async function candidates(ctx: Ctx, offerId: string): Promise<Candidate[]> {
  const offer = await jobOffer(ctx, offerId);
  const day = today(ctx);
  const [t, applied] = await Promise.all([
    repo.trainingOfUnit(ctx.db, ctx.who.scope, offer.unit_id, day),
    repo.applicationStatuses(ctx.db, offer.id),
  ]);
  const only = consentOnly(ctx.who);
  const out: Candidate[] = [];
  for (const person of t.inmates) {
    if (only && !person.cv_consent) continue;
    const programmes = t.programmes.filter((p) => p.inmate_id === person.id);
    const m = matchTraining(offer, {
      skillAreas: programmes.flatMap((p) => (p.skill_area ? [p.skill_area] : [])),
      units: t.units.filter((u) => u.inmate_id === person.id),
    });
    if (m.score === 0) continue;
    out.push({
      inmate_id: person.id,
      name: person.name,
      status: person.status,
      cv_consent: Boolean(person.cv_consent),
      skill_area: m.skillArea,
      competencies: m.competencies,
      programmes: [...new Set(programmes.map((p) => p.name))],
      score: m.score,
      application_status: applied.get(person.id) ?? null,
    });
  }
  return out.sort((a, b) => b.score - a.score || compareNames(a.name, b.name));
}

export function applicationsOf(ctx: Ctx, offerId: string) {
  return repo.applicationsOfOffer(ctx.db, ctx.who.scope, offerId, {
    day: today(ctx),
    consentOnly: consentOnly(ctx.who),
  });
}

/**
 * Puts a person forward for an offer. Refused (409, nothing written) when the person has no live
 * consent to share their CV with employers, or the offer is closed.
 */
export async function apply(
  ctx: Ctx,
  offerId: string,
  input: { inmate_id: string; applied_on?: string | undefined; note?: string | undefined },
): Promise<string> {
  const day = today(ctx);
  const applied_on = input.applied_on ?? day;
  if (applied_on > day) throw fieldError('applied_on', 'jobOffers.dateFuture');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const offer = await jobOffer(withDb(ctx, trx), offerId, { for: 'manage' });
      if (offer.status !== 'open' || applied_on > offer.closes_on)
        throw conflict('job_offers.closed', 'jobOffers.closed');
      if (applied_on < offer.opens_on) throw fieldError('applied_on', 'jobOffers.beforeOpens');
      const person = await repo.applicant(trx, ctx.who.scope, offer.unit_id, input.inmate_id, day);
      if (!person) throw fieldError('inmate_id', 'jobOffers.personUnknown');
      if (!(await hasConsent(trx, person.id, 'cv_sharing')))
        throw conflict('job_offers.no_consent', 'jobOffers.noConsent', { name: person.name });
      const v = {
        offer_id: offer.id,
        inmate_id: person.id,
        unit_id: offer.unit_id,
        partner_id: offer.partner_id,
        applied_on,
        note: input.note?.trim() || null,
        created_by: ctx.who.actor.userId,
      };
      const id = await repo.insertApplication(trx, v);
      await repo.insertEvent(trx, {
        application_id: id,
        status: 'diajukan',
        on_date: applied_on,
        note: v.note,
        recorded_by: ctx.who.actor.userId,
      });
      await recordAudit(trx, ctx.who.actor, {
        action: 'job_applications.create',
        entity: 'job_application',
        entityId: id,
        unitId: offer.unit_id,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'job_applications_once'))
      throw conflict('job_offers.already_applied', 'jobOffers.alreadyApplied');
    throw err;
  }
}

const PROBLEM_KEYS = {
  same: 'jobOffers.statusSame',
  not_allowed: 'jobOffers.statusNotAllowed',
  future: 'jobOffers.dateFuture',
  before_last: 'jobOffers.dateBeforeLast',
} as const;

/** Moves an application to its next status on a day (interview, hired, refused, withdrew). */
export async function changeStatus(
  ctx: Ctx,
  offerId: string,
  applicationId: string,
  input: { status: ApplicationStatus; on_date?: string | undefined; note?: string | undefined },
): Promise<void> {
  const day = today(ctx);
  const on_date = input.on_date ?? day;
  await ctx.db.transaction().execute(async (trx) => {
    const { application } = await jobApplication(withDb(ctx, trx), offerId, applicationId, { for: 'manage' });
    const current = await repo.lockApplication(trx, application.id);
    const problem = transitionProblem(current, { status: input.status, on_date }, day);
    if (problem === 'future' || problem === 'before_last')
      throw fieldError('on_date', PROBLEM_KEYS[problem], { day: current.status_on });
    if (problem) throw fieldError('status', PROBLEM_KEYS[problem]);
    const note = input.note?.trim() || null;
    await repo.setApplicationStatus(trx, application.id, { status: input.status, status_on: on_date });
    await repo.insertEvent(trx, {
      application_id: application.id,
      status: input.status,
      on_date,
      note,
      recorded_by: ctx.who.actor.userId,
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'job_applications.status',
      entity: 'job_application',
      entityId: application.id,
      unitId: application.unit_id,
      before: { status: current.status, status_on: current.status_on },
      after: { status: input.status, status_on: on_date, note },
    });
  });
}
