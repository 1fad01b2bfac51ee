// The user's own pages: profile summary, change password, personal API tokens.
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CurrentUser } from '../auth/auth.service.ts';

type Token = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export function AccountPage({
  ctx,
  user: u,
  tokens,
  newToken,
  form,
  nipForm,
}: {
  ctx: ViewCtx;
  user: CurrentUser;
  tokens: Token[];
  newToken?: string | null;
  form: FormState;
  /** The person's own NIP, printed under their signature on certificates and reports. */
  nipForm: FormState;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('account.title')}>
      <h1>{ctx.t('account.title')}</h1>
      <dl class="facts">
        <dt>{ctx.t('users.fullName')}</dt>
        <dd>{u.fullName}</dd>
        <dt>{ctx.t('users.username')}</dt>
        <dd>
          <code>{u.username}</code>
        </dd>
        <dt>{ctx.t('account.roles')}</dt>
        <dd>{u.roles.map((r) => ctx.t(`role.${r}`)).join(', ')}</dd>
        <dt>{ctx.t('account.home')}</dt>
        <dd>{u.homeName ?? ctx.t('users.homeNational')}</dd>
      </dl>
      <ErrorSummary ctx={ctx} form={nipForm} labels={{ nip: 'users.nip' }} />
      <form method="post" action="/account/nip" novalidate class="row-form" data-testid="nip-form">
        <Csrf ctx={ctx} />
        <TextField
          ctx={ctx}
          form={nipForm}
          name="nip"
          label="users.nip"
          hint="users.nipHint"
          optional
          maxLength={18}
        />
        <button type="submit">{ctx.t('common.save')}</button>
      </form>
      <p>
        <a class="button" href="/account/password" data-testid="change-password">
          {ctx.t('account.password.title')}
        </a>
      </p>
      <h2>{ctx.t('account.tokens.title')}</h2>
      <p>{ctx.t('account.tokens.intro')}</p>
      {newToken && (
        <div class="notice" role="status" data-testid="new-token">
          <p>{ctx.t('account.tokens.created')}</p>
          <p>
            <code class="secret">{newToken}</code>
          </p>
        </div>
      )}
      <ErrorSummary
        ctx={ctx}
        form={form}
        labels={{ name: 'account.tokens.name', expires_days: 'account.tokens.expiresDays' }}
      />
      <form method="post" action="/account/tokens" novalidate class="row-form">
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} form={form} name="name" label="account.tokens.name" maxLength={80} />
        <TextField
          ctx={ctx}
          form={form}
          name="expires_days"
          label="account.tokens.expiresDays"
          type="number"
          optional
        />
        <button type="submit">{ctx.t('account.tokens.create')}</button>
      </form>
      {tokens.length > 0 && (
        <ScrollRegion label={ctx.t('account.tokens.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('account.tokens.name')}</th>
                <th scope="col">{ctx.t('account.tokens.lastUsed')}</th>
                <th scope="col">{ctx.t('account.tokens.expires')}</th>
                <th scope="col">{ctx.t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => (
                <tr key={tk.id}>
                  <td>
                    {tk.name} <code>{tk.prefix}…</code>
                  </td>
                  <td>{tk.last_used_at ? ctx.dateTime(tk.last_used_at) : ctx.t('account.tokens.never')}</td>
                  <td>{tk.expires_at ? ctx.dateTime(tk.expires_at) : '—'}</td>
                  <td>
                    {tk.revoked_at ? (
                      ctx.t('common.inactive')
                    ) : (
                      <form method="post" action={`/account/tokens/${tk.id}/revoke`} class="inline">
                        <Csrf ctx={ctx} />
                        <button type="submit">{ctx.t('account.tokens.revoke')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function PasswordPage({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('account.password.title')}>
      <div class="narrow">
        <h1>{ctx.t('account.password.title')}</h1>
        {ctx.user?.mustChangePassword && (
          <p class="notice" role="status" data-testid="must-change">
            {ctx.t('account.password.mustChange')}
          </p>
        )}
        <ErrorSummary
          ctx={ctx}
          form={form}
          labels={{
            current_password: 'account.password.current',
            new_password: 'account.password.new',
            confirm_password: 'account.password.confirm',
          }}
        />
        <form method="post" action="/account/password" novalidate data-testid="password-form">
          <Csrf ctx={ctx} />
          <TextField
            ctx={ctx}
            form={form}
            name="current_password"
            label="account.password.current"
            type="password"
            autocomplete="current-password"
          />
          <TextField
            ctx={ctx}
            form={form}
            name="new_password"
            label="account.password.new"
            type="password"
            hint="account.password.hint"
            autocomplete="new-password"
          />
          <TextField
            ctx={ctx}
            form={form}
            name="confirm_password"
            label="account.password.confirm"
            type="password"
            autocomplete="new-password"
          />
          <button type="submit" class="primary">
            {ctx.t('common.save')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
