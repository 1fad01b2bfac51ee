// Quality-check pages: the batch list, sending a batch (/qc-batches/new?programme=), a batch, and
// its check; and their /api/v1/qc-batches twins.
import { AppError, conflict, notFound } from '../../app/errors.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { listProgrammes } from '../programmes/programmes.service.ts';
import { qualityApi } from './quality.api.ts';
import { batchLinesFromForm, checkLinesFromForm } from './quality.form.ts';
import { qualityMay } from './quality.policy.ts';
import { BatchForm, BatchListQuery, BatchOut, CheckForm, NewBatchQuery } from './quality.schema.ts';
import * as service from './quality.service.ts';
import {
  BatchListPage,
  BatchPage,
  CheckPage,
  ChooseProgrammePage,
  checkDefaults,
  NewBatchPage,
} from './quality.views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const view = { permission: 'production.view' as const };
const check = { permission: 'quality.check' as const };

/** Programmes a batch can come from: those with a partner, within the viewer's scope. */
async function partnerProgrammes(ctx: Ctx) {
  const r = await listProgrammes(ctx, { page: 1 });
  return r.rows.filter((p) => p.partner_id).map((p) => ({ id: p.id, name: p.name }));
}

export async function qualityRoutes(app: App) {
  listRoute(app, {
    path: '/qc-batches',
    permission: view.permission,
    query: BatchListQuery,
    load: (ctx, q, page) => service.listBatches(ctx, { programmeId: q.programme, status: q.status, page }),
    view: async (list, ctx) =>
      BatchListPage({ ...list, may: qualityMay(ctx.who), programmes: await partnerProgrammes(ctx) }),
    api: {
      tags: ['quality'],
      summary: "Quality-check batches in your scope (a partner instructor sees only their partner's)",
      item: BatchOut,
      paging: true,
    },
  });

  const newPage = async (req: FastifyRequest, programmeId: string, form?: FormState) => {
    const ctx = ctxOf(req);
    if (!UUID.test(programmeId)) throw notFound('programmes');
    const { programme, rows } = await service.awaitingCheck(ctx, programmeId);
    return renderPage(
      NewBatchPage({
        ctx: viewCtx(req),
        programme,
        rows,
        form: form ?? emptyForm({ sent_on: today(ctx, programme.timezone) }),
      }),
    );
  };

  app.get(
    '/qc-batches/new',
    { config: check, schema: { querystring: NewBatchQuery } },
    async (req, reply) => {
      if (req.query.programme) return reply.html(await newPage(req, req.query.programme));
      const ctx = ctxOf(req);
      return reply.html(
        renderPage(ChooseProgrammePage({ ctx: viewCtx(req), programmes: await partnerProgrammes(ctx) })),
      );
    },
  );

  app.post(
    '/qc-batches',
    { config: check, schema: { body: BatchForm }, attachValidation: true },
    async (req, reply) => {
      const programmeId = String((req.body as { programme_id?: unknown } | undefined)?.programme_id ?? '');
      let id = '';
      return submitForm(req, reply, {
        render: (form) => newPage(req, programmeId, form),
        action: async () => {
          try {
            id = await service.createBatch(ctxOf(req), {
              programmeId: req.body.programme_id,
              sentOn: req.body.sent_on,
              lines: batchLinesFromForm(req.body),
            });
          } catch (err) {
            // The ledger's refusal (a maker holds fewer than asked) shown on the form, not a bare page.
            if (err instanceof AppError && err.code === 'stock.insufficient')
              err.fields.push({ field: 'lines', key: err.key, params: err.params });
            throw err;
          }
        },
        flash: 'quality.sentFlash',
        redirect: () => `/qc-batches/${id}`,
      });
    },
  );

  app.get('/qc-batches/:id', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.batchDetail(ctx, req.params.id);
    return reply.html(renderPage(BatchPage({ ctx: viewCtx(req), d, may: qualityMay(ctx.who) })));
  });

  // The batch is asked for (for: 'check') on the page and in the action: another partner's is 404.
  formRoute(app, {
    path: '/qc-batches/:id/check',
    permission: check.permission,
    params: IdParams,
    body: CheckForm,
    page: async (req, { id }, form) => {
      const ctx = ctxOf(req);
      const d = await service.batchDetail(ctx, id, { for: 'check' });
      if (d.batch.status !== 'sent') throw conflict('quality.already_checked', 'quality.alreadyChecked');
      return renderPage(
        CheckPage({ ctx: viewCtx(req), d, form: form ?? checkDefaults(d, today(ctx, d.batch.timezone)) }),
      );
    },
    action: async (req, { id }, body) => {
      const ctx = ctxOf(req);
      const d = await service.batchDetail(ctx, id, { for: 'check' });
      const lines = checkLinesFromForm(
        body,
        d.lines.map((l) => l.id),
      );
      await service.recordCheck(ctx, d.batch.id, { checkedOn: body.checked_on, lines });
      return d.batch.id;
    },
    flash: 'quality.checked',
    redirect: (_params, id) => `/qc-batches/${id}`,
  });

  await qualityApi(app);
}
