// Pages for the list of units in scope and the admin form to add or edit one.
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { UnitRow } from './units.repo.ts';

const LABELS: Record<string, MessageKey> = {
  kanwil_id: 'units.kanwil',
  code: 'units.code',
  type: 'units.type',
  class: 'units.class',
  name: 'units.name',
  address: 'units.address',
  city: 'units.city',
  phone: 'units.phone',
  email: 'units.email',
  timezone: 'units.timezone',
};

export function UnitListPage({ ctx, units }: { ctx: ViewCtx; units: UnitRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('units.title')}>
      <div class="title-row">
        <h1>{ctx.t('units.title')}</h1>
        {ctx.can('units.manage') && (
          <a class="button primary" href="/units/new" data-testid="unit-new">
            {ctx.t('units.new')}
          </a>
        )}
      </div>
      {units.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="unit-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('units.name')}</th>
                <th scope="col">{ctx.t('units.kanwil')}</th>
                <th scope="col">{ctx.t('units.timezone')}</th>
                {ctx.can('units.manage') && <th scope="col">{ctx.t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <td>
                    <a href={`/dashboard/${u.id}`}>{u.name}</a>
                    <br />
                    <small>{u.code}</small>
                  </td>
                  <td>{u.kanwil_name}</td>
                  <td>{ctx.t(`tz.${u.timezone}`)}</td>
                  {ctx.can('units.manage') && (
                    <td>
                      <a href={`/units/${u.id}/edit`}>{ctx.t('common.edit')}</a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function UnitFormPage({
  ctx,
  form,
  kanwil,
  unitId,
}: {
  ctx: ViewCtx;
  form: FormState;
  kanwil: ReadonlyArray<{ id: string; name: string }>;
  unitId?: string;
}) {
  const title = ctx.t(unitId ? 'units.edit' : 'units.new');
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/units">← {ctx.t('units.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action={unitId ? `/units/${unitId}` : '/units'} novalidate data-testid="unit-form">
        <Csrf ctx={ctx} />
        <SelectField
          ctx={ctx}
          form={form}
          name="kanwil_id"
          label="units.kanwil"
          blank="—"
          options={kanwil.map((k) => ({ value: k.id, label: k.name }))}
        />
        <TextField ctx={ctx} form={form} name="code" label="units.code" maxLength={20} />
        <SelectField
          ctx={ctx}
          form={form}
          name="type"
          label="units.type"
          options={(['rutan', 'lapas', 'lpka', 'lpp', 'bapas'] as const).map((v) => ({
            value: v,
            label: ctx.t(`unitType.${v}`),
          }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="class"
          label="units.class"
          options={['I', 'IIA', 'IIB', 'III'].map((v) => ({ value: v, label: v }))}
        />
        <TextField ctx={ctx} form={form} name="name" label="units.name" maxLength={150} />
        <TextField ctx={ctx} form={form} name="address" label="units.address" optional maxLength={300} />
        <TextField ctx={ctx} form={form} name="city" label="units.city" optional maxLength={100} />
        <TextField ctx={ctx} form={form} name="phone" label="units.phone" type="tel" optional />
        <TextField ctx={ctx} form={form} name="email" label="units.email" type="email" optional />
        <SelectField
          ctx={ctx}
          form={form}
          name="timezone"
          label="units.timezone"
          options={(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const).map((v) => ({
            value: v,
            label: ctx.t(`tz.${v}`),
          }))}
        />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
