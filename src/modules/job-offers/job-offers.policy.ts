// Who may do what to one job offer or application: the record within the principal's scope (a
// unit's offers; for a partner instructor only their own partner's, and of the applications only
// those of people whose CV consent is live), then what they want to do with it.
import { conflict, forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, type Principal, today } from '../../app/principal.ts';
import { scopePartner } from '../../app/scope.ts';
import * as repo from './job-offers.repo.ts';

export type { ApplicationRow, OfferRow } from './job-offers.repo.ts';

/** view: read it and its candidates; manage: change it, add and move applications. */
export type JobUse = 'view' | 'manage';

export function mayJobs(who: Principal, use: JobUse): boolean {
  return can(who, use === 'manage' ? 'jobs.manage' : 'jobs.view');
}

/**
 * Whether the principal is a partner's instructor: they see only people who consented to share
 * their CV (UU 27/2022: an employer learns of a person only with that person's consent).
 */
export function consentOnly(who: Principal): boolean {
  return scopePartner(who.scope) !== undefined;
}

/** The offer, or 404 outside the principal's scope, or 403 when theirs to see but not to manage. */
export async function jobOffer(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: JobUse } = {}) {
  const offer = await repo.findOffer(ctx.db, ctx.who.scope, id);
  if (!offer) throw notFound('job_offers');
  if (o.for === 'manage' && !mayJobs(ctx.who, 'manage')) throw forbidden();
  return offer;
}

/** One application of an offer, as `jobOffer` decides it (404 also when of another offer). */
export async function jobApplication(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  offerId: string,
  id: string,
  o: { for?: JobUse } = {},
) {
  const offer = await jobOffer(ctx, offerId, o);
  const a = await repo.findApplication(ctx.db, ctx.who.scope, id, {
    day: today(ctx),
    consentOnly: consentOnly(ctx.who),
  });
  if (!a || a.offer_id !== offer.id) throw notFound('job_applications');
  return { offer, application: a };
}

/**
 * The application whose CV may be handed to the employer: only while the person's consent to share
 * it is live. For the partner's instructor a withdrawn consent hides the application itself (404);
 * staff are told why (409).
 */
export async function applicationCv(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, offerId: string, id: string) {
  const r = await jobApplication(ctx, offerId, id);
  if (!r.application.cv_consent) throw conflict('job_offers.no_cv_consent', 'jobOffers.noConsent');
  return r;
}
