// Admin pages for user accounts: the list with search and filters, the create form, and a user's
// page with the edit form and the deactivate / reset-password actions.
import { type Ask, ConfirmForm } from '../../app/confirm.tsx';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  SelectFilter,
} from '../../app/list.tsx';
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
  const f = fieldsFor(ctx, form);
  return (
    <>
      {isNew && (
        <f.Text
          name="username"
          label="users.username"
          hint="users.usernameHint"
          maxLength={40}
          autocomplete="off"
        />
      )}
      <f.Text name="full_name" label="users.fullName" maxLength={120} />
      <f.Text name="nip" label="users.nip" optional maxLength={18} />
      <f.Text name="position" label="users.position" optional maxLength={120} />
      <f.Text name="email" label="users.email" type="email" optional />
      <f.Text name="phone" label="users.phone" type="tel" optional />
      <f.Checks
        name="roles"
        label="users.roles"
        options={ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) }))}
      />
      <f.Select
        name="unit_id"
        label="users.unit"
        optional
        blank="—"
        options={homes.units.map((u) => ({ value: u.id, label: u.name }))}
      />
      {homes.kanwil.length > 0 && (
        <f.Select
          name="kanwil_id"
          label="users.kanwil"
          optional
          blank="—"
          options={homes.kanwil.map((k) => ({ value: k.id, label: k.name }))}
        />
      )}
      {isNew && (
        <f.Text
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
      <BackLink href="/admin/users" label={ctx.t('users.title')} />
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
      <BackLink href="/admin/users" label={ctx.t('users.title')} />
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
        {user.active ? (
          <ConfirmForm
            ctx={ctx}
            action={`/admin/users/${user.id}/deactivate`}
            ask={deactivateAsk(ctx, user.full_name)}
            class="inline"
          >
            <button type="submit" data-testid="toggle-active">
              {ctx.t('users.deactivate')}
            </button>
          </ConfirmForm>
        ) : (
          <form method="post" action={`/admin/users/${user.id}/activate`} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" data-testid="toggle-active">
              {ctx.t('users.activate')}
            </button>
          </form>
        )}
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

export function UserListPage(p: ListPageProps<UserRow, Record<string, string | undefined>>) {
  const { ctx, rows, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('users.title')}
      base="/admin/users"
      actions={
        <a class="button primary" href="/admin/users/new" data-testid="user-new">
          {ctx.t('users.new')}
        </a>
      }
    >
      <FilterForm ctx={ctx} action="/admin/users">
        <SearchField ctx={ctx} value={query.q} placeholder="users.searchPlaceholder" />
        <SelectFilter
          ctx={ctx}
          label="users.roles"
          name="role"
          value={query.role}
          options={ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) }))}
        />
        <SelectFilter
          ctx={ctx}
          label="common.status"
          name="active"
          value={query.active}
          options={[
            { value: 'true', label: ctx.t('common.active') },
            { value: 'false', label: ctx.t('common.inactive') },
          ]}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="user-table"
        heads={['users.fullName', 'users.username', 'users.roles', 'users.home', 'common.status']}
        row={(u) => (
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
        )}
      />
    </ListShell>
  );
}

/** What deactivating an account asks first. */
export function deactivateAsk(ctx: ViewCtx, name: string): Ask {
  return {
    question: ctx.t('users.deactivateAsk', { name }),
    consequences: [ctx.t('users.deactivateWhat', { name })],
    yes: ctx.t('users.deactivateYes'),
  };
}
