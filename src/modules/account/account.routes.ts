// The signed-in user's own account: profile, password, personal API tokens; HTML and /api/v1/me.
import { Type } from 'typebox';
import { AppError } from '../../app/errors.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { fieldErrorsFrom } from '../../app/validation.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { PasswordChangeBody } from '../users/users.schema.ts';
import { changeOwnPassword } from '../users/users.service.ts';
import { MeOut, TokenCreateBody, TokenOut } from './account.schema.ts';
import * as service from './account.service.ts';
import { AccountPage, PasswordPage } from './account.views.tsx';

const self = { permission: 'self' as const };
const tags = ['me'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function accountRoutes(app: App) {
  const accountPage = async (
    req: FastifyRequest,
    form: FormState = emptyForm(),
    newToken: string | null = null,
  ) =>
    renderPage(
      AccountPage({
        ctx: viewCtx(req),
        user: userOf(req),
        tokens: await service.listTokens(app.db, userOf(req).id),
        newToken,
        form,
      }),
    );

  app.get('/account', { config: self }, async (req, reply) => reply.html(await accountPage(req)));

  app.get('/account/password', { config: self }, async (req, reply) =>
    reply.html(renderPage(PasswordPage({ ctx: viewCtx(req), form: emptyForm() }))),
  );

  app.post(
    '/account/password',
    { config: self, schema: { body: PasswordChangeBody }, attachValidation: true },
    async (req, reply) => {
      const render = (form: FormState, status: number) =>
        reply.html(renderPage(PasswordPage({ ctx: viewCtx(req), form })), status);
      if (req.validationError)
        return render({ values: {}, errors: fieldErrorsFrom(req.validationError.validation) }, 400);
      try {
        await changeOwnPassword(app.db, actorOf(req), userOf(req), req.body);
      } catch (err) {
        if (err instanceof AppError && err.fields.length)
          return render({ values: {}, errors: err.fields }, err.status);
        throw err;
      }
      setFlash(reply, 'account.password.changed');
      return reply.redirect('/dashboard', 303);
    },
  );

  app.post(
    '/account/tokens',
    { config: self, schema: { body: TokenCreateBody }, attachValidation: true },
    async (req, reply) => {
      if (req.validationError) {
        const form = {
          values: { ...(req.body as object) },
          errors: fieldErrorsFrom(req.validationError.validation),
        };
        return reply.html(await accountPage(req, form), 400);
      }
      const created = await service.createToken(app.db, actorOf(req), userOf(req), req.body);
      reply.header('cache-control', 'no-store');
      return reply.html(await accountPage(req, emptyForm(), created.token), 201);
    },
  );

  app.post(
    '/account/tokens/:id/revoke',
    { config: self, schema: { params: IdParams } },
    async (req, reply) => {
      await service.revokeToken(app.db, actorOf(req), userOf(req), req.params.id);
      setFlash(reply, 'account.tokens.revoked');
      return reply.redirect('/account', 303);
    },
  );

  // ---- JSON API ----
  app.get(
    '/api/v1/me',
    { config: self, schema: { tags, summary: 'The signed-in user', response: { 200: MeOut } } },
    async (req) => {
      const u = userOf(req);
      return {
        id: u.id,
        username: u.username,
        full_name: u.fullName,
        roles: u.roles,
        unit_id: u.unitId,
        kanwil_id: u.kanwilId,
        home_name: u.homeName,
        time_zone: u.zone,
        locale: u.locale,
        must_change_password: u.mustChangePassword,
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: self,
      schema: {
        tags,
        summary: 'Change your password (ends your other sessions)',
        body: PasswordChangeBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(app.db, actorOf(req), userOf(req), req.body);
      return reply.code(204).send(null);
    },
  );

  const tokenOut = (t: Awaited<ReturnType<typeof service.listTokens>>[number]) => ({
    ...t,
    created_at: t.created_at.toISOString(),
    expires_at: iso(t.expires_at),
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
  });

  app.get(
    '/api/v1/me/tokens',
    {
      config: self,
      schema: {
        tags,
        summary: 'Your API tokens',
        response: { 200: Type.Object({ items: Type.Array(TokenOut) }) },
      },
    },
    async (req) => ({
      items: (await service.listTokens(app.db, userOf(req).id)).map(tokenOut),
    }),
  );

  app.post(
    '/api/v1/me/tokens',
    {
      config: self,
      schema: {
        tags,
        summary: 'Create an API token; the secret is returned only here',
        body: TokenCreateBody,
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await service.createToken(app.db, actorOf(req), userOf(req), req.body)),
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      config: self,
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await service.revokeToken(app.db, actorOf(req), userOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
