// The form to add or edit a product: name, kind, unit of measure, route, the programme that makes
// it, its name in the agreement's rate table, sale price, description and whether it is active.
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { PRODUCT_ROUTES, PRODUCT_UOMS } from './products.rules.ts';

export const LABELS: Record<string, MessageKey> = {
  unit_id: 'products.unit',
  name: 'products.name',
  kind_id: 'products.kind',
  uom: 'products.uom',
  route: 'products.route',
  programme_id: 'products.programme',
  rate_name: 'products.rateName',
  price: 'products.price',
  description: 'products.description',
  active: 'products.active',
};

export interface ProductFormProps {
  ctx: ViewCtx;
  form: FormState;
  /** The product being edited; absent for a new one. */
  product?: { id: string; name: string } | undefined;
  programmes: ReadonlyArray<{ id: string; name: string; partner_name: string | null }>;
  kinds: ReadonlyArray<{ id: string; name: string }>;
}

export function ProductFormPage(p: ProductFormProps) {
  const { ctx, form } = p;
  const f = fieldsFor(ctx, form);
  const title = p.product ? `${ctx.t('products.edit')}: ${p.product.name}` : ctx.t('products.new');
  const active = form.values.active === true || form.values.active === 'true';
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink
        href={p.product ? `/products/${p.product.id}` : '/products'}
        label={p.product?.name ?? ctx.t('products.title')}
      />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={p.product ? `/products/${p.product.id}` : '/products'}
        novalidate
        data-testid="product-form"
      >
        <Csrf ctx={ctx} />
        <f.Text name="name" label="products.name" maxLength={120} />
        <f.Select
          name="kind_id"
          label="products.kind"
          options={p.kinds.map((k) => ({ value: k.id, label: k.name }))}
        />
        <f.Select
          name="uom"
          label="products.uom"
          options={PRODUCT_UOMS.map((u) => ({ value: u, label: u }))}
        />
        <f.Select
          name="route"
          label="products.route"
          hint="products.routeHint"
          options={PRODUCT_ROUTES.map((r) => ({ value: r, label: ctx.t(`products.route.${r}`) }))}
        />
        <f.Select
          name="programme_id"
          label="products.programme"
          hint="products.programmeHint"
          optional
          blank={ctx.t('products.noProgramme')}
          options={p.programmes.map((x) => ({
            value: x.id,
            label: x.partner_name ? `${x.name} (${x.partner_name})` : x.name,
          }))}
        />
        <f.Text
          name="rate_name"
          label="products.rateName"
          hint="products.rateNameHint"
          optional
          maxLength={120}
        />
        <f.Text name="price" label="products.price" hint="products.priceHint" type="number" optional />
        <f.Area name="description" label="products.description" maxLength={2000} rows={3} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="active" value="true" checked={active} data-testid="product-active" />{' '}
            {ctx.t('products.active')}
          </label>
        </div>
        <button type="submit" class="primary" data-testid="product-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
