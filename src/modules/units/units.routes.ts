// Units: the list in scope for everyone who may view units; add and edit for national administrators.
import { Type } from 'typebox';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, userOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { mayManageUnits, unit as unitOf } from './units.policy.ts';
import { KanwilBody, KanwilOut, UnitBody, UnitOut } from './units.schema.ts';
import * as service from './units.service.ts';
import { KanwilPage, UnitFormPage, UnitListPage } from './units.views.tsx';

const view = { permission: 'units.view' as const };
const manage = { permission: 'units.manage' as const };
const tags = ['units'];

export async function unitsRoutes(app: App) {
  const formPage = async (req: Parameters<typeof viewCtx>[0], form: FormState, unitId?: string) =>
    renderPage(
      UnitFormPage({
        ctx: viewCtx(req),
        form,
        kanwil: await service.kanwilOptions(app.db),
        ...(unitId ? { unitId } : {}),
      }),
    );

  app.get('/units', { config: view }, async (req, reply) =>
    reply.html(
      renderPage(
        UnitListPage({
          ctx: viewCtx(req),
          units: await service.listUnits(ctxOf(req)),
          canManage: mayManageUnits(userOf(req)),
        }),
      ),
    ),
  );

  formRoute(app, {
    path: '/units/new',
    post: '/units',
    permission: manage.permission,
    body: UnitBody,
    page: (req, _p, form) =>
      formPage(req, form ?? emptyForm({ type: 'rutan', class: 'IIB', timezone: 'Asia/Jakarta' })),
    action: (req, _p, body) => service.createUnit(ctxOf(req), body),
    flash: 'units.created',
    redirect: () => '/units',
  });

  // The unit is looked up (404 out of scope) on the page and in the action, whatever the answers.
  formRoute(app, {
    path: '/units/:id/edit',
    post: '/units/:id',
    permission: manage.permission,
    params: IdParams,
    body: UnitBody,
    page: async (req, params, form) => {
      const unit = await unitOf(ctxOf(req), params.id);
      return formPage(req, form ?? emptyForm({ ...unit }), unit.id);
    },
    action: async (req, params, body) => {
      const unit = await unitOf(ctxOf(req), params.id);
      await service.updateUnit(ctxOf(req), unit.id, body);
    },
    flash: 'common.saved',
    redirect: () => '/units',
  });

  const kanwilPage = async (req: FastifyRequest, form: FormState = emptyForm({ timezone: 'Asia/Jakarta' })) =>
    renderPage(
      KanwilPage({
        ctx: viewCtx(req),
        rows: await service.listKanwil(app.db),
        form,
        canManage: mayManageUnits(userOf(req)),
      }),
    );

  app.get('/units/kanwil', { config: view }, async (req, reply) => reply.html(await kanwilPage(req)));

  app.post(
    '/units/kanwil',
    { config: manage, schema: { body: KanwilBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => kanwilPage(req, form),
        action: () => service.createKanwil(ctxOf(req), req.body),
        flash: 'kanwil.saved',
        redirect: () => '/units/kanwil',
      });
    },
  );

  app.post(
    '/units/kanwil/:id',
    { config: manage, schema: { params: IdParams, body: KanwilBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => kanwilPage(req, form),
        action: () => service.updateKanwil(ctxOf(req), req.params.id, req.body),
        flash: 'kanwil.saved',
        redirect: () => '/units/kanwil',
      });
    },
  );

  app.post(
    '/api/v1/kanwil',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a regional office (national administrators)',
        body: KanwilBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.createKanwil(ctxOf(req), req.body) }),
  );

  app.put(
    '/api/v1/kanwil/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a regional office (national administrators)',
        params: IdParams,
        body: KanwilBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateKanwil(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  // ---- JSON API ----
  app.get(
    '/api/v1/units',
    {
      config: view,
      schema: {
        tags,
        summary: 'Units in your scope',
        response: { 200: Type.Object({ items: Type.Array(UnitOut) }) },
      },
    },
    async (req) => ({
      items: await service.listUnits(ctxOf(req)),
    }),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One unit (404 when outside your scope)',
        params: IdParams,
        response: { 200: UnitOut },
      },
    },
    async (req) => unitOf(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/units',
    { config: manage, schema: { tags, summary: 'Add a unit', body: UnitBody, response: { 201: UnitOut } } },
    async (req, reply) => reply.code(201).send(await service.createUnit(ctxOf(req), req.body)),
  );

  app.put(
    '/api/v1/units/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace a unit's details",
        params: IdParams,
        body: UnitBody,
        response: { 200: UnitOut },
      },
    },
    async (req) => service.updateUnit(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/kanwil',
    {
      config: view,
      schema: {
        tags,
        summary: 'Regional offices',
        response: { 200: Type.Object({ items: Type.Array(KanwilOut) }) },
      },
    },
    async () => ({
      items: await service.listKanwil(app.db),
    }),
  );
}
