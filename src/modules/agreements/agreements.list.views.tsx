// The list of agreements, with search and a status filter.
import { formatDay } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { AgreementStatus } from '../../db/schema.ts';
import type { AgreementRow } from './agreements.repo.ts';
import { STATUSES } from './agreements.schema.ts';

export function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: AgreementStatus }) {
  return (
    <span class={`badge status-${status}`} data-testid="agreement-status">
      {ctx.t(`status.${status}`)}
    </span>
  );
}

export function AgreementListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewCtx;
  rows: AgreementRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; status?: string | undefined };
}) {
  const day = (d: string | null) => (d ? formatDay(d, ctx.lang) : ctx.t('agreements.openEnded'));
  return (
    <Layout ctx={ctx} title={ctx.t('agreements.title')}>
      <div class="title-row">
        <h1>{ctx.t('agreements.title')}</h1>
        <div class="actions">
          <a class="button" href="/agreements/reminders">
            {ctx.t('reminders.title')}
          </a>
          {ctx.can('agreements.manage') && (
            <a class="button primary" href="/agreements/new" data-testid="agreement-new">
              {ctx.t('agreements.new')}
            </a>
          )}
        </div>
      </div>
      <form method="get" action="/agreements" class="filters">
        <label>
          {ctx.t('common.search')}
          <input
            type="search"
            name="q"
            value={query.q ?? ''}
            placeholder={ctx.t('agreements.searchPlaceholder')}
          />
        </label>
        <label>
          {ctx.t('agreements.filterStatus')}
          <select name="status">
            <option value="">{ctx.t('common.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s} selected={query.status === s}>
                {ctx.t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{ctx.t('common.filter')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="agreement-table">
            <caption class="muted">{total}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('agreements.titleField')}</th>
                <th scope="col">{ctx.t('agreements.partner')}</th>
                <th scope="col">{ctx.t('agreements.validFrom')}</th>
                <th scope="col">{ctx.t('agreements.validTo')}</th>
                <th scope="col">{ctx.t('agreements.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/agreements/${a.id}`}>{a.title}</a>
                    <br />
                    <small>
                      {ctx.t(`kind.${a.kind}`)} {a.number_first ? `· ${a.number_first}` : ''}
                    </small>
                  </td>
                  <td>{a.partner_name}</td>
                  <td>{day(a.valid_from)}</td>
                  <td>{day(a.valid_to)}</td>
                  <td>
                    <StatusBadge ctx={ctx} status={a.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} base="/agreements" query={query} page={page} total={total} pageSize={pageSize} />
    </Layout>
  );
}
