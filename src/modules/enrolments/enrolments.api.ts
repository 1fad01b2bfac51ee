// /api/v1: a programme's participants, enrolling a pemagang or petugas, and changing a place's
// status. (An accepted candidate is enrolled through the selection API.)
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams, uuid } from '../../app/schema.ts';
import { EnrolmentOut, EnrolmentStatusBody, PersonBody } from './enrolments.schema.ts';
import * as service from './enrolments.service.ts';

const view = { permission: 'selection.view' as const };
const manage = { permission: 'selection.manage' as const };
// Listed with selection in the API document, where they have always been.
const tags = ['selection'];
const Created = Type.Object({ id: uuid });

export async function enrolmentsApi(app: App) {
  app.get(
    '/api/v1/programmes/:id/enrolments',
    {
      config: view,
      schema: {
        tags,
        summary: "A programme's participants",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(EnrolmentOut) }) },
      },
    },
    async (req) => ({ items: await service.listEnrolments(ctxOf(req), req.params.id) }),
  );

  app.post(
    '/api/v1/programmes/:id/enrolments',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enrol an intern (pemagang) or a staff member (petugas)',
        params: IdParams,
        body: PersonBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const id = await service.enrolPerson(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/enrolments/:id/status',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Suspend, resume, complete or withdraw a participant (withdrawal needs a reason)',
        params: IdParams,
        body: EnrolmentStatusBody,
      },
    },
    async (req, reply) => {
      await service.changeEnrolmentStatus(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );
}
