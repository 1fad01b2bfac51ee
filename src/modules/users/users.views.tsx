// Admin pages for user accounts: the list with search and filters, the create form, and a user's
// page with the edit form and the deactivate / reset-password actions.
import { CheckboxGroup, ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { Pager } from '../../app/pager.tsx';
import { ROLES } from '../../app/policy.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { UserRow } from './users.repo.ts';

export interface HomeOptions {
  units: ReadonlyArray<{ id: string; name: string }>;
  kanwil: ReadonlyArray<{ id: string; name: string }>;
}

const LABELS: Record<string, MessageKey> = {
  username: 'users.username',
  full_name: 'users.fullName',
  nip: 'users.nip',
  position: 'users.position',
  email: 'users.email',
  phone: 'users.phone',
  roles: 'users.roles',
  unit_id: 'users.unit',
  kanwil_id: 'users.kanwil',
  password: 'users.password',
  _: 'common.status',
};

function UserFields({
  ctx,
  form,
  homes,
  isNew,
}: {
  ctx: ViewCtx;
  form: FormState;
  homes: HomeOptions;
  isNew: boolean;
}) {
  return (
    <>
      {isNew && (
        <TextField
          ctx={ctx}
          form={form}
          name="username"
          label="users.username"
          hint="users.usernameHint"
          maxLength={40}
          autocomplete="off"
        />
      )}
      <TextField ctx={ctx} form={form} name="full_name" label="users.fullName" maxLength={120} />
      <TextField ctx={ctx} form={form} name="nip" label="users.nip" optional maxLength={18} />
      <TextField ctx={ctx} form={form} name="position" label="users.position" optional maxLength={120} />
      <TextField ctx={ctx} form={form} name="email" label="users.email" type="email" optional />
      <TextField ctx={ctx} form={form} name="phone" label="users.phone" type="tel" optional />
      <CheckboxGroup
        ctx={ctx}
        form={form}
        name="roles"
        label="users.roles"
        options={ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) }))}
      />
      <SelectField
        ctx={ctx}
        form={form}
        name="unit_id"
        label="users.unit"
        optional
        blank="—"
        options={homes.units.map((u) => ({ value: u.id, label: u.name }))}
      />
      {homes.kanwil.length > 0 && (
        <SelectField
          ctx={ctx}
          form={form}
          name="kanwil_id"
          label="users.kanwil"
          optional
          blank="—"
          options={homes.kanwil.map((k) => ({ value: k.id, label: k.name }))}
        />
      )}
      {isNew && (
        <TextField
          ctx={ctx}
          form={form}
          name="password"
          label="users.password"
          type="password"
          hint="users.passwordHint"
          optional
          autocomplete="new-password"
        />
      )}
    </>
  );
}

export function UserNewPage({ ctx, form, homes }: { ctx: ViewCtx; form: FormState; homes: HomeOptions }) {
  return (
    <Layout ctx={ctx} title={ctx.t('users.new')}>
      <p>
        <a href="/admin/users">← {ctx.t('users.title')}</a>
      </p>
      <h1>{ctx.t('users.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action="/admin/users" novalidate data-testid="user-form">
        <Csrf ctx={ctx} />
        <UserFields ctx={ctx} form={form} homes={homes} isNew />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

function homeOf(ctx: ViewCtx, u: UserRow): string {
  return u.unit_name ?? u.kanwil_name ?? ctx.t('users.homeNational');
}

export function UserPage({
  ctx,
  user,
  form,
  homes,
  oneTime,
}: {
  ctx: ViewCtx;
  user: UserRow;
  form: FormState;
  homes: HomeOptions;
  oneTime?: string | null;
}) {
  return (
    <Layout ctx={ctx} title={user.full_name}>
      <p>
        <a href="/admin/users">← {ctx.t('users.title')}</a>
      </p>
      <h1>{user.full_name}</h1>
      <p>
        <code>{user.username}</code> · {homeOf(ctx, user)} ·{' '}
        <span class={user.active ? 'badge ok' : 'badge off'} data-testid="user-status">
          {user.active ? ctx.t('common.active') : ctx.t('common.inactive')}
        </span>
      </p>
      {oneTime && (
        <div class="notice" role="status" data-testid="one-time-password">
          <p>{ctx.t('users.oneTime', { user: user.username })}</p>
          <p>
            <code class="secret">{oneTime}</code>
          </p>
        </div>
      )}
      <div class="actions">
        <form
          method="post"
          action={`/admin/users/${user.id}/${user.active ? 'deactivate' : 'activate'}`}
          class="inline"
        >
          <Csrf ctx={ctx} />
          <button type="submit" data-testid="toggle-active">
            {user.active ? ctx.t('users.deactivate') : ctx.t('users.activate')}
          </button>
        </form>
        <form method="post" action={`/admin/users/${user.id}/reset-password`} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit" data-testid="reset-password">
            {ctx.t('users.resetPassword')}
          </button>
        </form>
      </div>
      <h2>{ctx.t('users.edit')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action={`/admin/users/${user.id}`} novalidate data-testid="user-form">
        <Csrf ctx={ctx} />
        <UserFields ctx={ctx} form={form} homes={homes} isNew={false} />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

export function UserListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewCtx;
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  query: Record<string, string | undefined>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('users.title')}>
      <div class="title-row">
        <h1>{ctx.t('users.title')}</h1>
        <a class="button primary" href="/admin/users/new" data-testid="user-new">
          {ctx.t('users.new')}
        </a>
      </div>
      <form method="get" action="/admin/users" class="filters">
        <label>
          {ctx.t('common.search')}
          <input
            type="search"
            name="q"
            value={query.q ?? ''}
            placeholder={ctx.t('users.searchPlaceholder')}
          />
        </label>
        <label>
          {ctx.t('users.roles')}
          <select name="role">
            <option value="">{ctx.t('common.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r} selected={query.role === r}>
                {ctx.t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {ctx.t('common.status')}
          <select name="active">
            <option value="">{ctx.t('common.all')}</option>
            <option value="true" selected={query.active === 'true'}>
              {ctx.t('common.active')}
            </option>
            <option value="false" selected={query.active === 'false'}>
              {ctx.t('common.inactive')}
            </option>
          </select>
        </label>
        <button type="submit">{ctx.t('common.filter')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('users.fullName')}</th>
                <th scope="col">{ctx.t('users.username')}</th>
                <th scope="col">{ctx.t('users.roles')}</th>
                <th scope="col">{ctx.t('users.home')}</th>
                <th scope="col">{ctx.t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <a href={`/admin/users/${u.id}`}>{u.full_name}</a>
                  </td>
                  <td>
                    <code>{u.username}</code>
                  </td>
                  <td>{u.roles.map((r) => ctx.t(`role.${r}`)).join(', ')}</td>
                  <td>{homeOf(ctx, u)}</td>
                  <td>{u.active ? ctx.t('common.active') : ctx.t('common.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} base="/admin/users" query={query} page={page} total={total} pageSize={pageSize} />
    </Layout>
  );
}
