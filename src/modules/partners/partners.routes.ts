// Partners: list, add, edit, a partner's page with its agreements and instructors; HTML and
// /api/v1/partners.
import { type Static, Type } from 'typebox';
import { formRoute, handleForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { can } from '../../app/policy.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { PartnerContact } from '../../db/schema.ts';
import { unitOptions } from '../units/units.service.ts';
import { PartnerFormPage } from './partners.form.views.tsx';
import { mayPartner, partner } from './partners.policy.ts';
import { InstructorBody, PartnerBody, PartnerForm, PartnerListQuery, PartnerOut } from './partners.schema.ts';
import * as service from './partners.service.ts';
import { PartnerListPage, PartnerPage, type PartnerPageData } from './partners.views.tsx';

const view = { permission: 'partners.view' as const };
const manage = { permission: 'partners.manage' as const };
const tags = ['partners'];

/**
 * What a partner's page lists of records other modules own: its agreements and its programmes.
 * Those modules depend on partners, not the other way round, so the composition root passes
 * their readers in (src/modules.ts).
 */
export interface PartnerPageLists {
  agreements(ctx: Ctx, partnerId: string): Promise<PartnerPageData['agreements']>;
  programmes(ctx: Ctx, partnerId: string): Promise<PartnerPageData['programmes']>;
}

/** Zips the form's contact columns into contacts; a row counts when any of its cells is filled. */
export function contactsFromForm(v: Static<typeof PartnerForm>): PartnerContact[] {
  const names = v.contact_name ?? [];
  const out: PartnerContact[] = [];
  const len = Math.max(
    names.length,
    v.contact_position?.length ?? 0,
    v.contact_phone?.length ?? 0,
    v.contact_email?.length ?? 0,
  );
  for (let i = 0; i < len; i++) {
    const c = {
      name: names[i]?.trim() ?? '',
      position: v.contact_position?.[i]?.trim() || undefined,
      phone: v.contact_phone?.[i]?.trim() || undefined,
      email: v.contact_email?.[i]?.trim() || undefined,
    };
    if (c.name || c.position || c.phone || c.email) out.push(c);
  }
  return out;
}

function inputFromForm(v: Static<typeof PartnerForm>): service.PartnerInput {
  const { contact_name: _n, contact_position: _p, contact_phone: _ph, contact_email: _e, ...rest } = v;
  return { ...rest, contacts: contactsFromForm(v) };
}

export function partnersRoutes(lists: PartnerPageLists) {
  return async (app: App) => partnerPages(app, lists);
}

async function partnerPages(app: App, lists: PartnerPageLists) {
  const formPage = async (req: FastifyRequest, form: FormState, partnerId?: string) =>
    renderPage(
      PartnerFormPage({
        ctx: viewCtx(req),
        form,
        units: await unitOptions(ctxOf(req)),
        partnerId,
      }),
    );

  const partnerPage = async (
    req: FastifyRequest,
    id: string,
    instructorForm: FormState = emptyForm(),
    oneTime: { username: string; password: string } | null = null,
  ) => {
    const ctx = ctxOf(req);
    const p = await partner(ctx, id);
    const [agreements, instructors, programmes] = await Promise.all([
      lists.agreements(ctx, id),
      service.instructorsOf(ctx, id),
      lists.programmes(ctx, id),
    ]);
    return renderPage(
      PartnerPage({
        ctx: viewCtx(req),
        may: { manage: mayPartner(ctx.who, 'manage'), addAgreement: can(ctx.who, 'agreements.manage') },
        data: { partner: p, agreements, instructors, programmes, instructorForm, oneTime },
      }),
    );
  };

  listRoute(app, {
    path: '/partners',
    permission: view.permission,
    query: PartnerListQuery,
    load: (ctx, q, page) => service.listPartners(ctx, { q: q.q, type: q.type, page }),
    view: (list, ctx) => PartnerListPage({ ...list, canManage: mayPartner(ctx.who, 'manage') }),
    api: { tags, summary: 'Partners in your scope', item: PartnerOut },
  });

  formRoute(app, {
    path: '/partners/new',
    post: '/partners',
    permission: manage.permission,
    body: PartnerForm,
    page: (req, _p, form) =>
      formPage(req, form ?? emptyForm({ type: 'company', unit_id: userOf(req).unitId ?? '' })),
    action: (req, _p, body) => service.createPartner(ctxOf(req), inputFromForm(body)),
    flash: 'partners.created',
    redirect: (_p, id) => `/partners/${id}`,
  });

  app.get('/partners/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await partnerPage(req, req.params.id)),
  );

  // The policy answers 404 or 403 before a post's answers are checked, as on the page.
  formRoute(app, {
    path: '/partners/:id/edit',
    post: '/partners/:id',
    permission: manage.permission,
    params: IdParams,
    body: PartnerForm,
    page: async (req, params, form) => {
      const p = await partner(ctxOf(req), params.id, { for: 'manage' });
      return formPage(req, form ?? emptyForm({ ...p, contacts: p.contacts }), p.id);
    },
    action: async (req, params, body) => {
      const ctx = ctxOf(req);
      const p = await partner(ctx, params.id, { for: 'manage' });
      await service.updatePartner(ctx, p.id, inputFromForm(body));
      return p.id;
    },
    flash: 'common.saved',
    redirect: (_p, id) => `/partners/${id}`,
  });

  app.post(
    '/partners/:id/instructors',
    { config: manage, schema: { params: IdParams, body: InstructorBody }, attachValidation: true },
    async (req, reply) => {
      // A one-time password is shown once, on this response: then no redirect, so not submitForm.
      let created: { id: string; oneTimePassword: string | null } | undefined;
      const sent = await handleForm(
        req,
        reply,
        (form) => partnerPage(req, req.params.id, form),
        async () => {
          created = await service.createInstructor(ctxOf(req), req.params.id, req.body);
        },
      );
      if (sent) return sent;
      if (created?.oneTimePassword) {
        reply.header('cache-control', 'no-store');
        return reply.html(
          await partnerPage(req, req.params.id, emptyForm(), {
            username: req.body.username,
            password: created.oneTimePassword,
          }),
          201,
        );
      }
      setFlash(reply, 'partners.instructorCreated');
      return reply.redirect(`/partners/${req.params.id}`, 303);
    },
  );

  // ---- JSON API (the list's twin is declared with its page above) ----
  app.get(
    '/api/v1/partners/:id',
    {
      config: view,
      schema: { tags, summary: 'One partner', params: IdParams, response: { 200: PartnerOut } },
    },
    async (req) => partner(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/partners',
    {
      config: manage,
      schema: { tags, summary: 'Add a partner', body: PartnerBody, response: { 201: PartnerOut } },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createPartner(ctx, req.body);
      return reply.code(201).send(await partner(ctx, id));
    },
  );

  app.put(
    '/api/v1/partners/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace a partner's details",
        params: IdParams,
        body: PartnerBody,
        response: { 200: PartnerOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.updatePartner(ctx, req.params.id, req.body);
      return partner(ctx, req.params.id);
    },
  );

  app.post(
    '/api/v1/partners/:id/instructors',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an instructor account tied to the partner',
        params: IdParams,
        body: InstructorBody,
        response: {
          201: Type.Object({
            id: Type.String(),
            one_time_password: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req, reply) => {
      const r = await service.createInstructor(ctxOf(req), req.params.id, req.body);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ id: r.id, one_time_password: r.oneTimePassword });
    },
  );
}
