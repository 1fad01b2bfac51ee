// The privacy module's JSON API under /api/v1/privacy: the same operations as the pages.
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { listApi } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { accessLogList, breachOut } from './privacy.lists.ts';
import {
  BreachBody,
  BreachOut,
  CloseBody,
  LegalBasisBody,
  LegalBasisOut,
  NoticeBody,
} from './privacy.schema.ts';
import * as service from './privacy.service.ts';

const view = { permission: 'privacy.breaches.view' as const };
const manage = { permission: 'privacy.breaches.manage' as const };
const tags = ['privacy'];
const Created = Type.Object({ id: Type.String() });

export async function privacyApi(app: App) {
  // GET /api/v1/privacy/breaches is registered with its page (privacy.lists.ts: breachList).
  app.post(
    '/api/v1/privacy/breaches',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a personal data breach; the notices are due 3 x 24 hours after found_at',
        body: BreachBody,
        response: { 201: BreachOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createBreach(ctx, req.body);
      return reply.code(201).send(breachOut(await service.getBreach(ctx, id)));
    },
  );

  app.get(
    '/api/v1/privacy/breaches/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One breach with its deadline and notices',
        params: IdParams,
        response: { 200: BreachOut },
      },
    },
    async (req) => breachOut(await service.getBreach(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/privacy/breaches/:id/notifications',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record the notice to the data subjects or to the authority',
        params: IdParams,
        body: NoticeBody,
        response: { 200: BreachOut },
      },
    },
    async (req) => {
      await service.recordNotice(ctxOf(req), req.params.id, req.body);
      return breachOut(await service.getBreach(ctxOf(req), req.params.id));
    },
  );

  app.post(
    '/api/v1/privacy/breaches/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close a breach once both notices are recorded',
        params: IdParams,
        body: CloseBody,
        response: { 200: BreachOut },
      },
    },
    async (req) => {
      await service.closeBreach(ctxOf(req), req.params.id, req.body);
      return breachOut(await service.getBreach(ctxOf(req), req.params.id));
    },
  );

  app.get(
    '/api/v1/privacy/legal-basis',
    {
      config: { permission: 'privacy.basis.view' },
      schema: {
        tags,
        summary: 'The legal basis, purpose and retention of each category of personal data',
        response: { 200: Type.Object({ items: Type.Array(LegalBasisOut) }) },
      },
    },
    async (req) => ({ items: await service.listLegalBasis(ctxOf(req)) }),
  );

  app.post(
    '/api/v1/privacy/legal-basis',
    {
      config: { permission: 'reference.manage' },
      schema: {
        tags,
        summary: 'Add a category of personal data (national administrators)',
        body: LegalBasisBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.saveLegalBasis(ctxOf(req), req.body) }),
  );

  app.put(
    '/api/v1/privacy/legal-basis/:id',
    {
      config: { permission: 'reference.manage' },
      schema: {
        tags,
        summary: "Replace a category's legal basis, purpose, retention or holders (national administrators)",
        params: IdParams,
        body: LegalBasisBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.saveLegalBasis(ctxOf(req), req.body, req.params.id);
      return reply.code(204).send(null);
    },
  );

  listApi(app, accessLogList);
}
