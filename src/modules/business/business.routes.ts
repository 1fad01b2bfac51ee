// The own-business (UMKM) page /reintegration/:inmateId/business with its two forms (the plan, the
// assistance given), and /api/v1/business-plans.
import { Type } from 'typebox';
import { notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { mayBusiness } from './business.policy.ts';
import {
  AssistanceBody,
  AssistanceOut,
  InmateParams,
  PlanBody,
  PlanForm,
  PlanListOut,
  PlanListQuery,
  PlanOut,
} from './business.schema.ts';
import * as service from './business.service.ts';
import { BusinessPage } from './business.views.tsx';

const view = { permission: 'reintegration.view' as const };
const manage = { permission: 'reintegration.manage' as const };
const tags = ['business-plans'];

const idsOf = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export async function businessRoutes(app: App) {
  const page = async (
    req: FastifyRequest,
    inmateId: string,
    forms: { plan?: FormState; assistance?: FormState } = {},
  ) => {
    const ctx = ctxOf(req);
    const data = await service.planOf(ctx, inmateId);
    const canManage = mayBusiness(ctx.who, 'manage');
    const choices = canManage ? await service.productChoices(ctx, data.person) : [];
    const planForm =
      forms.plan ??
      emptyForm(
        data.plan
          ? { ...data.plan, capital_needed: data.plan.capital_needed ?? '' }
          : { product_ids: choices.filter((c) => c.learned).map((c) => c.id) },
      );
    return renderPage(
      BusinessPage({
        ctx: viewCtx(req),
        p: {
          data,
          choices,
          canManage,
          planForm,
          assistanceForm: forms.assistance ?? emptyForm({ kind: 'starter_kit', given_on: today(ctx) }),
        },
      }),
    );
  };

  app.get(
    '/reintegration/:inmateId/business',
    { config: view, schema: { params: InmateParams } },
    async (req, reply) => reply.html(await page(req, req.params.inmateId)),
  );

  app.post(
    '/reintegration/:inmateId/business',
    { config: manage, schema: { params: InmateParams, body: PlanForm }, attachValidation: true },
    async (req, reply) => {
      const { inmateId } = req.params;
      return submitForm(req, reply, {
        render: (form) => page(req, inmateId, { plan: form }),
        action: () =>
          service.savePlan(ctxOf(req), inmateId, { ...req.body, product_ids: idsOf(req.body.product_ids) }),
        flash: 'business.planSaved',
        redirect: () => `/reintegration/${inmateId}/business`,
      });
    },
  );

  app.post(
    '/reintegration/:inmateId/business/assistance',
    { config: manage, schema: { params: InmateParams, body: AssistanceBody }, attachValidation: true },
    async (req, reply) => {
      const { inmateId } = req.params;
      return submitForm(req, reply, {
        render: (form) => page(req, inmateId, { assistance: form }),
        action: () => service.addAssistance(ctxOf(req), inmateId, req.body),
        flash: 'business.assistanceAdded',
        redirect: () => `/reintegration/${inmateId}/business`,
      });
    },
  );

  // ---- JSON API ----
  const planOut = async (req: FastifyRequest, inmateId: string) => {
    const d = await service.planOf(ctxOf(req), inmateId);
    if (!d.plan) return null;
    const { product_ids: _ids, created_by: _c, created_at: _a, updated_at: _u, ...plan } = d.plan;
    return { ...plan, products: d.products, assistance: d.assistance, assistance_total: d.assistanceTotal };
  };

  app.get(
    '/api/v1/business-plans',
    {
      config: view,
      schema: {
        tags,
        summary: 'Own-business plans of the people in your scope, with the assistance given in total',
        querystring: PlanListQuery,
        response: { 200: Type.Object({ items: Type.Array(PlanListOut), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const r = await service.listPlans(ctxOf(req), req.query.page ?? 1);
      return { items: r.rows, total: r.total };
    },
  );

  app.get(
    '/api/v1/business-plans/:inmateId',
    {
      config: view,
      schema: {
        tags,
        summary: "A person's own-business plan with its products and assistance (404 when none)",
        params: InmateParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => {
      const out = await planOut(req, req.params.inmateId);
      if (!out) throw notFound('business_plans');
      return out;
    },
  );

  app.put(
    '/api/v1/business-plans/:inmateId',
    {
      config: manage,
      schema: {
        tags,
        summary: "Write a person's own-business plan (the first write creates it)",
        params: InmateParams,
        body: PlanBody,
        response: { 200: PlanOut },
      },
    },
    async (req) => {
      await service.savePlan(ctxOf(req), req.params.inmateId, req.body);
      const out = await planOut(req, req.params.inmateId);
      if (!out) throw notFound('business_plans');
      return out;
    },
  );

  app.post(
    '/api/v1/business-plans/:inmateId/assistance',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record assistance given for the plan (409 when the person has no plan)',
        params: InmateParams,
        body: AssistanceBody,
        response: { 201: AssistanceOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.addAssistance(ctx, req.params.inmateId, req.body);
      const d = await service.planOf(ctx, req.params.inmateId);
      const out = d.assistance.find((a) => a.id === id);
      if (!out) throw notFound('business_assistance');
      return reply.code(201).send(out);
    },
  );
}
