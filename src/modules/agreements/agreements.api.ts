// The agreements JSON API under /api/v1: the same operations as the pages.
import { Type } from 'typebox';
import { forbidden } from '../../app/errors.ts';
import { type App, ctxOf } from '../../app/http.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { date, IdParams } from '../../app/schema.ts';
import { listFiles, storeFileTx } from '../files/files.service.ts';
import { agreement } from './agreements.policy.ts';
import { dueReminders } from './agreements.reminders.ts';
import {
  ActionBody,
  ActionStatusBody,
  AddendumBody,
  AgreementBody,
  AgreementDetailOut,
  AgreementQuery,
  EvaluationBody,
} from './agreements.schema.ts';
import * as service from './agreements.service.ts';
import { readUpload } from './agreements.upload.ts';

const view = { permission: 'agreements.view' as const };
const manage = { permission: 'agreements.manage' as const };
const tags = ['agreements'];
const Created = Type.Object({ id: Type.String() });

export async function agreementsApi(app: App) {
  const detail = async (ctx: Ctx, id: string, on?: string) => {
    const d = await service.agreementDetail(ctx, id, on);
    const documents = await listFiles(ctx.db, 'agreement', d.agreement.id);
    return {
      agreement: d.agreement,
      on: d.on,
      terms_in_force: d.inForce
        ? {
            ...d.inForce,
            split: {
              premi: d.split.premi,
              pnbp: d.split.pnbp,
              capital: d.split.capital,
              from_agreement: d.split.fromAgreement,
            },
          }
        : null,
      addenda: d.addenda,
      program_aksi: d.programAksi,
      documents: documents.map((f) => ({ ...f, created_at: f.created_at.toISOString() })),
      evaluations: d.evaluations,
    };
  };

  // GET /api/v1/agreements is declared with the list page (agreements.routes.ts: listRoute).
  app.get(
    '/api/v1/agreements/reminders',
    {
      config: view,
      schema: {
        tags,
        summary: 'Agreements ending within 90 or 30 days, or past their end but still active',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                partner_name: Type.String(),
                kind: Type.String(),
                valid_to: Type.String(),
                days: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const items = await dueReminders(ctx, today(ctx));
      return {
        items: items.map((r) => ({
          id: r.id,
          title: r.title,
          partner_name: r.partnerName,
          kind: r.kind,
          valid_to: r.validTo,
          days: r.days,
        })),
      };
    },
  );

  app.post(
    '/api/v1/agreements',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a PKS or MoU (as a draft)',
        body: AgreementBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.createAgreement(ctxOf(req), req.body) }),
  );

  app.get(
    '/api/v1/agreements/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'An agreement with the terms in force on `on` (default today)',
        params: IdParams,
        querystring: AgreementQuery,
        response: { 200: AgreementDetailOut },
      },
    },
    async (req) => detail(ctxOf(req), req.params.id, req.query.on),
  );

  app.put(
    '/api/v1/agreements/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a draft agreement',
        params: IdParams,
        body: AddendumBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateAgreement(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/agreements/:id/addenda',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an addendum to a signed agreement',
        params: IdParams,
        body: AddendumBody,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await service.createAddendum(ctxOf(req), req.params.id, req.body),
      }),
  );

  app.post(
    '/api/v1/agreements/:id/sign',
    {
      config: { permission: 'agreements.sign' },
      schema: {
        tags,
        summary: 'Mark a draft as signed (Kepala UPT only)',
        description:
          "A draft recorded without its signing date needs `signed_on` (not after today in the unit's zone, not before the draft); otherwise it is ignored.",
        params: IdParams,
        body: Type.Object({ signed_on: Type.Optional(date) }),
        response: { 200: Type.Object({ status: Type.String() }) },
      },
      // A post without a body (a draft that has its date) is an empty body, as before.
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => ({
      status: await service.act(ctxOf(req), req.params.id, {
        action: 'sign',
        signed_on: req.body?.signed_on,
      }),
    }),
  );

  app.post(
    '/api/v1/agreements/:id/actions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Activate, expire or terminate (with a reason)',
        params: IdParams,
        body: ActionBody,
        response: { 200: Type.Object({ status: Type.String() }) },
      },
    },
    async (req) => {
      // Signing has its own route and permission (Kepala UPT); it is not an action anyone may take.
      if (req.body.action === 'sign') throw forbidden();
      return { status: await service.act(ctxOf(req), req.params.id, req.body) };
    },
  );

  app.post(
    '/api/v1/agreements/:id/documents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Upload a signed scan or a photo (multipart: kind, file)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await agreement(ctx, req.params.id, { for: 'manage' });
      const upload = await readUpload(req.body);
      const id = await storeFileTx(ctx, {
        unitId: a.unit_id,
        ownerType: 'agreement',
        ownerId: a.id,
        kind: upload.kind,
        upload,
        maxBytes: app.config.uploadMaxBytes,
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/agreements/:id/evaluations',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a monitoring and evaluation (monev)',
        params: IdParams,
        body: EvaluationBody,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await service.recordEvaluation(ctxOf(req), req.params.id, req.body),
      }),
  );

  app.put(
    '/api/v1/evaluation-actions/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the status of a follow-up action',
        params: IdParams,
        body: ActionStatusBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.setEvaluationActionStatus(ctxOf(req), req.params.id, req.body.status);
      return reply.code(204).send(null);
    },
  );
}
