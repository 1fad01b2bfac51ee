// The admin page for the Program Aksi list: each item editable in place, and a form to add one.
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';

type Item = { id: string; number: number | null; title: string; description: string | null; active: boolean };

export function ProgramAksiPage({ ctx, items, form }: { ctx: ViewCtx; items: Item[]; form: FormState }) {
  const labels = {
    number: 'programAksi.number',
    title: 'programAksi.itemTitle',
    description: 'programAksi.description',
  } as const;
  return (
    <Layout ctx={ctx} title={ctx.t('programAksi.title')}>
      <h1>{ctx.t('programAksi.title')}</h1>
      <p class="muted">{ctx.t('programAksi.intro')}</p>
      <ScrollRegion label={ctx.t('programAksi.title')}>
        <table data-testid="program-aksi-table">
          <thead>
            <tr>
              <th scope="col">{ctx.t('programAksi.number')}</th>
              <th scope="col">{ctx.t('programAksi.itemTitle')}</th>
              <th scope="col">{ctx.t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td colSpan={3}>
                  <form method="post" action={`/admin/program-aksi/${i.id}`} class="row-form">
                    <Csrf ctx={ctx} />
                    <label class="narrow-field">
                      {ctx.t('programAksi.number')}
                      <input name="number" type="number" min={1} max={99} value={i.number ?? ''} />
                    </label>
                    <label class="grow">
                      {ctx.t('programAksi.itemTitle')}
                      <input name="title" value={i.title} required maxLength={200} />
                    </label>
                    <label class="check">
                      <input type="checkbox" name="active" value="true" checked={i.active} />{' '}
                      {ctx.t('common.active')}
                    </label>
                    <input type="hidden" name="description" value={i.description ?? ''} />
                    <button type="submit">{ctx.t('common.save')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{ctx.t('programAksi.new')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/admin/program-aksi" novalidate>
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} form={form} name="number" label="programAksi.number" type="number" optional />
        <TextField ctx={ctx} form={form} name="title" label="programAksi.itemTitle" maxLength={200} />
        <TextField
          ctx={ctx}
          form={form}
          name="description"
          label="programAksi.description"
          optional
          maxLength={1000}
        />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
