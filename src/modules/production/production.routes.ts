// The production log pages (a session's, a workshop's working day) and their form posts, and the
// /production hub. The JSON API is in production.api.ts.
import { randomUUID } from 'node:crypto';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { HubPage } from './production.hub.views.tsx';
import { type EntryInput, entryKey, parseCount } from './production.rules.ts';
import { DayQuery, ProductionFormBody } from './production.schema.ts';
import * as service from './production.service.ts';
import { ProductionPage } from './production.views.tsx';

const view = { permission: 'production.view' as const };
const record = { permission: 'production.record' as const };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form's flat fields as a batch: an entry per participant and product that has a count, a
 * material set by hand, or a stored entry (`saved.<e>.<p>`, so an emptied count means 0). Empty
 * counts are 0; a material left empty follows the bill of materials. Bad text becomes NaN, which
 * the rules refuse on its field.
 */
export function entriesFromForm(body: Record<string, unknown>): EntryInput[] {
  const out = new Map<string, EntryInput & { materials: Array<{ material_id: string; qty: number }> }>();
  const entry = (e: string, p: string) => {
    const k = entryKey(e, p);
    let x = out.get(k);
    if (!x) {
      x = { enrolment_id: e, product_id: p, finished: 0, materials: [] };
      out.set(k, x);
    }
    return x;
  };
  for (const [k, v] of Object.entries(body)) {
    const [field, e = '', p = '', m = ''] = k.split('.');
    if (!UUID.test(e) || !UUID.test(p)) continue;
    const n = parseCount(v);
    if (field === 'saved') entry(e, p);
    else if (field === 'finished' && n !== undefined) entry(e, p).finished = n;
    else if (field === 'in_progress' && n !== undefined) entry(e, p).in_progress = n;
    else if (field === 'material' && UUID.test(m) && n !== undefined)
      entry(e, p).materials.push({ material_id: m, qty: n });
  }
  return [...out.values()];
}

export async function productionRoutes(app: App) {
  const page = async (req: FastifyRequest, where: service.Where, form: FormState) => {
    const log = await service.productionLog(ctxOf(req), where);
    return renderPage(ProductionPage({ ctx: viewCtx(req), d: { log, idempotencyKey: randomUUID(), form } }));
  };
  const save = (req: FastifyRequest, where: service.Where, body: Record<string, unknown>) => {
    const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
    return service.saveProduction(ctxOf(req), where, {
      entries: entriesFromForm(body),
      idempotency_key: key,
    });
  };

  app.get('/production', { config: view }, async (req, reply) =>
    reply.html(renderPage(HubPage({ ctx: viewCtx(req), d: await service.productionHub(ctxOf(req)) }))),
  );

  app.get('/sessions/:id/production', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, { sessionId: req.params.id }, emptyForm())),
  );
  app.post(
    '/sessions/:id/production',
    { config: record, schema: { params: IdParams, body: ProductionFormBody }, attachValidation: true },
    async (req, reply) => {
      const where = { sessionId: req.params.id };
      return submitForm(req, reply, {
        render: (form) => page(req, where, form),
        action: () => save(req, where, (req.body ?? {}) as Record<string, unknown>),
        flash: 'production.saved',
        redirect: () => `/sessions/${req.params.id}/production`,
      });
    },
  );

  app.get(
    '/programmes/:id/production',
    { config: view, schema: { params: IdParams, querystring: DayQuery } },
    async (req, reply) =>
      reply.html(await page(req, { programmeId: req.params.id, day: req.query.day }, emptyForm())),
  );
  app.post(
    '/programmes/:id/production',
    {
      config: record,
      schema: { params: IdParams, querystring: DayQuery, body: ProductionFormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const where = { programmeId: req.params.id, day: req.query.day };
      return submitForm(req, reply, {
        render: (form) => page(req, where, form),
        action: () => save(req, where, (req.body ?? {}) as Record<string, unknown>),
        flash: 'production.saved',
        redirect: () =>
          `/programmes/${req.params.id}/production${req.query.day ? `?day=${req.query.day}` : ''}`,
      });
    },
  );
}
