// Pages of job offers: the list (/job-offers, with its /api/v1/job-offers twin), the add/edit form,
// an offer's page with candidates and applications, the application and status forms, and the CV
// link a partner's instructor follows (only while the person's consent to share it is live).

import type { Static } from 'typebox';
import { contentDisposition } from '../../app/downloads.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, setFlash } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { offerCv } from './job-offers.cv.ts';
import { consentOnly, jobOffer, mayJobs, type OfferRow } from './job-offers.policy.ts';
import { competencyLines } from './job-offers.rules.ts';
import {
  ApplicationBody,
  ApplicationParams,
  OfferForm,
  OfferListQuery,
  OfferOut,
  StatusBody,
} from './job-offers.schema.ts';
import * as service from './job-offers.service.ts';
import { OfferFormPage, OfferListPage, OfferPage } from './job-offers.views.tsx';

const view = { permission: 'jobs.view' as const };
const manage = { permission: 'jobs.manage' as const };

function inputFromForm(v: Static<typeof OfferForm>): service.OfferInput {
  return { ...v, competencies: competencyLines(v.competencies) };
}

function formOf(o: OfferRow): FormState {
  return emptyForm({
    ...o,
    home_based: o.home_based ? 'true' : '',
    pay_from: o.pay_from ?? '',
    pay_to: o.pay_to ?? '',
    pay_basis: o.pay_basis ?? '',
    skill_area: o.skill_area ?? '',
    competencies: o.competencies.join('\n'),
  });
}

export async function jobOffersRoutes(app: App) {
  const formPage = async (req: FastifyRequest, form: FormState, offerId?: string) =>
    renderPage(
      OfferFormPage({ ctx: viewCtx(req), form, partners: await partnerOptions(ctxOf(req)), offerId }),
    );

  const offerPage = async (
    req: FastifyRequest,
    id: string,
    statusForm?: { applicationId: string; form: FormState },
  ) => {
    const ctx = ctxOf(req);
    const offer = await jobOffer(ctx, id);
    const [candidates, applications] = await Promise.all([
      service.candidates(ctx, id),
      service.applicationsOf(ctx, id),
    ]);
    return renderPage(
      OfferPage({
        ctx: viewCtx(req),
        data: {
          offer,
          candidates,
          applications: applications.map((a) => ({ ...a, cv_consent: Boolean(a.cv_consent) })),
          partnerView: consentOnly(ctx.who),
          canManage: mayJobs(ctx.who, 'manage'),
          today: today(ctx),
          statusForm,
        },
      }),
    );
  };

  listRoute(app, {
    path: '/job-offers',
    permission: view.permission,
    query: OfferListQuery,
    load: (ctx, q, page) => service.listOffers(ctx, { q: q.q, status: q.status, page }),
    view: (list, ctx) => OfferListPage({ ...list, canManage: mayJobs(ctx.who, 'manage') }),
    api: {
      path: '/api/v1/job-offers',
      tags: ['job-offers'],
      summary: 'Job offers in your scope (a partner instructor: their own partner only)',
      item: OfferOut,
    },
  });

  formRoute(app, {
    path: '/job-offers/new',
    post: '/job-offers',
    permission: manage.permission,
    body: OfferForm,
    page: (req, _p, form) => {
      const day = today(ctxOf(req));
      return formPage(
        req,
        form ?? emptyForm({ opens_on: day, closes_on: day, partner_id: ctxOf(req).who.partnerId ?? '' }),
      );
    },
    action: (req, _p, body) => service.createOffer(ctxOf(req), inputFromForm(body)),
    flash: 'jobOffers.created',
    redirect: (_p, id) => `/job-offers/${id}`,
  });

  app.get('/job-offers/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await offerPage(req, req.params.id)),
  );

  formRoute(app, {
    path: '/job-offers/:id/edit',
    post: '/job-offers/:id',
    permission: manage.permission,
    params: IdParams,
    body: OfferForm,
    page: async (req, params, form) => {
      const o = await jobOffer(ctxOf(req), params.id, { for: 'manage' });
      return formPage(req, form ?? formOf(o), o.id);
    },
    action: async (req, params, body) => {
      await service.updateOffer(ctxOf(req), params.id, inputFromForm(body));
      return params.id;
    },
    flash: 'common.saved',
    redirect: (_p, id) => `/job-offers/${id}`,
  });

  // Putting a candidate forward: a refusal without consent is a 409 page saying why.
  app.post(
    '/job-offers/:id/applications',
    { config: manage, schema: { params: IdParams, body: ApplicationBody } },
    async (req, reply) => {
      await service.apply(ctxOf(req), req.params.id, req.body);
      setFlash(reply, 'jobOffers.applied');
      return reply.redirect(`/job-offers/${req.params.id}`, 303);
    },
  );

  app.post(
    '/job-offers/:id/applications/:applicationId/status',
    { config: manage, schema: { params: ApplicationParams, body: StatusBody }, attachValidation: true },
    async (req, reply) => {
      const { id, applicationId } = req.params;
      return submitForm(req, reply, {
        render: (form) =>
          offerPage(req, id, {
            applicationId,
            form: { ...form, idPrefix: `s${applicationId.slice(0, 8)}-` },
          }),
        action: () => service.changeStatus(ctxOf(req), id, applicationId, req.body),
        flash: 'jobOffers.statusChanged',
        redirect: () => `/job-offers/${id}`,
      });
    },
  );

  app.get(
    '/job-offers/:id/applications/:applicationId/cv.pdf',
    { config: view, schema: { params: ApplicationParams } },
    async (req, reply) => {
      const pdf = await offerCv(ctxOf(req), req.params.id, req.params.applicationId);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', contentDisposition('inline', pdf.filename))
        .send(pdf.body);
    },
  );
}
