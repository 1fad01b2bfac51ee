// The page shown for a refused or failed request: the status, a plain message, and a way back.
import type { FieldError } from './errors.ts';
import { Layout } from './layout.tsx';
import type { ViewCtx } from './view.ts';

export function ErrorPage({
  ctx,
  status,
  message,
  fields,
}: {
  ctx: ViewCtx;
  status: number;
  message: string;
  fields: FieldError[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('err.title')}>
      <h1>{ctx.t('err.title')}</h1>
      <p data-testid="error-message" data-status={status}>
        {message}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              {f.field}: {ctx.t(f.key, f.params)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/">{ctx.t('err.home')}</a>
      </p>
    </Layout>
  );
}
