// The CV a partner's instructor opens from an application: this module's policy first (the offer
// and the application in their scope, the person's consent live today), then the CV module's
// `cvForPartner`, which checks the consent again, audits the disclosure and logs the access.
import type { Ctx } from '../../app/principal.ts';
import { cvForPartner } from '../cv/cv.service.ts';
import { applicationCv } from './job-offers.policy.ts';

export async function offerCv(ctx: Ctx, offerId: string, applicationId: string) {
  const { application } = await applicationCv(ctx, offerId, applicationId);
  const file = await cvForPartner(ctx, application.id);
  return { body: file.pdf, filename: file.filename };
}
