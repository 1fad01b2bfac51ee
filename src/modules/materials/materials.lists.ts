// The materials list, declared once for its page (/materials) and its API twin (/api/v1/materials).
import { defineList } from '../../app/list-route.ts';
import { stockMay } from './materials.policy.ts';
import { MaterialListQuery, MaterialOut } from './materials.schema.ts';
import * as service from './materials.service.ts';
import { MaterialListPage } from './materials.views.tsx';

export const materialsList = defineList({
  path: '/materials',
  permission: 'stock.view',
  query: MaterialListQuery,
  load: (ctx, q, page) =>
    service.listMaterials(ctx, { q: q.q, owner: q.owner, low: q.low, active: q.active ?? true, page }),
  view: (list, ctx) => MaterialListPage({ ...list, may: stockMay(ctx.who) }),
  api: {
    tags: ['materials'],
    summary: 'Materials in your scope: on hand, owner, value at cost, low-stock flag',
    item: MaterialOut,
    row: (m) => ({
      id: m.id,
      unit_id: m.unit_id,
      name: m.name,
      uom: m.uom,
      owner: m.owner,
      partner_id: m.partner_id,
      partner_name: m.partner_name,
      low_stock_level: m.low_stock_level,
      on_hand: m.on_hand,
      stock_value: m.stock_value,
      low: m.low,
      active: m.active,
    }),
    paging: true,
  },
});
