// /api/v1/job-offers: one offer, add and change offers, its matched candidates, its applications,
// putting a person forward and recording a status change (the list is declared with its page).
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { jobOffer } from './job-offers.policy.ts';
import {
  ApplicationBody,
  ApplicationOut,
  ApplicationParams,
  CandidateOut,
  OfferBody,
  OfferOut,
  StatusBody,
} from './job-offers.schema.ts';
import * as service from './job-offers.service.ts';

const view = { permission: 'jobs.view' as const };
const manage = { permission: 'jobs.manage' as const };
const tags = ['job-offers'];

async function applicationOut(ctx: Ctx, offerId: string, id: string) {
  const all = await service.applicationsOf(ctx, offerId);
  const a = all.find((x) => x.id === id);
  if (!a) throw new Error('the application just written is not visible');
  return toOut(a);
}

function toOut(a: Awaited<ReturnType<typeof service.applicationsOf>>[number]) {
  return {
    id: a.id,
    offer_id: a.offer_id,
    inmate_id: a.inmate_id,
    name: a.name,
    status: a.status,
    applied_on: a.applied_on,
    status_on: a.status_on,
    note: a.note,
    cv_consent: Boolean(a.cv_consent),
    events: a.events,
  };
}

export async function jobOffersApi(app: App) {
  app.get(
    '/api/v1/job-offers/:id',
    {
      config: view,
      schema: { tags, summary: 'One job offer', params: IdParams, response: { 200: OfferOut } },
    },
    async (req) => jobOffer(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/job-offers',
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a job offer for a partner's position",
        body: OfferBody,
        response: { 201: OfferOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createOffer(ctx, req.body);
      return reply.code(201).send(await jobOffer(ctx, id));
    },
  );

  app.put(
    '/api/v1/job-offers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a job offer (close it with status closed)',
        params: IdParams,
        body: OfferBody,
        response: { 200: OfferOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.updateOffer(ctx, req.params.id, req.body);
      return jobOffer(ctx, req.params.id);
    },
  );

  app.get(
    '/api/v1/job-offers/:id/candidates',
    {
      config: view,
      schema: {
        tags,
        summary:
          "People whose completed programmes or competent units match the offer (a partner's instructor: only those who consented to share their CV)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CandidateOut) }) },
      },
    },
    async (req) => ({ items: await service.candidates(ctxOf(req), req.params.id) }),
  );

  app.get(
    '/api/v1/job-offers/:id/applications',
    {
      config: view,
      schema: {
        tags,
        summary: 'Applications to the offer with their status history',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ApplicationOut) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await jobOffer(ctx, req.params.id);
      return { items: (await service.applicationsOf(ctx, req.params.id)).map(toOut) };
    },
  );

  app.post(
    '/api/v1/job-offers/:id/applications',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Put a person forward (409 when they have not consented to share their CV)',
        params: IdParams,
        body: ApplicationBody,
        response: { 201: ApplicationOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.apply(ctx, req.params.id, req.body);
      return reply.code(201).send(await applicationOut(ctx, req.params.id, id));
    },
  );

  app.post(
    '/api/v1/job-offers/:id/applications/:applicationId/status',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record the next status of an application (wawancara, diterima, ditolak, mundur) on a day',
        params: ApplicationParams,
        body: StatusBody,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.changeStatus(ctx, req.params.id, req.params.applicationId, req.body);
      return applicationOut(ctx, req.params.id, req.params.applicationId);
    },
  );
}
