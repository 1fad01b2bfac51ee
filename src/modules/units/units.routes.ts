// Units: the list in scope for everyone who may view units; add and edit for national administrators.
import { Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
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

  app.get('/units/new', { config: manage }, async (req, reply) =>
    reply.html(await formPage(req, emptyForm({ type: 'rutan', class: 'IIB', timezone: 'Asia/Jakarta' }))),
  );

  app.post(
    '/units',
    { config: manage, schema: { body: UnitBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => formPage(req, form),
        action: () => service.createUnit(ctxOf(req), req.body),
        flash: 'units.created',
        redirect: () => '/units',
      });
    },
  );

  app.get('/units/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const unit = await unitOf(ctxOf(req), req.params.id);
    return reply.html(await formPage(req, emptyForm({ ...unit }), unit.id));
  });

  app.post(
    '/units/:id',
    { config: manage, schema: { params: IdParams, body: UnitBody }, attachValidation: true },
    async (req, reply) => {
      const unit = await unitOf(ctxOf(req), req.params.id);
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, unit.id),
        action: () => service.updateUnit(ctxOf(req), unit.id, req.body),
        flash: 'common.saved',
        redirect: () => '/units',
      });
    },
  );

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
