// Admin user management: HTML pages under /admin/users and the same operations under /api/v1/users.
import { Type } from 'typebox';
import { askFirst } from '../../app/confirm.tsx';
import { handleForm, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { kanwilOptions, unitOptions } from '../units/units.service.ts';
import { mayHomeAboveUnits } from './users.policy.ts';
import { UserCreateBody, UserListQuery, UserOut, UserUpdateBody } from './users.schema.ts';
import * as service from './users.service.ts';
import { deactivateAsk, type HomeOptions, UserListPage, UserNewPage, UserPage } from './users.views.tsx';

const perm = { permission: 'users.manage' as const };
const tags = ['users'];
/** A user as the API answers it. */
const out = (u: Awaited<ReturnType<typeof service.getUser>>) => ({
  ...u,
  created_at: u.created_at.toISOString(),
});

/** The homes this administrator may give an account: units in scope, and Kanwil if national. */
async function homes(app: App, req: FastifyRequest): Promise<HomeOptions> {
  const ctx = ctxOf(req);
  return {
    units: await unitOptions(ctx),
    kanwil: mayHomeAboveUnits(ctx.who) ? await kanwilOptions(app.db) : [],
  };
}

function formFromUser(u: service.UserFields & Record<string, unknown>): FormState {
  return emptyForm({
    ...u,
    nip: u.nip ?? '',
    position: u.position ?? '',
    email: u.email ?? '',
    phone: u.phone ?? '',
  });
}

export async function usersRoutes(app: App) {
  // ---- HTML ----
  listRoute(app, {
    path: '/admin/users',
    permission: perm.permission,
    query: UserListQuery,
    load: (ctx, q, page) =>
      service.listUsers(ctx, {
        q: q.q,
        role: q.role,
        unitId: q.unit_id,
        active: q.active === undefined ? undefined : q.active === 'true',
        page,
      }),
    // The page's filters and pager carry no unit_id (an API-only filter).
    view: (list) =>
      UserListPage({ ...list, query: { q: list.query.q, role: list.query.role, active: list.query.active } }),
    api: {
      path: '/api/v1/users',
      tags,
      summary: 'List users in your scope',
      item: UserOut,
      row: out,
      paging: true,
    },
  });

  app.get('/admin/users/new', { config: perm }, async (req, reply) => {
    const h = await homes(app, req);
    const unit = userOf(req).unitId;
    return reply.html(
      renderPage(
        UserNewPage({
          ctx: viewCtx(req),
          form: emptyForm({ roles: ['petugas'], unit_id: unit ?? '' }),
          homes: h,
        }),
      ),
    );
  });

  app.post(
    '/admin/users',
    { config: perm, schema: { body: UserCreateBody }, attachValidation: true },
    async (req, reply) => {
      const h = await homes(app, req);
      let created: { id: string; oneTimePassword: string | null } | undefined;
      const sent = await handleForm(
        req,
        reply,
        (form) => renderPage(UserNewPage({ ctx: viewCtx(req), form, homes: h })),
        async () => {
          created = await service.createUser(ctxOf(req), req.body);
        },
      );
      if (sent || !created) return sent;
      const user = await service.getUser(ctxOf(req), created.id);
      if (created.oneTimePassword) {
        // Shown once, on this response only; never stored or logged in clear.
        reply.header('cache-control', 'no-store');
        return reply.html(
          renderPage(
            UserPage({
              ctx: viewCtx(req),
              user,
              form: formFromUser(user as never),
              homes: h,
              oneTime: created.oneTimePassword,
            }),
          ),
          201,
        );
      }
      setFlash(reply, 'users.created');
      return reply.redirect(`/admin/users/${created.id}`, 303);
    },
  );

  app.get('/admin/users/:id', { config: perm, schema: { params: IdParams } }, async (req, reply) => {
    const user = await service.getUser(ctxOf(req), req.params.id);
    return reply.html(
      renderPage(
        UserPage({
          ctx: viewCtx(req),
          user,
          form: formFromUser(user as never),
          homes: await homes(app, req),
        }),
      ),
    );
  });

  app.post(
    '/admin/users/:id',
    { config: perm, schema: { params: IdParams, body: UserUpdateBody }, attachValidation: true },
    async (req, reply) => {
      const user = await service.getUser(ctxOf(req), req.params.id);
      const h = await homes(app, req);
      return submitForm(req, reply, {
        render: (form) => renderPage(UserPage({ ctx: viewCtx(req), user, form, homes: h })),
        action: () => service.updateUser(ctxOf(req), user.id, req.body),
        flash: 'common.saved',
        redirect: () => `/admin/users/${user.id}`,
      });
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/admin/users/:id/${path}`,
      { config: perm, schema: { params: IdParams } },
      async (req, reply) => {
        if (!active) {
          const ctx = ctxOf(req);
          const asking = await askFirst(req, reply, {
            back: `/admin/users/${req.params.id}`,
            ask: async (v) => deactivateAsk(v, (await service.getUser(ctx, req.params.id)).full_name),
          });
          if (asking) return reply;
        }
        await service.setActive(ctxOf(req), req.params.id, active);
        setFlash(reply, active ? 'users.activated' : 'users.deactivated');
        return reply.redirect(`/admin/users/${req.params.id}`, 303);
      },
    );
  }

  app.post(
    '/admin/users/:id/reset-password',
    { config: perm, schema: { params: IdParams } },
    async (req, reply) => {
      const password = await service.resetPassword(ctxOf(req), req.params.id);
      const user = await service.getUser(ctxOf(req), req.params.id);
      reply.header('cache-control', 'no-store');
      return reply.html(
        renderPage(
          UserPage({
            ctx: viewCtx(req),
            user,
            form: formFromUser(user as never),
            homes: await homes(app, req),
            oneTime: password,
          }),
        ),
      );
    },
  );

  // ---- JSON API (the list's twin is declared with its page above) ----
  app.post(
    '/api/v1/users',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Create a user; without a password a one-time password is returned once',
        body: UserCreateBody,
        response: {
          201: Type.Object({ user: UserOut, one_time_password: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (req, reply) => {
      const r = await service.createUser(ctxOf(req), req.body);
      const user = await service.getUser(ctxOf(req), r.id);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ user: out(user), one_time_password: r.oneTimePassword });
    },
  );

  app.get(
    '/api/v1/users/:id',
    { config: perm, schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserOut } } },
    async (req) => out(await service.getUser(ctxOf(req), req.params.id)),
  );

  app.put(
    '/api/v1/users/:id',
    {
      config: perm,
      schema: {
        tags,
        summary: "Replace a user's details and roles",
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: UserOut },
      },
    },
    async (req) => {
      await service.updateUser(ctxOf(req), req.params.id, req.body);
      return out(await service.getUser(ctxOf(req), req.params.id));
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${path}`,
      {
        config: perm,
        schema: { tags, summary: `${path} a user`, params: IdParams, response: { 200: UserOut } },
      },
      async (req) => {
        await service.setActive(ctxOf(req), req.params.id, active);
        return out(await service.getUser(ctxOf(req), req.params.id));
      },
    );
  }

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: perm,
      schema: {
        tags,
        summary: "Issue a one-time password and end the user's sessions",
        params: IdParams,
        response: { 200: Type.Object({ one_time_password: Type.String() }) },
      },
    },
    async (req, reply) => {
      const password = await service.resetPassword(ctxOf(req), req.params.id);
      return reply.header('cache-control', 'no-store').send({ one_time_password: password });
    },
  );
}
