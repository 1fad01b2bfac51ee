// Pages for stock-takes and write-offs: the list, the stock-take sheet and the write-off form (one
// post), an adjustment's page and the Kepala UPT's decision on it.

import { AppError, type FieldError, invalid } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { defineList, listPage } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import * as service from './adjustments.service.ts';
import {
  AdjustmentListPage,
  AdjustmentPage,
  StocktakeFormPage,
  WriteOffFormPage,
} from './adjustments.views.tsx';
import { stockMay } from './materials.policy.ts';
import { type LineInput, wholeNumber } from './materials.rules.ts';
import {
  AdjustmentListQuery,
  AdjustmentOut,
  DecisionForm,
  NewAdjustmentQuery,
  StocktakeForm,
  WriteOffForm,
} from './materials.schema.ts';

export const adjustmentsList = defineList({
  path: '/stock/adjustments',
  permission: 'stock.view',
  query: AdjustmentListQuery,
  load: (ctx, q, page) => service.listAdjustments(ctx, { status: q.status, kind: q.kind, page }),
  view: (list, ctx) => AdjustmentListPage({ ...list, may: stockMay(ctx.who) }),
  api: {
    path: '/api/v1/stock-adjustments',
    tags: ['stock'],
    summary: 'Stock-takes and write-offs in your scope, newest first',
    item: AdjustmentOut,
    row: (a) => ({ ...a, decided_at: a.decided_at ? a.decided_at.toISOString() : null }),
    paging: true,
  },
});

const ITEM = /^(counted|reason|expected)\.([mp])\.([0-9a-f-]{36})$/;

/** The stock-take sheet's answers as lines: every item with a count; a bad count is its field's error. */
export function sheetLines(body: Record<string, unknown>): LineInput[] {
  const lines = new Map<string, LineInput>();
  const errors: FieldError[] = [];
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  for (const key of Object.keys(body)) {
    const m = ITEM.exec(key);
    if (m?.[1] !== 'counted') continue;
    const k = `${m[2]}.${m[3]}`;
    const counted = wholeNumber(text(key));
    if (counted === null) {
      errors.push({ field: key, key: 'adjustments.badCount' });
      continue;
    }
    const expected = wholeNumber(text(`expected.${k}`));
    lines.set(k, {
      ...(m[2] === 'm' ? { material_id: m[3] } : { product_id: m[3] }),
      counted,
      ...(expected !== null ? { expected } : {}),
      reason: text(`reason.${k}`),
    });
  }
  if (errors.length) throw invalid(errors);
  return [...lines.values()];
}

/** A write-off form names one item: its errors (`qty.m.<id>`) go back to the form's own fields. */
function plainFields(err: unknown): never {
  if (err instanceof AppError && err.fields.length)
    throw new AppError(
      err.code,
      err.status,
      err.key,
      err.params,
      err.fields.map((f) => ({ ...f, field: f.field.split('.')[0] ?? f.field })),
    );
  throw err;
}

/** A refusal with no field (already decided, more than in stock) shown at the top of the decision form. */
function onDecision(err: unknown): never {
  if (err instanceof AppError && err.fields.length === 0 && err.status === 409)
    throw new AppError(err.code, err.status, err.key, err.params, [
      { field: 'decision', key: err.key, params: err.params },
    ]);
  throw err;
}

export async function adjustmentsRoutes(app: App) {
  listPage(app, adjustmentsList);

  const newPage = async (req: FastifyRequest, kind: 'stocktake' | 'write_off', form?: FormState) => {
    const ctx = ctxOf(req);
    const sheet = await service.countSheet(ctx, service.adjustmentUnit(ctx));
    const f = form ?? emptyForm({ day: today(ctx) });
    const props = { ctx: viewCtx(req), form: f, ...sheet };
    return renderPage(kind === 'stocktake' ? StocktakeFormPage(props) : WriteOffFormPage(props));
  };

  app.get(
    '/stock/adjustments/new',
    { config: { permission: 'stock.manage' }, schema: { querystring: NewAdjustmentQuery } },
    async (req, reply) => reply.html(await newPage(req, req.query.kind ?? 'stocktake')),
  );

  // Each form posts to its own path, so each is checked against its own schema alone.
  app.post(
    '/stock/adjustments/stocktakes',
    { config: { permission: 'stock.manage' }, schema: { body: StocktakeForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => newPage(req, 'stocktake', form),
        action: async () => {
          const body = req.body as Record<string, unknown>;
          id = await service.createAdjustment(ctxOf(req), {
            kind: 'stocktake',
            day: req.body.day,
            note: req.body.note,
            lines: sheetLines(body),
          });
        },
        flash: 'adjustments.submitted',
        redirect: () => `/stock/adjustments/${id}`,
      });
    },
  );

  app.post(
    '/stock/adjustments/write-offs',
    { config: { permission: 'stock.manage' }, schema: { body: WriteOffForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => newPage(req, 'write_off', form),
        action: async () => {
          const w = req.body;
          const [t, itemId] = w.item.split('.') as [string, string];
          const qty = wholeNumber(w.qty);
          if (qty === null || qty === 0) throw invalid([{ field: 'qty', key: 'stock.badQuantity' }]);
          id = await service
            .createAdjustment(ctxOf(req), {
              kind: 'write_off',
              day: w.day,
              note: w.note,
              lines: [
                { ...(t === 'm' ? { material_id: itemId } : { product_id: itemId }), qty, reason: w.reason },
              ],
            })
            .catch(plainFields);
        },
        flash: 'adjustments.submitted',
        redirect: () => `/stock/adjustments/${id}`,
      });
    },
  );

  const detailPage = async (req: FastifyRequest, id: string, form: FormState = emptyForm()) => {
    const ctx = ctxOf(req);
    const d = await service.adjustmentDetail(ctx, id);
    return renderPage(
      AdjustmentPage({ ctx: viewCtx(req), may: stockMay(ctx.who), a: d.adjustment, lines: d.lines, form }),
    );
  };

  app.get(
    '/stock/adjustments/:id',
    { config: { permission: 'stock.view' }, schema: { params: IdParams } },
    async (req, reply) => reply.html(await detailPage(req, req.params.id)),
  );

  app.post(
    '/stock/adjustments/:id/decision',
    {
      config: { permission: 'stock.approve' },
      schema: { params: IdParams, body: DecisionForm },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => detailPage(req, req.params.id, form),
        action: () =>
          service
            .decideAdjustment(ctxOf(req), req.params.id, {
              approve: req.body.decision === 'approve',
              note: req.body.note,
            })
            .catch(onDecision),
        flash: req.body?.decision === 'approve' ? 'adjustments.approved' : 'adjustments.rejected',
        redirect: () => `/stock/adjustments/${req.params.id}`,
      }),
  );
}
