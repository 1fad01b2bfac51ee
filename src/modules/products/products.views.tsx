// A product's page: its details and photo, the partner's piece rate in force today (or why there is
// none), its five stock columns, its bill of materials and its latest stock movements. Makers are
// named only to those who may see production (productMay().makers).

import { Fact } from '../../app/facts.tsx';
import { formatDay, formatDayShort, formatNumber, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ProductMay } from './products.policy.ts';
import type { ProductDetail } from './products.service.ts';

export interface ProductPageProps {
  ctx: ViewCtx;
  may: ProductMay;
  d: ProductDetail;
  materials: ReadonlyArray<{ id: string; name: string; uom: string }>;
  bomForm: FormState;
  photoForm: FormState;
  maxUploadMb: number;
}

function Rate({ ctx, d }: { ctx: ViewCtx; d: ProductDetail }) {
  const r = d.rate;
  if (r.kind === 'own') return <p class="muted">{ctx.t('products.rateOwn')}</p>;
  if (r.kind === 'missing')
    return (
      <p class="notice" role="status" data-testid="product-rate-missing">
        {ctx.t(r.error.key, r.error.params)}
      </p>
    );
  return (
    <p data-testid="product-rate">
      {ctx.t('products.rateToday', {
        rate: formatRupiah(r.rate),
        agreement: r.agreement,
        since: formatDay(r.since, ctx.lang),
      })}
    </p>
  );
}

function Stock({ ctx, p }: { ctx: ViewCtx; p: ProductDetail['product'] }) {
  const n = (v: number) => formatNumber(v, ctx.lang);
  return (
    <dl class="facts" data-testid="product-stock">
      <dt>{ctx.t('products.stock.awaiting')}</dt>
      <dd>{n(p.awaiting_check)}</dd>
      <dt>{ctx.t('products.stock.inCheck')}</dt>
      <dd>{n(p.in_check)}</dd>
      <dt>{ctx.t('products.stock.onHand')}</dt>
      <dd>{n(p.on_hand)}</dd>
      <dt>{ctx.t('products.stock.reserved')}</dt>
      <dd>{n(p.reserved)}</dd>
      <dt>{ctx.t('products.stock.sold')}</dt>
      <dd>{n(p.sold)}</dd>
    </dl>
  );
}

function Photo(p: ProductPageProps) {
  const { ctx, d } = p;
  const prod = d.product;
  return (
    <section aria-labelledby="photo-h">
      <h2 id="photo-h">{ctx.t('products.photo')}</h2>
      {prod.photo_file_id ? (
        <p>
          <img
            src={`/products/${prod.id}/photo?v=${prod.photo_file_id}&size=thumb`}
            alt={ctx.t('products.photoAlt', { name: prod.name })}
            width={240}
            loading="lazy"
            data-testid="product-photo"
          />
        </p>
      ) : (
        <p class="muted">{ctx.t('products.noPhoto')}</p>
      )}
      {p.may.manage && (
        <>
          <ErrorSummary ctx={ctx} form={p.photoForm} labels={{ file: 'products.photo' }} />
          <form
            method="post"
            action={`/products/${prod.id}/photo`}
            enctype="multipart/form-data"
            class="row-form"
            data-testid="photo-form"
          >
            <Csrf ctx={ctx} />
            <label for="f-file">
              {ctx.t('products.photoUpload')}
              <span class="hint"> {ctx.t('products.photoHint', { mb: p.maxUploadMb })}</span>
            </label>
            <input id="f-file" type="file" name="file" accept="image/jpeg,image/png" required />
            <button type="submit">{ctx.t('products.photoUpload')}</button>
          </form>
          {prod.photo_file_id && (
            <form method="post" action={`/products/${prod.id}/photo/delete`} class="inline">
              <Csrf ctx={ctx} />
              <button type="submit" class="link" data-testid="photo-remove">
                {ctx.t('products.photoRemove')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function Materials(p: ProductPageProps) {
  const { ctx, d } = p;
  const prod = d.product;
  const listed = new Set(d.bom.map((b) => b.material_id));
  const choices = p.materials.filter((m) => !listed.has(m.id));
  const err = (field: string) => p.bomForm.errors.find((e) => e.field === field);
  const value = (field: string) => {
    const v = p.bomForm.values[field];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  return (
    <section aria-labelledby="bom-h">
      <h2 id="bom-h">{ctx.t('products.bom')}</h2>
      <p class="muted">{ctx.t('products.bomHint')}</p>
      <DataTable
        ctx={ctx}
        rows={d.bom}
        testid="product-bom"
        none="products.bomNone"
        heads={[
          'products.material',
          { num: 'products.qtyPerItem' },
          ...(p.may.manage ? ['common.actions' as const] : []),
        ]}
        row={(b) => (
          <tr key={b.material_id}>
            <td>{b.material_name}</td>
            <td class="num">
              {formatNumber(b.qty_per_item, ctx.lang)} {b.uom}
            </td>
            {p.may.manage && (
              <td>
                <form
                  method="post"
                  action={`/products/${prod.id}/materials/${b.material_id}/delete`}
                  class="inline"
                >
                  <Csrf ctx={ctx} />
                  <button type="submit" class="link">
                    {ctx.t('products.bomRemove')}
                  </button>
                </form>
              </td>
            )}
          </tr>
        )}
      />
      {p.may.manage &&
        (p.materials.length === 0 ? (
          <p class="muted">{ctx.t('products.bomNoMaterials')}</p>
        ) : (
          <>
            <ErrorSummary
              ctx={ctx}
              form={p.bomForm}
              labels={{ material_id: 'products.material', qty_per_item: 'products.qtyPerItem' }}
            />
            <form
              method="post"
              action={`/products/${prod.id}/materials`}
              class="row-form"
              novalidate
              data-testid="bom-form"
            >
              <Csrf ctx={ctx} />
              <label for="f-material_id">
                {ctx.t('products.material')}
                {err('material_id') && (
                  <span class="error" id="e-material_id" data-testid="error-material_id">
                    {' '}
                    {ctx.t(err('material_id')?.key ?? 'err.invalid', err('material_id')?.params)}
                  </span>
                )}
              </label>
              <select
                id="f-material_id"
                name="material_id"
                required
                aria-invalid={err('material_id') ? 'true' : undefined}
                aria-describedby={err('material_id') ? 'e-material_id' : undefined}
              >
                {(choices.length ? choices : p.materials).map((m) => (
                  <option key={m.id} value={m.id} selected={value('material_id') === m.id}>
                    {m.name} ({m.uom})
                  </option>
                ))}
              </select>
              <label for="f-qty_per_item">
                {ctx.t('products.qtyPerItem')}
                {err('qty_per_item') && (
                  <span class="error" id="e-qty_per_item" data-testid="error-qty_per_item">
                    {' '}
                    {ctx.t(err('qty_per_item')?.key ?? 'err.invalid', err('qty_per_item')?.params)}
                  </span>
                )}
              </label>
              <input
                id="f-qty_per_item"
                name="qty_per_item"
                type="number"
                min={1}
                step={1}
                required
                value={value('qty_per_item')}
                aria-invalid={err('qty_per_item') ? 'true' : undefined}
                aria-describedby={err('qty_per_item') ? 'e-qty_per_item' : undefined}
              />
              <button type="submit">{ctx.t('products.bomAdd')}</button>
            </form>
          </>
        ))}
    </section>
  );
}

function Movements({ ctx, d, may }: { ctx: ViewCtx; d: ProductDetail; may: ProductMay }) {
  return (
    <section aria-labelledby="moves-h">
      <h2 id="moves-h">{ctx.t('products.movements')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.movements}
        testid="product-movements"
        none="products.movementsNone"
        heads={[
          'products.moveDay',
          'products.moveKind',
          { num: 'products.moveQty' },
          ...(may.makers ? ['products.moveMaker' as const] : []),
        ]}
        row={(m) => (
          <tr key={m.id}>
            <td>{formatDayShort(m.day)}</td>
            <td>{ctx.t(`products.move.${m.kind}`)}</td>
            <td class="num">{formatNumber(m.qty, ctx.lang)}</td>
            {may.makers && <td>{m.maker ?? '—'}</td>}
          </tr>
        )}
      />
    </section>
  );
}

export function ProductPage(p: ProductPageProps) {
  const { ctx, d, may } = p;
  const prod = d.product;
  return (
    <Layout ctx={ctx} title={prod.name}>
      <BackLink href="/products" label={ctx.t('products.title')} />
      <TitleRow title={prod.name} testid="product-name">
        {may.manage && (
          <a class="button" href={`/products/${prod.id}/edit`} data-testid="product-edit">
            {ctx.t('common.edit')}
          </a>
        )}
      </TitleRow>
      <dl class="facts" data-testid="product-facts">
        <Fact ctx={ctx} label="products.kind" value={prod.kind_name} />
        <Fact ctx={ctx} label="products.uom" value={prod.uom} />
        <Fact ctx={ctx} label="products.route" value={ctx.t(`products.route.${prod.route}`)} />
        <Fact
          ctx={ctx}
          label="products.programme"
          value={
            prod.programme_id ? <a href={`/programmes/${prod.programme_id}`}>{prod.programme_name}</a> : null
          }
        />
        <Fact ctx={ctx} label="products.rateName" value={prod.rate_name} />
        <Fact
          ctx={ctx}
          label="products.salePrice"
          value={prod.price === null ? null : formatRupiah(prod.price)}
        />
        <Fact ctx={ctx} label="products.unit" value={prod.unit_name} />
        <Fact
          ctx={ctx}
          label="common.status"
          value={ctx.t(prod.active ? 'common.active' : 'common.inactive')}
        />
        <Fact ctx={ctx} label="products.description" value={prod.description} />
      </dl>
      <section aria-labelledby="rate-h">
        <h2 id="rate-h">{ctx.t('products.rateTitle')}</h2>
        <Rate ctx={ctx} d={d} />
      </section>
      <section aria-labelledby="stock-h">
        <h2 id="stock-h">{ctx.t('products.stockTitle')}</h2>
        <Stock ctx={ctx} p={prod} />
      </section>
      <Photo {...p} />
      <Materials {...p} />
      <Movements ctx={ctx} d={d} may={may} />
    </Layout>
  );
}
