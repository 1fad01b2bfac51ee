// The signed-in user's own account: profile, password, personal API tokens, and the language
// switch (which persists in a cookie and, when signed in, on the account); HTML and /api/v1/me.
import { Type } from 'typebox';
import { handleForm, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, safeNext, setFlash, userOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { PasswordChangeBody } from '../users/users.schema.ts';
import { changeOwnPassword, ownNip, setLocale, setOwnNip } from '../users/users.service.ts';
import { LanguageBody, MeOut, NipBody, TokenCreateBody, TokenOut } from './account.schema.ts';
import * as service from './account.service.ts';
import { AccountPage, PasswordPage } from './account.views.tsx';

const self = { permission: 'self' as const };
const tags = ['me'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function accountRoutes(app: App) {
  app.post(
    '/language',
    { config: { permission: 'public' }, schema: { body: LanguageBody } },
    async (req, reply) => {
      reply.setCookie('sm_lang', req.body.lang, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.cookieSecure,
        maxAge: 365 * 86400,
      });
      if (req.user && req.user.locale !== req.body.lang) await setLocale(ctxOf(req), req.body.lang);
      return reply.redirect(safeNext(req.body.next), 303);
    },
  );

  const accountPage = async (
    req: FastifyRequest,
    form: FormState = emptyForm(),
    newToken: string | null = null,
    nipForm?: FormState,
  ) =>
    renderPage(
      AccountPage({
        ctx: viewCtx(req),
        user: userOf(req),
        tokens: await service.listTokens(ctxOf(req)),
        newToken,
        form,
        nipForm: nipForm ?? emptyForm({ nip: (await ownNip(ctxOf(req))) ?? '' }),
      }),
    );

  app.get('/account', { config: self }, async (req, reply) => reply.html(await accountPage(req)));

  app.post(
    '/account/nip',
    { config: self, schema: { body: NipBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => accountPage(req, emptyForm(), null, form),
        action: () => setOwnNip(ctxOf(req), req.body),
        flash: 'common.saved',
        redirect: () => '/account',
      }),
  );

  app.get('/account/password', { config: self }, async (req, reply) =>
    reply.html(renderPage(PasswordPage({ ctx: viewCtx(req), form: emptyForm() }))),
  );

  app.post(
    '/account/password',
    { config: self, schema: { body: PasswordChangeBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        // Passwords are never echoed back into the form.
        render: (form) => renderPage(PasswordPage({ ctx: viewCtx(req), form: { ...form, values: {} } })),
        action: () => changeOwnPassword(ctxOf(req), req.body, userOf(req).sessionIdHash),
        flash: 'account.password.changed',
        redirect: () => '/dashboard',
      }),
  );

  app.post(
    '/account/tokens',
    { config: self, schema: { body: TokenCreateBody }, attachValidation: true },
    async (req, reply) => {
      // The new token is shown once, on this response: no redirect, so not submitForm.
      let token = '';
      const sent = await handleForm(
        req,
        reply,
        (form) => accountPage(req, form),
        async () => {
          token = (await service.createToken(ctxOf(req), req.body)).token;
        },
      );
      if (sent) return sent;
      reply.header('cache-control', 'no-store');
      return reply.html(await accountPage(req, emptyForm(), token), 201);
    },
  );

  app.post(
    '/account/tokens/:id/revoke',
    { config: self, schema: { params: IdParams } },
    async (req, reply) => {
      await service.revokeToken(ctxOf(req), req.params.id);
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
      await changeOwnPassword(ctxOf(req), req.body, userOf(req).sessionIdHash);
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
      items: (await service.listTokens(ctxOf(req))).map(tokenOut),
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
        .send(await service.createToken(ctxOf(req), req.body)),
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      config: self,
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await service.revokeToken(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
