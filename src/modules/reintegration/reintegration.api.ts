// /api/v1/reintegration: the same operations as the pages (the pipeline list, GET
// /api/v1/reintegration, is declared with its page in reintegration.routes.ts): one person's case,
// its details, checklist items, consents and release, the unit's counts; and the unit's checklist
// templates at /api/v1/reintegration-templates (apart, so no path reads two ways).
import { Type } from 'typebox';
import { notFound } from '../../app/errors.ts';
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { inScope, scopeSupervisor } from '../../app/scope.ts';
import {
  CaseBody,
  CaseOut,
  ConsentBody,
  ConsentParams,
  IdOut,
  InmateParams,
  ItemBody,
  ItemParams,
  ReleaseBody,
  SummaryOut,
  SummaryQuery,
  TemplateBody,
  TemplateOut,
  TemplateUpdateBody,
  WithdrawBody,
} from './reintegration.schema.ts';
import * as service from './reintegration.service.ts';
import { pipelineSummary } from './reintegration.summary.ts';

const tags = ['reintegration'];
const view = { permission: 'reintegration.view' as const };
const manage = { permission: 'reintegration.manage' as const };
const Ok = Type.Object({ ok: Type.Boolean() });

async function caseOut(ctx: Ctx, inmateId: string) {
  const d = await service.caseDetail(ctx, inmateId);
  const c = d.case;
  return {
    inmate_id: d.person.id,
    name: d.person.name,
    reg_number: d.person.reg_number,
    unit_id: d.person.unit_id,
    unit_name: d.person.unit_name,
    status: d.person.status,
    expected_release_date: d.person.expected_release_date,
    release_date: d.releaseDate,
    case: c && {
      id: c.id,
      integrasi_kind: c.integrasi_kind,
      integrasi_date: c.integrasi_date,
      decree_number: c.decree_number,
      decree_date: c.decree_date,
      plan: c.plan,
      guarantor_name: c.guarantor_name,
      guarantor_relation: c.guarantor_relation,
      guarantor_phone: c.guarantor_phone,
      address_after_release: c.address_after_release,
      bank_name: c.bank_name,
      bank_account: c.bank_account,
      bapas_unit_id: c.bapas_unit_id,
      bapas_name: c.bapas_name,
      pk_user_id: c.pk_user_id,
      pk_name: c.pk_name,
      released_on: c.released_on,
      release_kind: c.release_kind,
    },
    items: d.items,
    consents: d.consents,
  };
}

/** The unit whose templates a staff member keeps: their own. */
function ownUnit(ctx: Ctx): string {
  if (!ctx.who.unitId || !inScope(ctx.who.scope, ctx.who.unitId)) throw notFound('readiness_template');
  return ctx.who.unitId;
}

export async function reintegrationApi(app: App) {
  app.get(
    '/api/v1/reintegration/summary',
    {
      config: view,
      schema: {
        tags,
        summary:
          "A unit's release pipeline in counts: leaving within 30 and 90 days, overdue checklist items",
        querystring: SummaryQuery,
        response: { 200: SummaryOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!scopeSupervisor(ctx.who.scope) && !inScope(ctx.who.scope, req.query.unit_id))
        throw notFound('units');
      return pipelineSummary(ctx, req.query.unit_id);
    },
  );

  app.get(
    '/api/v1/reintegration-templates',
    {
      config: manage,
      schema: {
        tags,
        summary: "The unit's own readiness checklist items (templates)",
        response: { 200: Type.Object({ items: Type.Array(TemplateOut) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return { items: await service.templates(ctx, ownUnit(ctx)) };
    },
  );

  app.post(
    '/api/v1/reintegration-templates',
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a checklist item of the unit's own (also added to its cases not yet released)",
        body: TemplateBody,
        response: { 201: IdOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.addTemplate(ctx, { ...req.body, unit_id: ownUnit(ctx), zone: ctx.who.zone });
      return reply.code(201).send({ id });
    },
  );

  app.patch(
    '/api/v1/reintegration-templates/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename a checklist template, change its lead time, or retire it',
        params: IdParams,
        body: TemplateUpdateBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.updateTemplate(ctxOf(req), req.params.id, req.body);
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/reintegration/:inmateId',
    {
      config: view,
      schema: {
        tags,
        summary: "One person's release case: integrasi, plan, contacts, Bapas and PK, checklist, consents",
        params: InmateParams,
        response: { 200: CaseOut },
      },
    },
    async (req) => caseOut(ctxOf(req), req.params.inmateId),
  );

  app.put(
    '/api/v1/reintegration/:inmateId',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Write a case's details (created with its checklist on the first write); an integrasi needs its decree",
        params: InmateParams,
        body: CaseBody,
        response: { 200: CaseOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.saveCase(ctx, req.params.inmateId, req.body);
      return caseOut(ctx, req.params.inmateId);
    },
  );

  app.patch(
    '/api/v1/reintegration/:inmateId/items/:itemId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'One checklist item: owner, due day, done / not applicable / open',
        params: ItemParams,
        body: ItemBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.updateItem(ctxOf(req), req.params.inmateId, req.params.itemId, req.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/reintegration/:inmateId/consents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a consent given (cv_sharing or follow_up); one live consent per purpose',
        params: InmateParams,
        body: ConsentBody,
        response: { 201: IdOut },
      },
    },
    async (req, reply) => {
      const id = await service.giveConsent(ctxOf(req), req.params.inmateId, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/reintegration/:inmateId/consents/:consentId/withdrawal',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Withdraw a consent: from that day it no longer counts (CV sharing stops at once)',
        params: ConsentParams,
        body: WithdrawBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.withdrawConsent(ctxOf(req), req.params.inmateId, req.params.consentId, req.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/reintegration/:inmateId/release',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Record the release: the case's release, the person released in the register and their programme places ended, in one transaction",
        params: InmateParams,
        body: ReleaseBody,
        response: { 200: CaseOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.recordRelease(ctx, req.params.inmateId, req.body);
      return caseOut(ctx, req.params.inmateId);
    },
  );
}
