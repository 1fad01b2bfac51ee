// /api/v1/materials: the list (declared with its page), one material with its latest movements,
// add, change, and goods received, issued and returned; /api/v1/stock: the stock overview.
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { listApi } from '../../app/list-route.ts';
import { IdParams, pageParam } from '../../app/schema.ts';
import { stockOverview } from './adjustments.service.ts';
import { materialsList } from './materials.lists.ts';
import { material } from './materials.policy.ts';
import type { MaterialRow } from './materials.repo.ts';
import {
  MaterialBody,
  MaterialDetailOut,
  MaterialOut,
  MoveOutBody,
  ReceiptBody,
  StockAfterOut,
  StockOut,
} from './materials.schema.ts';
import * as service from './materials.service.ts';

const tags = ['materials'];
const view = { permission: 'stock.view' as const };
const manage = { permission: 'stock.manage' as const };

// The serializer writes exactly the fields the response schema names.
const out = (m: MaterialRow) => m;

export async function materialsApi(app: App) {
  listApi(app, materialsList);

  app.get(
    '/api/v1/materials/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One material with a page of its movements, newest first',
        params: IdParams,
        querystring: Type.Object({ page: pageParam() }),
        response: { 200: MaterialDetailOut },
      },
    },
    async (req) => {
      const r = await service.materialMovements(ctxOf(req), req.params.id, req.query.page ?? 1);
      return { material: out(r.material), movements: r.rows };
    },
  );

  app.post(
    '/api/v1/materials',
    {
      config: manage,
      schema: { tags, summary: 'Add a material', body: MaterialBody, response: { 201: MaterialOut } },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createMaterial(ctx, req.body);
      return reply.code(201).send(out(await material(ctx, id)));
    },
  );

  app.put(
    '/api/v1/materials/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a material's details (unit of measure and owner are fixed once stock has moved)",
        params: IdParams,
        body: MaterialBody,
        response: { 200: MaterialOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.updateMaterial(ctx, req.params.id, req.body);
      return out(await material(ctx, req.params.id));
    },
  );

  app.post(
    '/api/v1/materials/:id/receipts',
    {
      config: manage,
      schema: {
        tags,
        summary: "Goods received (cost required for the unit's own materials, refused for consignment)",
        params: IdParams,
        body: ReceiptBody,
        response: { 201: StockAfterOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const after = await service.receiveMaterial(ctxOf(req), {
        materialId: req.params.id,
        day: b.day,
        qty: b.qty,
        cost: b.cost,
        source: b.source,
        documentNo: b.document_no,
      });
      return reply.code(201).send(after);
    },
  );

  for (const kind of ['issues', 'returns'] as const) {
    app.post(
      `/api/v1/materials/:id/${kind}`,
      {
        config: manage,
        schema: {
          tags,
          summary:
            kind === 'issues'
              ? 'Issue material to a session or a participant (409 stock.insufficient beyond the stock)'
              : 'Material returned from a session or a participant (at most what is still out with them)',
          params: IdParams,
          body: MoveOutBody,
          response: { 201: StockAfterOut },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const input = {
          materialId: req.params.id,
          day: b.day,
          qty: b.qty,
          sessionId: b.session_id,
          enrolmentId: b.enrolment_id,
          note: b.note,
        };
        const ctx = ctxOf(req);
        const after = await (kind === 'issues'
          ? service.issueMaterial(ctx, input)
          : service.returnMaterial(ctx, input));
        return reply.code(201).send(after);
      },
    );
  }

  app.get(
    '/api/v1/stock',
    {
      config: view,
      schema: {
        tags: ['stock'],
        summary: 'Stock of every active material and finished product in your scope',
        response: { 200: StockOut },
      },
    },
    async (req) => {
      const s = await stockOverview(ctxOf(req));
      return {
        materials: s.materials.map(out),
        products: s.products.map((p) => ({ ...p, available: p.on_hand - p.reserved })),
      };
    },
  );
}
