// Inmate register pages: list, add, edit, a person's page with status actions and Register F.
import type { Static } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { AccessLogPage } from '../privacy/privacy.access.views.tsx';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import { AccessLogQuery } from '../privacy/privacy.schema.ts';
import { accessFilter, listInmateViews, PAGE_SIZE } from '../privacy/privacy.service.ts';
import { unitOptions } from '../units/units.service.ts';
import { InmateFormPage } from './inmates.form.views.tsx';
import { InmateListPage } from './inmates.list.views.tsx';
import { inmate, inmateMay } from './inmates.policy.ts';
import {
  ExpiryChangeBody,
  InmateForm,
  InmateListQuery,
  InmateOut,
  RegisterFBody,
  StatusBody,
} from './inmates.schema.ts';
import * as service from './inmates.service.ts';
import { InmatePage } from './inmates.views.tsx';

const view = { permission: 'inmates.view' as const };
const manage = { permission: 'inmates.manage' as const };

const splitList = (text: string | undefined) => (text ?? '').split(/[,;\n]/);

function inputFromForm(v: Static<typeof InmateForm>): service.InmateInput {
  return { ...v, skills: splitList(v.skills), interests: splitList(v.interests) };
}

/** The stored record as form values; the NIK is never put back into a form. */
function formFrom(i: service.Inmate) {
  return {
    ...i,
    expected_release_date: i.expected_release_date ?? '',
    skills: i.skills.join(', '),
    interests: i.interests.join(', '),
  };
}

/** The register's pages; `lists` brings what a person's page shows of other modules. */
export function inmatesRoutes(lists: service.InmatePageLists) {
  return async (app: App) => inmatePages(app, lists);
}

async function inmatePages(app: App, lists: service.InmatePageLists) {
  const formPage = async (req: FastifyRequest, form: FormState, person?: service.Inmate) =>
    renderPage(
      InmateFormPage({
        ctx: viewCtx(req),
        form,
        units: await unitOptions(ctxOf(req)),
        inmateId: person?.id,
        nikMasked: person?.nik_masked,
      }),
    );

  /** The person, for a page that changes them (404 outside the principal's units). */
  const toManage = async (req: FastifyRequest, id: string) =>
    service.present(await inmate(ctxOf(req), id, { for: 'manage' }));

  const personPage = async (
    req: FastifyRequest,
    id: string,
    forms: { status?: FormState; registerF?: FormState; expiry?: FormState } = {},
  ) => {
    const ctx = ctxOf(req);
    const d = { ...(await service.inmateDetail(ctx, id)), certificates: await lists.certificates(ctx, id) };
    return renderPage(
      InmatePage({
        ctx: viewCtx(req),
        d,
        today: today(ctx),
        statusForm: forms.status ?? emptyForm(),
        registerFForm: forms.registerF ?? emptyForm({ entry_date: today(ctx) }),
        expiryForm: forms.expiry ?? emptyForm(),
        may: inmateMay(ctx.who),
      }),
    );
  };

  // The API twin keeps its place at the head of inmatesApi's routes (the OpenAPI order).
  listRoute(app, {
    path: '/inmates',
    permission: view.permission,
    query: InmateListQuery,
    load: (ctx, q, page) => service.listInmates(ctx, { ...q, page }),
    view: async (list, ctx) =>
      InmateListPage({ ...list, blocks: await service.blocksInUse(ctx), may: inmateMay(ctx.who) }),
    api: { tags: ['inmates'], summary: 'Inmates in your scope, searched and filtered', item: InmateOut },
  });

  app.get('/inmates/new', { config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.html(
      await formPage(req, emptyForm({ gender: 'L', unit_id: ctx.who.unitId ?? '', entry_date: today(ctx) })),
    );
  });

  app.post(
    '/inmates',
    { config: manage, schema: { body: InmateForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => formPage(req, form),
        action: async () => {
          id = await service.createInmate(ctxOf(req), inputFromForm(req.body));
        },
        flash: 'inmates.created',
        redirect: () => `/inmates/${id}`,
      });
    },
  );

  app.get('/inmates/:id', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const html = await personPage(req, req.params.id);
    // UU 27/2022: who saw the record, written before it is sent (privacy access log).
    await inmateViewed(app.db, req, req.params.id);
    return reply.html(html);
  });

  app.get('/inmates/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const i = await toManage(req, req.params.id);
    return reply.html(await formPage(req, emptyForm(formFrom(i)), i));
  });

  app.post(
    '/inmates/:id',
    { config: manage, schema: { params: IdParams, body: InmateForm }, attachValidation: true },
    async (req, reply) => {
      const i = await toManage(req, req.params.id);
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, i),
        action: () => service.updateInmate(ctxOf(req), i.id, inputFromForm(req.body)),
        flash: 'common.saved',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/status',
    { config: manage, schema: { params: IdParams, body: StatusBody }, attachValidation: true },
    async (req, reply) => {
      const i = await toManage(req, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { status: form }),
        action: () => service.changeStatus(ctxOf(req), i.id, req.body),
        flash: 'inmates.statusChanged',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/register-f',
    { config: manage, schema: { params: IdParams, body: RegisterFBody }, attachValidation: true },
    async (req, reply) => {
      const i = await toManage(req, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { registerF: form }),
        action: () => service.addRegisterF(ctxOf(req), i.id, req.body),
        flash: 'inmates.registerFAdded',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/expiry',
    { config: manage, schema: { params: IdParams, body: ExpiryChangeBody }, attachValidation: true },
    async (req, reply) => {
      const i = await toManage(req, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { expiry: form }),
        action: () => service.changeExpiry(ctxOf(req), i.id, req.body),
        flash: 'inmates.expiry.saved',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  // UU 27/2022: who viewed this person's record (the privacy module keeps the log).
  app.get(
    '/inmates/:id/access-log',
    {
      config: { permission: 'privacy.access_log' },
      schema: { params: IdParams, querystring: AccessLogQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // The person must be in the principal's units (404 otherwise), like their page.
      const person = await service.getInmate(ctx, req.params.id);
      const query = { ...req.query, inmate_id: person.id };
      const f = accessFilter(ctx, query);
      const r = await listInmateViews(ctx, f);
      const view = viewCtx(req);
      return reply.html(
        renderPage(
          AccessLogPage({
            ctx: view,
            rows: r.rows,
            total: r.total,
            page: f.page,
            pageSize: PAGE_SIZE,
            query,
            title: view.t('privacy.access.forInmate', { name: `${person.reg_number} ${person.name}` }),
            base: `/inmates/${person.id}/access-log`,
          }),
        ),
      );
    },
  );
}
