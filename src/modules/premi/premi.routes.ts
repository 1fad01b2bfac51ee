// Pages of the monthly premi runs: the list (/premi, with its /api/v1/premi/runs twin) and the
// "prepare a month" form, one run with its review/approve/reverse actions, one inmate's breakdown,
// and the unit's premi settings.
import { AppError, invalid } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { defineList, listRoute } from '../../app/list-route.ts';
import { can } from '../../app/policy.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { InmatePage } from './premi.inmate.views.tsx';
import { premiMay } from './premi.policy.ts';
import { RunPage } from './premi.run.views.tsx';
import {
  InmateParams,
  PrepareForm,
  ReverseForm,
  RunListQuery,
  RunOut,
  runOut,
  SettingsForm,
} from './premi.schema.ts';
import * as service from './premi.service.ts';
import { SettingsPage } from './premi.settings.views.tsx';
import { RunsPage } from './premi.views.tsx';

const view = { permission: 'premi.view' as const };

/** Refusals of a whole month are shown on the form's month field, with the answers kept. */
function onMonth(err: unknown): unknown {
  if (err instanceof AppError && err.fields.length === 0 && err.code.startsWith('premi.'))
    return new AppError(err.code, err.status, err.key, err.params, [
      { field: 'month', key: err.key, params: err.params },
    ]);
  return err;
}

export async function premiRoutes(app: App) {
  const listPage = (prepare?: FormState) =>
    defineList({
      path: '/premi',
      permission: view.permission,
      query: RunListQuery,
      load: (ctx, q, page) => service.listRuns(ctx, { unitId: q.unit_id, status: q.status, page }),
      view: (list, ctx) =>
        RunsPage({
          ...list,
          may: premiMay(ctx.who),
          prepare: prepare ?? emptyForm(),
          canSettings: can(ctx.who, 'premi.approve') && !!ctx.who.unitId,
        }),
      api: {
        path: '/api/v1/premi/runs',
        tags: ['premi'],
        summary: "Premi runs of the user's units, newest month first",
        item: RunOut,
        row: runOut,
        paging: true,
      },
    });
  listRoute(app, listPage());

  app.post(
    '/premi/runs',
    { config: { permission: 'premi.prepare' }, schema: { body: PrepareForm }, attachValidation: true },
    async (req, reply) => {
      const ctx = ctxOf(req);
      let id = '';
      return submitForm(req, reply, {
        render: async (form) => {
          const d = listPage(form);
          const r = await d.load(ctx, {}, 1);
          return renderPage(
            await d.view(
              { ctx: viewCtx(req), rows: r.rows, total: r.total, page: 1, pageSize: r.pageSize, query: {} },
              ctx,
            ),
          );
        },
        action: async () => {
          if (!ctx.who.unitId) throw invalid([{ field: 'month', key: 'err.required' }]);
          try {
            id = await service.prepareRun(ctx, { unitId: ctx.who.unitId, month: req.body.month });
          } catch (err) {
            throw onMonth(err);
          }
        },
        flash: 'premi.prepared',
        redirect: () => `/premi/runs/${id}`,
      });
    },
  );

  const runPage = async (req: FastifyRequest, id: string, reverse?: FormState) => {
    const ctx = ctxOf(req);
    return renderPage(
      RunPage({
        ctx: viewCtx(req),
        d: await service.runDetail(ctx, id),
        may: premiMay(ctx.who),
        reverse: reverse ?? emptyForm(),
      }),
    );
  };

  app.get('/premi/runs/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await runPage(req, req.params.id)),
  );

  app.get(
    '/premi/runs/:id/inmates/:inmateId',
    { config: view, schema: { params: InmateParams } },
    async (req, reply) =>
      reply.html(
        renderPage(
          InmatePage({
            ctx: viewCtx(req),
            d: await service.inmateBreakdown(ctxOf(req), req.params.id, req.params.inmateId),
          }),
        ),
      ),
  );

  app.post(
    '/premi/runs/:id/review',
    { config: { permission: 'premi.prepare' }, schema: { params: IdParams } },
    async (req, reply) =>
      submitForm(req, reply, {
        render: () => runPage(req, req.params.id),
        action: () => service.reviewRun(ctxOf(req), req.params.id),
        flash: 'premi.reviewed',
        redirect: () => `/premi/runs/${req.params.id}`,
      }),
  );

  app.post(
    '/premi/runs/:id/approve',
    { config: { permission: 'premi.approve' }, schema: { params: IdParams } },
    async (req, reply) =>
      submitForm(req, reply, {
        render: () => runPage(req, req.params.id),
        action: () => service.approveRun(ctxOf(req), req.params.id),
        flash: 'premi.posted',
        redirect: () => `/premi/runs/${req.params.id}`,
      }),
  );

  app.post(
    '/premi/runs/:id/reverse',
    {
      config: { permission: 'premi.prepare' },
      schema: { params: IdParams, body: ReverseForm },
      attachValidation: true,
    },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => runPage(req, req.params.id, form),
        action: async () => {
          id = await service.reverseRun(ctxOf(req), req.params.id, req.body);
        },
        flash: 'premi.reversalPrepared',
        redirect: () => `/premi/runs/${id}`,
      });
    },
  );

  const settingsPage = async (req: FastifyRequest, form?: FormState) => {
    const ctx = ctxOf(req);
    if (!ctx.who.unitId) throw new AppError('auth.forbidden', 403, 'err.forbidden');
    const s = await service.premiSettings(ctx, ctx.who.unitId);
    return renderPage(
      SettingsPage({
        ctx: viewCtx(req),
        unitName: s.name,
        form:
          form ??
          emptyForm({
            premi_pct: s.premi_pct,
            pnbp_pct: s.pnbp_pct,
            capital_pct: s.capital_pct,
            premi_min_session: s.premi_min_session,
            premi_spendable_pct: s.premi_spendable_pct,
          }),
      }),
    );
  };

  app.get('/premi/settings', { config: { permission: 'premi.approve' } }, async (req, reply) =>
    reply.html(await settingsPage(req)),
  );

  app.post(
    '/premi/settings',
    { config: { permission: 'premi.approve' }, schema: { body: SettingsForm }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => settingsPage(req, form),
        action: async () => {
          const ctx = ctxOf(req);
          if (!ctx.who.unitId) throw new AppError('auth.forbidden', 403, 'err.forbidden');
          await service.updatePremiSettings(ctx, ctx.who.unitId, req.body);
        },
        flash: 'premi.settingsSaved',
        redirect: () => '/premi/settings',
      }),
  );
}
