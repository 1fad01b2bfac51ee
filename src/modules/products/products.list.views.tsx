// The product catalogue: filters (programme, kind, route, active) and each product's five stock
// columns. No person is named here, so every role that sees products sees the same list.
import { formatNumber } from '../../app/format.ts';
import {
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  recordOptions,
  valueOptions,
} from '../../app/list.tsx';
import type { ProductMay } from './products.policy.ts';
import type { ProductRow } from './products.repo.ts';
import { PRODUCT_ROUTES } from './products.rules.ts';

export interface ProductListQueryValues {
  q?: string | undefined;
  programme_id?: string | undefined;
  kind_id?: string | undefined;
  route?: string | undefined;
  active?: string | undefined;
}

export function ProductListPage(
  p: ListPageProps<ProductRow, ProductListQueryValues> & {
    may: ProductMay;
    programmes: ReadonlyArray<{ id: string; name: string }>;
    kinds: ReadonlyArray<{ id: string; name: string }>;
  },
) {
  const { ctx, rows, total, query, may } = p;
  const n = (v: number) => formatNumber(v, ctx.lang);
  return (
    <ListShell
      list={p}
      title={ctx.t('products.title')}
      base="/products"
      actions={
        <>
          {may.kinds && (
            <a class="button" href="/admin/product-kinds" data-testid="product-kinds-link">
              {ctx.t('products.manageKinds')}
            </a>
          )}
          {may.manage && (
            <a class="button primary" href="/products/new" data-testid="product-new">
              {ctx.t('products.new')}
            </a>
          )}
        </>
      }
    >
      <p class="muted">{ctx.t('products.intro')}</p>
      <ListFilters
        ctx={ctx}
        action="/products"
        query={query}
        search
        selects={[
          { name: 'programme_id', label: 'products.programme', options: recordOptions(p.programmes) },
          { name: 'kind_id', label: 'products.kind', options: recordOptions(p.kinds) },
          {
            name: 'route',
            label: 'products.route',
            options: valueOptions(PRODUCT_ROUTES, (r) => ctx.t(`products.routeShort.${r}`)),
          },
          {
            name: 'active',
            label: 'products.filterActive',
            options: [
              { value: 'true', label: ctx.t('products.onlyActive') },
              { value: 'false', label: ctx.t('products.onlyInactive') },
            ],
          },
        ]}
      />
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="product-table"
        count={total}
        none="products.none"
        heads={[
          'products.name',
          'products.kind',
          'products.programme',
          'products.route',
          { num: 'products.stock.awaiting' },
          { num: 'products.stock.inCheck' },
          { num: 'products.stock.onHand' },
          { num: 'products.stock.reserved' },
          { num: 'products.stock.sold' },
        ]}
        row={(r) => (
          <tr key={r.id} data-testid={`product-row-${r.id}`}>
            <td>
              <a href={`/products/${r.id}`}>{r.name}</a>
              {!r.active && <span class="badge off"> {ctx.t('common.inactive')}</span>}
            </td>
            <td>{r.kind_name}</td>
            <td>{r.programme_name ?? '—'}</td>
            <td>{ctx.t(`products.routeShort.${r.route}`)}</td>
            <td class="num">{n(r.awaiting_check)}</td>
            <td class="num">{n(r.in_check)}</td>
            <td class="num">{n(r.on_hand)}</td>
            <td class="num">{n(r.reserved)}</td>
            <td class="num">{n(r.sold)}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}
