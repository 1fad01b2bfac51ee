// The inmate register's JSON API under /api/v1: the same operations as the pages. Responses carry
// only the masked NIK.
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import {
  ExpiryChangeBody,
  InmateBody,
  InmateDetailOut,
  InmateOut,
  RegisterFBody,
  StatusBody,
} from './inmates.schema.ts';
import * as service from './inmates.service.ts';

const view = { permission: 'inmates.view' as const };
const manage = { permission: 'inmates.manage' as const };
const tags = ['inmates'];

export async function inmatesApi(app: App) {
  const detail = async (req: FastifyRequest, id: string) => {
    const d = await service.inmateDetail(ctxOf(req), id);
    return {
      inmate: d.inmate,
      status_history: d.history,
      register_f: d.registerF,
      expiry_changes: d.expiryChanges.map((c) => ({ ...c, created_at: c.created_at.toISOString() })),
    };
  };

  // GET /api/v1/inmates is declared with the list page (inmates.routes.ts: listRoute).
  app.get(
    '/api/v1/inmates/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One inmate with status history and Register F',
        params: IdParams,
        response: { 200: InmateDetailOut },
      },
    },
    async (req) => {
      const d = await detail(req, req.params.id);
      await inmateViewed(app.db, req, req.params.id);
      return d;
    },
  );

  app.post(
    '/api/v1/inmates',
    {
      config: manage,
      schema: { tags, summary: 'Register an inmate', body: InmateBody, response: { 201: InmateOut } },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createInmate(ctx, req.body);
      return reply.code(201).send(await service.getInmate(ctx, id));
    },
  );

  app.put(
    '/api/v1/inmates/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace an inmate's details (status changes go through /status)",
        params: IdParams,
        body: InmateBody,
        response: { 200: InmateOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.updateInmate(ctx, req.params.id, req.body);
      return service.getInmate(ctx, req.params.id);
    },
  );

  app.post(
    '/api/v1/inmates/:id/status',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Release, transfer out or re-admit; recorded in the status history',
        params: IdParams,
        body: StatusBody,
        response: { 200: InmateDetailOut },
      },
    },
    async (req) => {
      await service.changeStatus(ctxOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/inmates/:id/register-f',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a disciplinary violation (Register F)',
        params: IdParams,
        body: RegisterFBody,
        response: { 201: InmateDetailOut },
      },
    },
    async (req, reply) => {
      await service.addRegisterF(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send(await detail(req, req.params.id));
    },
  );

  app.post(
    '/api/v1/inmates/:id/expiry-changes',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Record a new detention order (detainees) or a corrected tanggal ekspirasi with its basis; ' +
          'moves the release date the roll call uses, kept in the register history',
        params: IdParams,
        body: ExpiryChangeBody,
        response: { 201: InmateDetailOut },
      },
    },
    async (req, reply) => {
      await service.changeExpiry(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send(await detail(req, req.params.id));
    },
  );
}
