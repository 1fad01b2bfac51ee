// Pages of the release pipeline: the list (/reintegration, with its /api/v1/reintegration twin), one
// person's case page and the posts of its forms (details, checklist item, consent, withdrawal,
// release), and the unit's checklist templates (/reintegration/checklist-items).
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { inScope } from '../../app/scope.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { type CaseForms, CasePage } from './reintegration.case.views.tsx';
import { mayReintegration } from './reintegration.policy.ts';
import {
  CaseBody,
  ConsentBody,
  ConsentParams,
  InmateParams,
  ItemBody,
  ItemParams,
  PipelineOut,
  PipelineQuery,
  ReleaseBody,
  TemplateBody,
  TemplateUpdateBody,
  WithdrawBody,
} from './reintegration.schema.ts';
import * as service from './reintegration.service.ts';
import { TemplatesPage } from './reintegration.templates.views.tsx';
import { PipelinePage } from './reintegration.views.tsx';

const view = { permission: 'reintegration.view' as const };
const manage = { permission: 'reintegration.manage' as const };

/** The unit whose templates a staff member keeps: their own. */
function ownUnit(ctx: Ctx): string {
  if (!ctx.who.unitId || !inScope(ctx.who.scope, ctx.who.unitId)) throw notFound('readiness_template');
  return ctx.who.unitId;
}

export async function reintegrationRoutes(app: App) {
  listRoute(app, {
    path: '/reintegration',
    permission: view.permission,
    query: PipelineQuery,
    load: (ctx, q, page) => service.pipeline(ctx, { window: q.window ?? '90', page }),
    view: (list, ctx) =>
      PipelinePage({
        ...list,
        window: list.query.window ?? '90',
        mayManage: mayReintegration(ctx.who, 'manage'),
      }),
    api: {
      path: '/api/v1/reintegration',
      tags: ['reintegration'],
      summary:
        "The release pipeline: active people leaving within 30 or 90 days by their unit's own date (participants first), or the released",
      item: PipelineOut,
      paging: true,
    },
  });

  const templatesPage = async (
    req: FastifyRequest,
    o: { add?: FormState; edit?: { id: string; form: FormState } },
  ) => {
    const ctx = ctxOf(req);
    return renderPage(
      TemplatesPage({
        ctx: viewCtx(req),
        rows: await service.templates(ctx, ownUnit(ctx)),
        form: o.add ?? emptyForm({ days_before: 14 }),
        edit: o.edit,
      }),
    );
  };

  app.get('/reintegration/checklist-items', { config: manage }, async (req, reply) =>
    reply.html(await templatesPage(req, {})),
  );

  app.post(
    '/reintegration/checklist-items',
    { config: manage, schema: { body: TemplateBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => templatesPage(req, { add: form }),
        action: () => {
          const ctx = ctxOf(req);
          return service.addTemplate(ctx, { ...req.body, unit_id: ownUnit(ctx), zone: ctx.who.zone });
        },
        flash: 'reintegration.templates.added',
        redirect: () => '/reintegration/checklist-items',
      }),
  );

  app.post(
    '/reintegration/checklist-items/:id',
    { config: manage, schema: { params: IdParams, body: TemplateUpdateBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => templatesPage(req, { edit: { id: req.params.id, form } }),
        action: () => service.updateTemplate(ctxOf(req), req.params.id, req.body),
        flash: 'reintegration.templates.saved',
        redirect: () => '/reintegration/checklist-items',
      }),
  );

  const casePage = async (req: FastifyRequest, inmateId: string, forms: CaseForms) => {
    const ctx = ctxOf(req);
    const d = await service.caseDetail(ctx, inmateId);
    const may = mayReintegration(ctx.who, 'manage');
    const choices = may ? await service.caseChoices(ctx, d.person) : { units: [], officers: [], staff: [] };
    return renderPage(CasePage({ ctx: viewCtx(req), d, choices, may, forms }));
  };

  app.get(
    '/reintegration/:inmateId',
    { config: view, schema: { params: InmateParams } },
    async (req, reply) => reply.html(await casePage(req, req.params.inmateId, {})),
  );

  const back = (id: string, anchor = '') => `/reintegration/${id}${anchor}`;

  app.post(
    '/reintegration/:inmateId',
    { config: manage, schema: { params: InmateParams, body: CaseBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => casePage(req, req.params.inmateId, { details: form }),
        action: () => service.saveCase(ctxOf(req), req.params.inmateId, req.body),
        flash: 'reintegration.saved',
        redirect: () => back(req.params.inmateId),
      }),
  );

  app.post(
    '/reintegration/:inmateId/items/:itemId',
    { config: manage, schema: { params: ItemParams, body: ItemBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => casePage(req, req.params.inmateId, { item: { id: req.params.itemId, form } }),
        action: () => service.updateItem(ctxOf(req), req.params.inmateId, req.params.itemId, req.body),
        flash: 'reintegration.itemSaved',
        redirect: () => back(req.params.inmateId, '#s-items'),
      }),
  );

  app.post(
    '/reintegration/:inmateId/consents',
    { config: manage, schema: { params: InmateParams, body: ConsentBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => casePage(req, req.params.inmateId, { consent: form }),
        action: () => service.giveConsent(ctxOf(req), req.params.inmateId, req.body),
        flash: 'reintegration.consentRecorded',
        redirect: () => back(req.params.inmateId, '#s-consents'),
      }),
  );

  app.post(
    '/reintegration/:inmateId/consents/:consentId/withdraw',
    { config: manage, schema: { params: ConsentParams, body: WithdrawBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) =>
          casePage(req, req.params.inmateId, { withdraw: { id: req.params.consentId, form } }),
        action: () =>
          service.withdrawConsent(ctxOf(req), req.params.inmateId, req.params.consentId, req.body ?? {}),
        flash: 'reintegration.consentWithdrawn',
        redirect: () => back(req.params.inmateId, '#s-consents'),
      }),
  );

  app.post(
    '/reintegration/:inmateId/release',
    { config: manage, schema: { params: InmateParams, body: ReleaseBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => casePage(req, req.params.inmateId, { release: form }),
        action: () => service.recordRelease(ctxOf(req), req.params.inmateId, req.body),
        flash: 'reintegration.releasedFlash',
        redirect: () => back(req.params.inmateId),
      }),
  );
}
