// Agreement pages: list, record, edit a draft, addendum, status actions, documents, monev,
// the PDF summary and reminders.

import { askFirst } from '../../app/confirm.tsx';
import { contentDisposition } from '../../app/downloads.ts';
import { forbidden } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest, userOf } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { listFiles, storeFileTx } from '../files/files.service.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { headOfUnit } from '../users/users.service.ts';
import { type AgreementFormValues, formFromAgreement, formToInput } from './agreements.form.ts';
import { AgreementFormPage } from './agreements.form.views.tsx';
import { AgreementListPage } from './agreements.list.views.tsx';
import { agreementSummaryPdf } from './agreements.pdf.ts';
import { agreement, mayAgreement } from './agreements.policy.ts';
import { dueReminders } from './agreements.reminders.ts';
import { RemindersPage } from './agreements.reminders.views.tsx';
import {
  ActionBody,
  ActionStatusBody,
  AddendumForm,
  AgreementForm,
  AgreementListQuery,
  AgreementOut,
  AgreementQuery,
  EvaluationBody,
  SignBody,
} from './agreements.schema.ts';
import * as service from './agreements.service.ts';
import { readUpload } from './agreements.upload.ts';
import { AgreementPage, terminateAsk } from './agreements.views.tsx';

const view = { permission: 'agreements.view' as const };
const manage = { permission: 'agreements.manage' as const };
const sign = { permission: 'agreements.sign' as const };

export async function agreementsRoutes(app: App) {
  const mb = Math.round((app.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;

  const detailPage = async (
    req: FastifyRequest,
    id: string,
    on: string | undefined,
    forms: { upload?: FormState; evaluation?: FormState; action?: FormState } = {},
  ) => {
    const ctx = ctxOf(req);
    const d = await service.agreementDetail(ctx, id, on);
    const documents = await listFiles(ctx.db, 'agreement', d.agreement.id);
    return renderPage(
      AgreementPage({
        ctx: viewCtx(req),
        may: { manage: mayAgreement(ctx.who, 'manage'), sign: mayAgreement(ctx.who, 'sign') },
        d,
        documents,
        uploadForm: forms.upload ?? emptyForm(),
        evalForm: forms.evaluation ?? emptyForm({ evaluated_on: d.on, evaluator: userOf(req).fullName }),
        actionForm: forms.action ?? emptyForm(),
        maxUploadMb: mb,
      }),
    );
  };

  const formPage = async (
    req: FastifyRequest,
    form: FormState,
    mode: 'new' | 'edit' | 'addendum',
    opts: { id?: string; parentTitle?: string } = {},
  ) => {
    const ctx = ctxOf(req);
    const [partners, programAksi] = await Promise.all([
      partnerOptions(ctx),
      listProgramAksi(ctx, { activeOnly: true }),
    ]);
    const action =
      mode === 'new'
        ? '/agreements'
        : mode === 'edit'
          ? `/agreements/${opts.id}`
          : `/agreements/${opts.id}/addendum`;
    return renderPage(
      AgreementFormPage({
        ctx: viewCtx(req),
        form,
        mode,
        action,
        partners,
        programAksi,
        parentTitle: opts.parentTitle,
        backHref: opts.id ? `/agreements/${opts.id}` : '/agreements',
      }),
    );
  };

  // The API twin keeps its place at the head of agreementsApi's routes (the OpenAPI order).
  listRoute(app, {
    path: '/agreements',
    permission: view.permission,
    query: AgreementListQuery,
    load: (ctx, q, page) =>
      service.listAgreements(ctx, { q: q.q, status: q.status, partnerId: q.partner_id, page }),
    view: (list, ctx) => AgreementListPage({ ...list, canManage: mayAgreement(ctx.who, 'manage') }),
    api: {
      tags: ['agreements'],
      summary: 'Agreements in your scope (addenda are listed on their parent)',
      item: AgreementOut,
    },
  });

  app.get('/agreements/reminders', { config: view }, async (req, reply) => {
    const ctx = ctxOf(req);
    const items = await dueReminders(ctx, today(ctx));
    return reply.html(renderPage(RemindersPage({ ctx: viewCtx(req), items })));
  });

  app.get(
    '/agreements/new',
    {
      config: manage,
      schema: {
        querystring: { type: 'object', properties: { partner_id: { type: 'string', format: 'uuid' } } },
      },
    },
    async (req, reply) => {
      const partnerId = (req.query as { partner_id?: string }).partner_id ?? '';
      return reply.html(
        await formPage(
          req,
          emptyForm({
            partner_id: partnerId,
            kind: 'pks',
            pay_model: 'none',
            valid_from: today(ctxOf(req)),
          }),
          'new',
        ),
      );
    },
  );

  app.post(
    '/agreements',
    { config: manage, schema: { body: AgreementForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, 'new'),
        action: async () => {
          id = await service.createAgreement(ctxOf(req), {
            ...formToInput(req.body),
            partner_id: req.body.partner_id,
            kind: req.body.kind,
          });
        },
        flash: 'agreements.created',
        redirect: () => `/agreements/${id}`,
      });
    },
  );

  app.get(
    '/agreements/:id',
    { config: view, schema: { params: IdParams, querystring: AgreementQuery } },
    async (req, reply) => reply.html(await detailPage(req, req.params.id, req.query.on)),
  );

  app.get('/agreements/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    await agreement(ctx, req.params.id, { for: 'edit' });
    const d = await service.agreementDetail(ctx, req.params.id);
    const own = d.versions.find((v) => v.source_id === d.agreement.id);
    return reply.html(
      await formPage(
        req,
        emptyForm(
          formFromAgreement(
            d.agreement,
            own,
            d.programAksi.map((p) => p.id),
          ),
        ),
        'edit',
        { id: d.agreement.id },
      ),
    );
  });

  app.post(
    '/agreements/:id',
    { config: manage, schema: { params: IdParams, body: AddendumForm }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, 'edit', { id: req.params.id }),
        action: () =>
          service.updateAgreement(ctxOf(req), req.params.id, formToInput(req.body as AgreementFormValues)),
        flash: 'common.saved',
        redirect: () => `/agreements/${req.params.id}`,
      });
    },
  );

  app.get(
    '/agreements/:id/addendum',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await agreement(ctx, req.params.id, { for: 'manage' });
      const form = emptyForm({
        title: `Adendum ${a.title}`,
        valid_from: today(ctx),
        pay_model: 'none',
      });
      return reply.html(await formPage(req, form, 'addendum', { id: a.id, parentTitle: a.title }));
    },
  );

  app.post(
    '/agreements/:id/addendum',
    { config: manage, schema: { params: IdParams, body: AddendumForm }, attachValidation: true },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await agreement(ctx, req.params.id, { for: 'manage' });
      let id = '';
      return submitForm(req, reply, {
        render: (form) => formPage(req, form, 'addendum', { id: a.id, parentTitle: a.title }),
        action: async () => {
          id = await service.createAddendum(ctx, a.id, formToInput(req.body));
        },
        flash: 'agreements.created',
        redirect: () => `/agreements/${id}`,
      });
    },
  );

  const runAction = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    body: {
      action: 'sign' | 'activate' | 'expire' | 'terminate';
      reason?: string | undefined;
      on?: string | undefined;
      signed_on?: string | undefined;
    },
  ) => {
    return submitForm(req, reply, {
      render: (form) => detailPage(req, id, undefined, { action: form }),
      action: () => service.act(ctxOf(req), id, body),
      flash: 'action.done',
      redirect: () => `/agreements/${id}`,
    });
  };

  app.post(
    '/agreements/:id/sign',
    { config: sign, schema: { params: IdParams, body: SignBody }, attachValidation: true },
    async (req, reply) =>
      runAction(req, reply, req.params.id, { action: 'sign', signed_on: req.body?.signed_on || undefined }),
  );

  app.post(
    '/agreements/:id/actions',
    { config: manage, schema: { params: IdParams, body: ActionBody }, attachValidation: true },
    async (req, reply) => {
      if (req.body?.action === 'sign') throw forbidden();
      const b = req.body;
      // Ending an agreement asks first, once its reason is given (a missing one is said on the form).
      if (!req.validationError && b.action === 'terminate' && b.reason?.trim()) {
        const ctx = ctxOf(req);
        const reason = b.reason.trim();
        const asking = await askFirst(req, reply, {
          back: `/agreements/${req.params.id}`,
          ask: async (v) => {
            const d = await service.agreementDetail(ctx, req.params.id);
            return terminateAsk(v, d.agreement.title, { on: b.on || today(ctx, d.unit.timezone), reason });
          },
        });
        if (asking) return reply;
      }
      return runAction(req, reply, req.params.id, b);
    },
  );

  app.post(
    '/agreements/:id/documents',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await agreement(ctx, req.params.id, { for: 'manage' });
      return submitForm(req, reply, {
        render: (form) => detailPage(req, a.id, undefined, { upload: { values: {}, errors: form.errors } }),
        action: async () => {
          const upload = await readUpload(req.body);
          await storeFileTx(ctx, {
            unitId: a.unit_id,
            ownerType: 'agreement',
            ownerId: a.id,
            kind: upload.kind,
            upload,
            maxBytes: app.config.uploadMaxBytes,
          });
        },
        flash: 'docs.uploaded',
        redirect: () => `/agreements/${a.id}`,
      });
    },
  );

  app.post(
    '/agreements/:id/evaluations',
    { config: manage, schema: { params: IdParams, body: EvaluationBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => detailPage(req, req.params.id, undefined, { evaluation: form }),
        action: () => service.recordEvaluation(ctxOf(req), req.params.id, req.body),
        flash: 'eval.saved',
        redirect: () => `/agreements/${req.params.id}`,
      });
    },
  );

  app.post(
    '/agreements/:id/evaluation-actions/:actionId',
    {
      config: manage,
      schema: {
        params: {
          type: 'object',
          required: ['id', 'actionId'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            actionId: { type: 'string', format: 'uuid' },
          },
        },
        body: ActionStatusBody,
      },
    },
    async (req, reply) => {
      const params = req.params as { id: string; actionId: string };
      let agreementId = '';
      return submitForm(req, reply, {
        render: (form) => detailPage(req, params.id, undefined, { evaluation: form }),
        action: async () => {
          agreementId = await service.setEvaluationActionStatus(ctxOf(req), params.actionId, req.body.status);
        },
        flash: 'common.saved',
        redirect: () => `/agreements/${agreementId}`,
      });
    },
  );

  app.get(
    '/agreements/:id/summary.pdf',
    { config: view, schema: { params: IdParams, querystring: AgreementQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const d = await service.agreementDetail(ctx, req.params.id, req.query.on);
      const pdf = await agreementSummaryPdf(d, {
        t: req.t,
        lang: req.lang,
        today: today(ctx),
        head: await headOfUnit(ctx.db, d.agreement.unit_id),
      });
      const name = `ringkasan-${d.agreement.title
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .slice(0, 60)
        .toLowerCase()}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
