// The national administrator's page for the list of product kinds: each kind renamed or
// (de)activated in place, and a form to add one.
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';

type Kind = { id: string; code: string; name: string; active: boolean };

export function ProductKindsPage({ ctx, kinds, form }: { ctx: ViewCtx; kinds: Kind[]; form: FormState }) {
  const labels = { name: 'productKinds.name', code: 'productKinds.code' } as const;
  return (
    <Layout ctx={ctx} title={ctx.t('productKinds.title')}>
      <h1>{ctx.t('productKinds.title')}</h1>
      <p class="muted">{ctx.t('productKinds.intro')}</p>
      <ScrollRegion label={ctx.t('productKinds.title')}>
        <table data-testid="product-kinds-table">
          <thead>
            <tr>
              <th scope="col">{ctx.t('productKinds.code')}</th>
              <th scope="col">{ctx.t('productKinds.name')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.id}>
                <td>
                  <code>{k.code}</code>
                </td>
                <td>
                  <form method="post" action={`/admin/product-kinds/${k.id}`} class="row-form">
                    <Csrf ctx={ctx} />
                    <label class="grow">
                      {ctx.t('productKinds.name')}
                      <input name="name" value={k.name} required minLength={2} maxLength={80} />
                    </label>
                    <label class="check">
                      <input type="checkbox" name="active" value="true" checked={k.active} />{' '}
                      {ctx.t('common.active')}
                    </label>
                    <button type="submit">{ctx.t('common.save')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{ctx.t('productKinds.new')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/admin/product-kinds" novalidate data-testid="product-kind-form">
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label="productKinds.name" maxLength={80} />
        <TextField
          ctx={ctx}
          form={form}
          name="code"
          label="productKinds.code"
          hint="productKinds.codeHint"
          optional
          maxLength={40}
        />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
