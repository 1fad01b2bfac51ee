// Inmate register pages: list, add, edit, a person's page with status actions and Register F.
import type { Static } from 'typebox';
import { handleForm, submitForm } from '../../app/form-route.ts';
import { dayInZone } from '../../app/format.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import { unitOptions } from '../units/units.service.ts';
import { InmateFormPage } from './inmates.form.views.tsx';
import {
  ExpiryChangeBody,
  InmateForm,
  InmateListQuery,
  RegisterFBody,
  StatusBody,
} from './inmates.schema.ts';
import * as service from './inmates.service.ts';
import { InmateListPage, InmatePage } from './inmates.views.tsx';

const view = { permission: 'inmates.view' as const };
const manage = { permission: 'inmates.manage' as const };

export function viewerOf(req: FastifyRequest): service.Viewer {
  const u = userOf(req);
  return { id: u.id, unitId: u.unitId, scope: u.scope };
}

/** Today in the user's zone (their unit's local date). */
export const todayOf = (req: FastifyRequest) => dayInZone(new Date(), userOf(req).zone);

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

export async function inmatesRoutes(app: App) {
  const today = todayOf;

  const formPage = async (req: FastifyRequest, form: FormState, inmate?: service.Inmate) =>
    renderPage(
      InmateFormPage({
        ctx: viewCtx(req),
        form,
        units: await unitOptions(app.db, userOf(req).scope),
        inmateId: inmate?.id,
        nikMasked: inmate?.nik_masked,
      }),
    );

  const personPage = async (
    req: FastifyRequest,
    id: string,
    forms: { status?: FormState; registerF?: FormState; expiry?: FormState } = {},
  ) => {
    const d = await service.inmateDetail(app.db, userOf(req).scope, id);
    return renderPage(
      InmatePage({
        ctx: viewCtx(req),
        d,
        today: today(req),
        statusForm: forms.status ?? emptyForm(),
        registerFForm: forms.registerF ?? emptyForm({ entry_date: today(req) }),
        expiryForm: forms.expiry ?? emptyForm(),
      }),
    );
  };

  app.get('/inmates', { config: view, schema: { querystring: InmateListQuery } }, async (req, reply) => {
    const scope = userOf(req).scope;
    const page = req.query.page ?? 1;
    const [r, blocks] = await Promise.all([
      service.listInmates(app.db, scope, { ...req.query, page }),
      service.blocksInUse(app.db, scope),
    ]);
    return reply.html(
      renderPage(
        InmateListPage({
          ctx: viewCtx(req),
          rows: r.rows,
          total: r.total,
          page,
          pageSize: r.pageSize,
          query: req.query,
          blocks,
        }),
      ),
    );
  });

  app.get('/inmates/new', { config: manage }, async (req, reply) =>
    reply.html(
      await formPage(
        req,
        emptyForm({ gender: 'L', unit_id: userOf(req).unitId ?? '', entry_date: today(req) }),
      ),
    ),
  );

  app.post(
    '/inmates',
    { config: manage, schema: { body: InmateForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      const sent = await handleForm(
        req,
        reply,
        (form) => formPage(req, form),
        async () => {
          id = await service.createInmate(app.db, actorOf(req), viewerOf(req), inputFromForm(req.body));
        },
      );
      if (sent) return sent;
      setFlash(reply, 'inmates.created');
      return reply.redirect(`/inmates/${id}`, 303);
    },
  );

  app.get('/inmates/:id', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const html = await personPage(req, req.params.id);
    // UU 27/2022: who saw the record, written before it is sent (privacy access log).
    await inmateViewed(app.db, req, req.params.id);
    return reply.html(html);
  });

  app.get('/inmates/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const i = await service.getInmate(app.db, userOf(req).scope, req.params.id);
    return reply.html(await formPage(req, emptyForm(formFrom(i)), i));
  });

  app.post(
    '/inmates/:id',
    { config: manage, schema: { params: IdParams, body: InmateForm }, attachValidation: true },
    async (req, reply) => {
      const i = await service.getInmate(app.db, userOf(req).scope, req.params.id);
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, i),
        action: () =>
          service.updateInmate(app.db, actorOf(req), viewerOf(req), i.id, inputFromForm(req.body)),
        flash: 'common.saved',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/status',
    { config: manage, schema: { params: IdParams, body: StatusBody }, attachValidation: true },
    async (req, reply) => {
      const i = await service.getInmate(app.db, userOf(req).scope, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { status: form }),
        action: () => service.changeStatus(app.db, actorOf(req), viewerOf(req), i.id, req.body),
        flash: 'inmates.statusChanged',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/register-f',
    { config: manage, schema: { params: IdParams, body: RegisterFBody }, attachValidation: true },
    async (req, reply) => {
      const i = await service.getInmate(app.db, userOf(req).scope, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { registerF: form }),
        action: () => service.addRegisterF(app.db, actorOf(req), viewerOf(req), i.id, req.body),
        flash: 'inmates.registerFAdded',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );

  app.post(
    '/inmates/:id/expiry',
    { config: manage, schema: { params: IdParams, body: ExpiryChangeBody }, attachValidation: true },
    async (req, reply) => {
      const i = await service.getInmate(app.db, userOf(req).scope, req.params.id);
      return submitForm(req, reply, {
        render: (form) => personPage(req, i.id, { expiry: form }),
        action: () =>
          service.changeExpiry(app.db, actorOf(req), viewerOf(req), i.id, req.body, { today: today(req) }),
        flash: 'inmates.expiry.saved',
        redirect: () => `/inmates/${i.id}`,
      });
    },
  );
}
