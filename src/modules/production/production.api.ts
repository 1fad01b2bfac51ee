// /api/v1/sessions/:id/production and /api/v1/programmes/:id/production?day=: a day's production
// log, and saving a batch of it. The page's script sends unsent rows here after a lost signal
// (same service and rules, idempotency key).
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { DayQuery, ProductionBody, ProductionOut, SaveResultOut } from './production.schema.ts';
import * as service from './production.service.ts';

const view = { permission: 'production.view' as const };
const record = { permission: 'production.record' as const };
const tags = ['production'];

function logOut(req: FastifyRequest, d: service.ProductionLog) {
  return {
    programme: { id: d.programmeId, name: d.programmeName },
    day: d.day,
    session: d.session && {
      id: d.session.id,
      starts_at: d.session.starts_at.toISOString(),
      ends_at: d.session.ends_at.toISOString(),
      status: d.session.status,
      cancel_reason: d.session.cancel_reason,
    },
    can_record: d.may.record,
    refusal: d.refusal && req.t(d.refusal),
    products: d.products.map((p) => ({
      id: p.id,
      name: p.name,
      uom: p.uom,
      route: p.route,
      bom: p.bom.map((b) => ({
        material_id: b.material_id,
        name: d.materialNames.get(b.material_id)?.name ?? '',
        uom: d.materialNames.get(b.material_id)?.uom ?? '',
        qty_per_item: b.qty_per_item,
      })),
    })),
    participants: d.roster.map((r) => ({
      enrolment_id: r.enrolment_id,
      name: r.name,
      kind: r.kind,
      not_offered: r.not_offered,
      entries: d.products.flatMap((p) => {
        const e = d.entries.get(`${r.enrolment_id}|${p.id}`);
        return e
          ? [
              {
                product_id: p.id,
                finished: e.finished,
                in_progress: e.in_progress,
                materials: [...e.materials].map(([material_id, qty]) => ({ material_id, qty })),
              },
            ]
          : [];
      }),
    })),
  };
}

export async function productionApi(app: App) {
  app.get(
    '/api/v1/sessions/:id/production',
    {
      config: view,
      schema: {
        tags,
        summary: 'A session’s production log: the products, the roster and each participant’s entries',
        params: IdParams,
        response: { 200: ProductionOut },
      },
    },
    async (req) => logOut(req, await service.productionLog(ctxOf(req), { sessionId: req.params.id })),
  );

  app.post(
    '/api/v1/sessions/:id/production',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Save a session’s production log in one request: items finished and in progress, and material used. ' +
          'Changed counts post their difference to the stock ledgers. With idempotency_key, the same batch ' +
          'sent again returns the first result and changes nothing.',
        params: IdParams,
        body: ProductionBody,
        response: { 200: SaveResultOut },
      },
    },
    async (req) => service.saveProduction(ctxOf(req), { sessionId: req.params.id }, req.body),
  );

  app.get(
    '/api/v1/programmes/:id/production',
    {
      config: view,
      schema: {
        tags,
        summary: 'A workshop’s production log of one working day (a programme without sessions)',
        params: IdParams,
        querystring: DayQuery,
        response: { 200: ProductionOut },
      },
    },
    async (req) =>
      logOut(
        req,
        await service.productionLog(ctxOf(req), { programmeId: req.params.id, day: req.query.day }),
      ),
  );

  app.post(
    '/api/v1/programmes/:id/production',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Save a workshop’s production log of one working day; the same rules and idempotency as a session’s log',
        params: IdParams,
        querystring: DayQuery,
        body: ProductionBody,
        response: { 200: SaveResultOut },
      },
    },
    async (req) =>
      service.saveProduction(ctxOf(req), { programmeId: req.params.id, day: req.query.day }, req.body),
  );
}
