// Pages for the list of units in scope and the admin form to add or edit one.
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
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

export function UnitListPage({
  ctx,
  units,
  canManage,
}: {
  ctx: ViewCtx;
  units: UnitRow[];
  /** From units.policy.ts: national administrators alone change the unit tree. */
  canManage: boolean;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('units.title')}>
      <div class="title-row">
        <h1>{ctx.t('units.title')}</h1>
        <a class="button" href="/units/kanwil" data-testid="kanwil-link">
          {ctx.t('kanwil.title')}
        </a>
        {canManage && (
          <a class="button primary" href="/units/new" data-testid="unit-new">
            {ctx.t('units.new')}
          </a>
        )}
      </div>
      {units.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('nav.units')}>
          <table data-testid="unit-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('units.name')}</th>
                <th scope="col">{ctx.t('units.kanwil')}</th>
                <th scope="col">{ctx.t('units.timezone')}</th>
                {canManage && <th scope="col">{ctx.t('common.actions')}</th>}
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
                  {canManage && (
                    <td>
                      <a href={`/units/${u.id}/edit`}>{ctx.t('common.edit')}</a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
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
          options={['I', 'II', 'IIA', 'IIB', 'III'].map((v) => ({ value: v, label: v }))}
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

type KanwilRow = { id: string; code: string; name: string; province: string; timezone: string };

const KANWIL_LABELS: Record<string, MessageKey> = {
  code: 'kanwil.code',
  name: 'kanwil.name',
  province: 'kanwil.province',
  address: 'units.address',
  timezone: 'units.timezone',
};

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** Regional offices: each editable in place by a national administrator, and a form to add one. */
export function KanwilPage({
  ctx,
  rows,
  form,
  canManage,
}: {
  ctx: ViewCtx;
  rows: KanwilRow[];
  form: FormState;
  canManage: boolean;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('kanwil.title')}>
      <p>
        <a href="/units">← {ctx.t('units.title')}</a>
      </p>
      <h1>{ctx.t('kanwil.title')}</h1>
      <ul class="plain" data-testid="kanwil-list">
        {rows.map((k) =>
          canManage ? (
            <li key={k.id} class="card">
              <form method="post" action={`/units/kanwil/${k.id}`} class="row-form">
                <Csrf ctx={ctx} />
                <label>
                  {ctx.t('kanwil.code')}
                  <input name="code" value={k.code} required maxLength={20} />
                </label>
                <label class="grow">
                  {ctx.t('kanwil.name')}
                  <input name="name" value={k.name} required maxLength={150} />
                </label>
                <label>
                  {ctx.t('kanwil.province')}
                  <input name="province" value={k.province} required maxLength={100} />
                </label>
                <label>
                  {ctx.t('units.timezone')}
                  <select name="timezone">
                    {ZONES.map((z) => (
                      <option key={z} value={z} selected={z === k.timezone}>
                        {ctx.t(`tz.${z}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit">{ctx.t('common.save')}</button>
              </form>
            </li>
          ) : (
            <li key={k.id}>
              {k.name} ({k.code}) · {k.province} · {ctx.t(`tz.${k.timezone as (typeof ZONES)[number]}`)}
            </li>
          ),
        )}
      </ul>
      {canManage && (
        <>
          <h2>{ctx.t('kanwil.new')}</h2>
          <ErrorSummary ctx={ctx} form={form} labels={KANWIL_LABELS} />
          <form method="post" action="/units/kanwil" novalidate data-testid="kanwil-form">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} form={form} name="code" label="kanwil.code" maxLength={20} />
            <TextField ctx={ctx} form={form} name="name" label="kanwil.name" maxLength={150} />
            <TextField ctx={ctx} form={form} name="province" label="kanwil.province" maxLength={100} />
            <TextField ctx={ctx} form={form} name="address" label="units.address" optional maxLength={300} />
            <SelectField
              ctx={ctx}
              form={form}
              name="timezone"
              label="units.timezone"
              options={ZONES.map((z) => ({ value: z, label: ctx.t(`tz.${z}`) }))}
            />
            <button type="submit" class="primary">
              {ctx.t('common.save')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
