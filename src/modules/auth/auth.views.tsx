import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';

export function SignInPage({
  ctx,
  form,
  message,
}: {
  ctx: ViewCtx;
  form: FormState;
  message?: string | undefined;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('auth.title')}>
      <div class="narrow">
        <h1>{ctx.t('auth.title')}</h1>
        <p>{ctx.t('auth.intro')}</p>
        {message && (
          <div class="error-summary" role="alert" data-testid="signin-error">
            <p>{message}</p>
          </div>
        )}
        <ErrorSummary
          ctx={ctx}
          form={form}
          labels={{ username: 'auth.username', password: 'auth.password' }}
        />
        <form method="post" action="/login" data-testid="signin-form" novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="next" value={String(form.values.next ?? '')} />
          <TextField
            ctx={ctx}
            form={form}
            name="username"
            label="auth.username"
            autocomplete="username"
            maxLength={100}
          />
          <TextField
            ctx={ctx}
            form={form}
            name="password"
            label="auth.password"
            type="password"
            autocomplete="current-password"
            maxLength={200}
          />
          <button type="submit" class="primary" data-testid="signin-submit">
            {ctx.t('auth.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
