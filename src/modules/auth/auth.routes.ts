// Sign-in and sign-out pages. (The language switch is the account's: account.routes.ts.)

import { AppError } from '../../app/errors.ts';
import { emptyForm } from '../../app/forms.tsx';
import { type App, ctxOf, safeNext, userOf } from '../../app/http.ts';
import { fieldErrorsFrom } from '../../app/validation.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { SignInBody } from './auth.schema.ts';
import { signIn, signOut } from './auth.service.ts';
import { SignInPage } from './auth.views.tsx';

export async function authRoutes(app: App) {
  const cookieOpts = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.cookieSecure,
  };

  app.get(
    '/login',
    {
      config: { permission: 'public' },
      schema: { querystring: { type: 'object', properties: { next: { type: 'string' } } } },
    },
    async (req, reply) => {
      if (req.user) return reply.redirect('/dashboard', 303);
      const next = (req.query as { next?: string }).next;
      return reply.html(
        renderPage(SignInPage({ ctx: viewCtx(req), form: emptyForm({ next: safeNext(next) }) })),
      );
    },
  );

  app.post(
    '/login',
    { config: { permission: 'public' }, schema: { body: SignInBody }, attachValidation: true },
    async (req, reply) => {
      const values = { ...(req.body as Record<string, unknown>) };
      if (req.validationError) {
        const form = { values, errors: fieldErrorsFrom(req.validationError.validation) };
        return reply.html(renderPage(SignInPage({ ctx: viewCtx(req), form })), 400);
      }
      try {
        const r = await signIn(app.db, app.config, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
        });
        reply.setCookie('sm_sid', r.token, { ...cookieOpts, maxAge: app.config.sessionAbsoluteHours * 3600 });
        if (!req.cookies.sm_lang)
          reply.setCookie('sm_lang', r.locale, { ...cookieOpts, maxAge: 365 * 86400 });
        const next = safeNext(req.body.next);
        return reply.redirect(next === '/' ? '/dashboard' : next, 303);
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 429)) {
          const ctx = viewCtx(req);
          return reply.html(
            renderPage(SignInPage({ ctx, form: emptyForm(values), message: ctx.t(err.key, err.params) })),
            err.status,
          );
        }
        throw err;
      }
    },
  );

  app.post('/logout', { config: { permission: 'self' } }, async (req, reply) => {
    await signOut(ctxOf(req), userOf(req).sessionIdHash);
    reply.clearCookie('sm_sid', { path: '/' });
    reply.setCookie('sm_flash', 'auth.signedOut', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
    return reply.redirect('/login', 303);
  });
}
