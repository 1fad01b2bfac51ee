// The stock page: every active material (on hand, unit of measure, low stock, value at cost) and
// finished product (awaiting the partner's check, at the check, for sale, reserved, available,
// sold) in one view, read from the maintained columns.
import { formatNumber, formatRupiah } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ProductStockRow } from './adjustments.repo.ts';
import type { StockMay } from './materials.policy.ts';
import type { MaterialRow } from './materials.repo.ts';
import { LowBadge, ownerLabel, quantity, stockValueText } from './materials.views.tsx';

export function StockPage({
  ctx,
  may,
  materials,
  products,
}: {
  ctx: ViewCtx;
  may: StockMay;
  materials: MaterialRow[];
  products: ProductStockRow[];
}) {
  const n = (v: number) => formatNumber(v, ctx.lang);
  const total = materials.reduce((s, m) => s + (m.owner === 'unit' ? m.stock_value : 0), 0);
  return (
    <Layout ctx={ctx} title={ctx.t('stockPage.title')}>
      <TitleRow title={ctx.t('stockPage.title')}>
        <div class="actions">
          <a class="button" href="/stock/adjustments">
            {ctx.t('stockPage.adjustments')}
          </a>
          {may.manage && (
            <a class="button" href="/stock/adjustments/new?kind=stocktake" data-testid="stocktake-new">
              {ctx.t('adjustments.newStocktake')}
            </a>
          )}
        </div>
      </TitleRow>
      <h2>
        <a href="/materials">{ctx.t('stockPage.materials')}</a>
      </h2>
      <p class="muted">{ctx.t('stockPage.totalValue', { v: formatRupiah(total) })}</p>
      <DataTable
        ctx={ctx}
        rows={materials}
        testid="stock-materials"
        heads={[
          'materials.name',
          { num: 'materials.onHand' },
          'materials.owner',
          { num: 'materials.value' },
          'common.status',
        ]}
        row={(m) => (
          <tr key={m.id}>
            <td>
              <a href={`/materials/${m.id}`}>{m.name}</a>
            </td>
            <td class="num">{quantity(ctx, m.on_hand, m.uom)}</td>
            <td>{ownerLabel(ctx, m.owner)}</td>
            <td class="num">{stockValueText(m)}</td>
            <td>
              <LowBadge ctx={ctx} low={m.low} />
            </td>
          </tr>
        )}
      />
      <h2>
        <a href="/products">{ctx.t('stockPage.products')}</a>
      </h2>
      <DataTable
        ctx={ctx}
        rows={products}
        testid="stock-products"
        heads={[
          'stockPage.product',
          { num: 'stockPage.awaiting' },
          { num: 'stockPage.inCheck' },
          { num: 'stockPage.onHand' },
          { num: 'stockPage.reserved' },
          { num: 'stockPage.available' },
          { num: 'stockPage.sold' },
        ]}
        row={(p) => (
          <tr key={p.id} data-testid={`stock-product-${p.id}`}>
            <td>
              <a href={`/products/${p.id}`}>{p.name}</a>
            </td>
            <td class="num">{n(p.awaiting_check)}</td>
            <td class="num">{n(p.in_check)}</td>
            <td class="num">{n(p.on_hand)}</td>
            <td class="num">{n(p.reserved)}</td>
            <td class="num">{n(p.on_hand - p.reserved)}</td>
            <td class="num">{n(p.sold)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
