// Pages for materials: the list, a material's page with its movements, the add and edit forms, the
// forms for goods received, issued and returned, and the stock page (materials and finished goods).

import { Type } from 'typebox';
import { AppError, fieldError } from '../../app/errors.ts';
import { formRoute } from '../../app/form-route.ts';
import { formatDay } from '../../app/format.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listPage } from '../../app/list-route.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { IdParams, pageParam } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { listEnrolments } from '../enrolments/enrolments.service.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { listProgrammes } from '../programmes/programmes.service.ts';
import { sessionsInScope } from '../programmes/sessions.service.ts';
import { stockOverview } from './adjustments.service.ts';
import { materialsList } from './materials.lists.ts';
import { type MaterialRow, material, stockMay } from './materials.policy.ts';
import { wholeNumber } from './materials.rules.ts';
import { MaterialForm, MoveOutForm, ReceiptForm } from './materials.schema.ts';
import * as service from './materials.service.ts';
import { MaterialFormPage, MaterialPage, type MoveKind, MovementFormPage } from './materials.views.tsx';
import { StockPage } from './stock-page.views.tsx';

const view = { permission: 'stock.view' as const };
const manage = 'stock.manage' as const;

/** A day `n` days from `day` ('YYYY-MM-DD'). */
const shift = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The sessions an issue may go to (the last 30 days and tomorrow's) and the unit's active participants. */
async function targets(ctx: Ctx, m: MaterialRow) {
  const day = today(ctx, m.timezone);
  const sessions = (await sessionsInScope(ctx, shift(day, -30), shift(day, 1)))
    .filter((s) => s.unit_id === m.unit_id && s.status !== 'cancelled')
    .reverse()
    .map((s) => ({ value: s.id, label: `${s.programme_name}, ${formatDay(s.day)}` }));
  if (!stockMay(ctx.who).names) return { sessions, participants: [] };
  const programmes = (await listProgrammes(ctx, { status: 'running', page: 1 })).rows.filter(
    (p) => p.unit_id === m.unit_id,
  );
  const participants = [];
  for (const p of programmes)
    for (const e of await listEnrolments(ctx, p.id))
      if (e.status === 'active') participants.push({ value: e.id, label: `${e.name} (${p.name})` });
  return { sessions, participants };
}

/** A form's typed quantity: a whole number above zero, or the field's message. */
function qtyOf(text: string): number {
  const n = wholeNumber(text);
  if (n === null || n === 0) throw fieldError('qty', 'stock.badQuantity');
  return n;
}

/** A refusal of the ledger (more than on hand) shown on the form's quantity. */
async function onQty<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.fields.length === 0 && err.code.startsWith('stock.'))
      throw new AppError(err.code, err.status, err.key, err.params, [
        { field: 'qty', key: err.key, params: err.params },
      ]);
    throw err;
  }
}

function costOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = wholeNumber(text);
  if (n === null) throw fieldError('cost', 'materials.badCost');
  return n;
}

export async function materialsRoutes(app: App) {
  listPage(app, materialsList);

  const formPage = async (req: FastifyRequest, form: FormState, id?: string) => {
    const ctx = ctxOf(req);
    const unitId = id ? (await material(ctx, id)).unit_id : (ctx.who.unitId ?? undefined);
    const partners = unitId ? await partnerOptions(ctx, unitId) : [];
    return renderPage(MaterialFormPage({ ctx: viewCtx(req), form, partners, id }));
  };

  formRoute(app, {
    path: '/materials/new',
    post: '/materials',
    permission: manage,
    body: MaterialForm,
    page: (req, _p, form) =>
      formPage(req, form ?? emptyForm({ uom: 'gulung', owner: 'partner', low_stock_level: '0' })),
    action: (req, _p, body) => service.createMaterial(ctxOf(req), body),
    flash: 'materials.created',
    redirect: (_p, id) => `/materials/${id}`,
  });

  app.get(
    '/materials/:id',
    { config: view, schema: { params: IdParams, querystring: Type.Object({ page: pageParam() }) } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const page = req.query.page ?? 1;
      const r = await service.materialMovements(ctx, req.params.id, page);
      return reply.html(
        renderPage(
          MaterialPage({
            ctx: viewCtx(req),
            may: stockMay(ctx.who),
            m: r.material,
            movements: r.rows,
            page,
            more: r.more,
          }),
        ),
      );
    },
  );

  formRoute(app, {
    path: '/materials/:id/edit',
    post: '/materials/:id',
    permission: manage,
    params: IdParams,
    body: MaterialForm,
    page: async (req, params, form) => {
      const m = await material(ctxOf(req), params.id, { for: 'manage' });
      return formPage(
        req,
        form ??
          emptyForm({ ...m, partner_id: m.partner_id ?? '', low_stock_level: String(m.low_stock_level) }),
        m.id,
      );
    },
    action: async (req, params, body) => {
      const ctx = ctxOf(req);
      const m = await material(ctx, params.id, { for: 'manage' });
      // An unticked box sends nothing: the material is no longer in use.
      await service.updateMaterial(ctx, m.id, { ...body, active: body.active ?? false });
      return m.id;
    },
    flash: 'common.saved',
    redirect: (_p, id) => `/materials/${id}`,
  });

  const movementPage = async (req: FastifyRequest, kind: MoveKind, id: string, form?: FormState) => {
    const ctx = ctxOf(req);
    const m = await material(ctx, id, { for: 'manage' });
    const t = kind === 'receipts' ? { sessions: [], participants: [] } : await targets(ctx, m);
    return renderPage(
      MovementFormPage({
        ctx: viewCtx(req),
        kind,
        m,
        form: form ?? emptyForm({ day: today(ctx, m.timezone) }),
        ...t,
      }),
    );
  };

  formRoute(app, {
    path: '/materials/:id/receipts/new',
    post: '/materials/:id/receipts',
    permission: manage,
    params: IdParams,
    body: ReceiptForm,
    page: (req, params, form) => movementPage(req, 'receipts', params.id, form),
    action: async (req, params, body) => {
      const ctx = ctxOf(req);
      await material(ctx, params.id, { for: 'manage' });
      await onQty(
        service.receiveMaterial(ctx, {
          materialId: params.id,
          day: body.day,
          qty: qtyOf(body.qty),
          cost: costOf(body.cost),
          source: body.source,
          documentNo: body.document_no,
        }),
      );
    },
    flash: 'materials.received',
    redirect: (params) => `/materials/${params.id}`,
  });

  for (const kind of ['issues', 'returns'] as const) {
    formRoute(app, {
      path: `/materials/:id/${kind}/new`,
      post: `/materials/:id/${kind}`,
      permission: manage,
      params: IdParams,
      body: MoveOutForm,
      page: (req, params, form) => movementPage(req, kind, params.id, form),
      action: async (req, params, body) => {
        const ctx = ctxOf(req);
        await material(ctx, params.id, { for: 'manage' });
        const input = {
          materialId: params.id,
          day: body.day,
          qty: qtyOf(body.qty),
          sessionId: body.session_id,
          enrolmentId: body.enrolment_id,
          note: body.note,
        };
        await onQty(
          kind === 'issues' ? service.issueMaterial(ctx, input) : service.returnMaterial(ctx, input),
        );
      },
      flash: kind === 'issues' ? 'materials.issued' : 'materials.returned',
      redirect: (params) => `/materials/${params.id}`,
    });
  }

  app.get('/stock', { config: view }, async (req, reply) => {
    const ctx = ctxOf(req);
    const s = await stockOverview(ctx);
    return reply.html(renderPage(StockPage({ ctx: viewCtx(req), may: stockMay(ctx.who), ...s })));
  });
}
