// Personal data protection pages (UU 27/2022): the breach register (/privacy/breaches), the legal
// basis per data category (/privacy/legal-basis) and the inmate access log (/privacy/access-log).
import { formRoute } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listPage, listRoute } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { unitOptions } from '../units/units.service.ts';
import { LegalBasisFormPage, LegalBasisPage } from './privacy.basis.views.tsx';
import { accessLogList, breachList } from './privacy.lists.ts';
import { privacyMay } from './privacy.policy.ts';
import { localInputValue } from './privacy.rules.ts';
import { BreachBody, CloseBody, LegalBasisBody, NoticeBody } from './privacy.schema.ts';
import * as service from './privacy.service.ts';
import { BreachFormPage, BreachPage, ClosePage, NoticePage } from './privacy.views.tsx';

const view = { permission: 'privacy.breaches.view' as const };
const manage = { permission: 'privacy.breaches.manage' as const };
const basisView = { permission: 'privacy.basis.view' as const };
const basisManage = { permission: 'reference.manage' as const };

export async function privacyRoutes(app: App) {
  /** Now, as the form's local date and time in the user's zone. */
  const now = (req: FastifyRequest) => {
    const ctx = ctxOf(req);
    return localInputValue(ctx.now, ctx.who.zone);
  };

  // The menu's one entry: the breach register for those who keep it, the legal basis for the rest.
  app.get('/privacy', { config: basisView }, async (req, reply) =>
    reply.redirect(privacyMay(ctxOf(req).who).breaches ? '/privacy/breaches' : '/privacy/legal-basis', 303),
  );

  // ---- breach register ----

  // The API twin keeps its place at the head of privacyApi's routes (the OpenAPI order).
  listRoute(app, breachList);

  const formPage = async (req: FastifyRequest, form: FormState) =>
    renderPage(
      BreachFormPage({
        ctx: viewCtx(req),
        form,
        units: await unitOptions(ctxOf(req)),
        categories: await service.categoryOptions(ctxOf(req)),
      }),
    );

  formRoute(app, {
    path: '/privacy/breaches/new',
    post: '/privacy/breaches',
    permission: manage.permission,
    body: BreachBody,
    page: (req, _p, form) => formPage(req, form ?? emptyForm({ found_at: now(req), people_affected: '' })),
    action: (req, _p, body) => service.createBreach(ctxOf(req), body),
    flash: 'privacy.createdShort',
    redirect: (_p, id) => `/privacy/breaches/${id}`,
  });

  app.get('/privacy/breaches/:id', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const b = await service.getBreach(ctx, req.params.id);
    const categories = await service.categoryOptions(ctx);
    return reply.html(renderPage(BreachPage({ ctx: viewCtx(req), b, categories, may: privacyMay(ctx.who) })));
  });

  const noticePage = async (req: FastifyRequest, id: string, form?: FormState) => {
    const b = await service.getBreach(ctxOf(req), id);
    const f = form ?? emptyForm({ recipient: b.state.pending[0] ?? '', notified_at: now(req) });
    return renderPage(NoticePage({ ctx: viewCtx(req), b, form: f }));
  };

  formRoute(app, {
    path: '/privacy/breaches/:id/notify',
    post: '/privacy/breaches/:id/notifications',
    permission: manage.permission,
    params: IdParams,
    body: NoticeBody,
    page: (req, p, form) => noticePage(req, p.id, form),
    action: async (req, p, body) => {
      const b = await service.getBreach(ctxOf(req), p.id);
      await service.recordNotice(ctxOf(req), b.id, body);
      return b.id;
    },
    flash: 'privacy.noticeSaved',
    redirect: (_p, id) => `/privacy/breaches/${id}`,
  });

  const closePage = async (req: FastifyRequest, id: string, form: FormState = emptyForm()) => {
    const b = await service.getBreach(ctxOf(req), id);
    return renderPage(ClosePage({ ctx: viewCtx(req), b, form }));
  };

  formRoute(app, {
    path: '/privacy/breaches/:id/close',
    permission: manage.permission,
    params: IdParams,
    body: CloseBody,
    page: (req, p, form) => closePage(req, p.id, form),
    action: async (req, p, body) => {
      const b = await service.getBreach(ctxOf(req), p.id);
      await service.closeBreach(ctxOf(req), b.id, body);
      return b.id;
    },
    flash: 'privacy.closed',
    redirect: (_p, id) => `/privacy/breaches/${id}`,
  });

  // ---- legal basis ----

  app.get('/privacy/legal-basis', { config: basisView }, async (req, reply) =>
    reply.html(
      renderPage(
        LegalBasisPage({
          ctx: viewCtx(req),
          rows: await service.listLegalBasis(ctxOf(req)),
          may: privacyMay(ctxOf(req).who),
        }),
      ),
    ),
  );

  const basisForm = (req: FastifyRequest, form: FormState, id?: string) =>
    renderPage(LegalBasisFormPage({ ctx: viewCtx(req), form, ...(id ? { id } : {}) }));

  formRoute(app, {
    path: '/privacy/legal-basis/new',
    post: '/privacy/legal-basis',
    permission: basisManage.permission,
    body: LegalBasisBody,
    page: (req, _p, form) => basisForm(req, form ?? emptyForm()),
    action: (req, _p, body) => service.saveLegalBasis(ctxOf(req), body),
    flash: 'privacy.basis.saved',
    redirect: () => '/privacy/legal-basis',
  });

  formRoute(app, {
    path: '/privacy/legal-basis/:id/edit',
    post: '/privacy/legal-basis/:id',
    permission: basisManage.permission,
    params: IdParams,
    body: LegalBasisBody,
    page: async (req, p, form) => {
      if (form) return basisForm(req, form, p.id);
      const row = await service.getLegalBasis(ctxOf(req), p.id);
      return basisForm(req, emptyForm(row), row.id);
    },
    action: (req, p, body) => service.saveLegalBasis(ctxOf(req), body, p.id),
    flash: 'privacy.basis.saved',
    redirect: () => '/privacy/legal-basis',
  });

  // ---- inmate access log ----

  // Its API twin is registered last in privacyApi, where the OpenAPI document lists it.
  listPage(app, accessLogList);
}
