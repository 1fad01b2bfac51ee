// The intake list: every intake of the programmes in the viewer's units, filtered by status and
// programme, with how many candidates were assessed and accepted.

import { formatDay } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { IntakeStatus } from '../../db/schema.ts';
import type { listIntakes } from './selection.service.ts';

type List = Awaited<ReturnType<typeof listIntakes>>;
const STATUSES: readonly IntakeStatus[] = ['open', 'decided', 'closed'];

export function IntakeListPage(p: {
  ctx: ViewCtx;
  list: List;
  query: { status?: string | undefined; programme?: string | undefined; page?: number | undefined };
}) {
  const { ctx, list, query } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('selection.list')}>
      <h1>{ctx.t('selection.list')}</h1>
      <form method="get" action="/intakes" class="filters" data-testid="intake-filters">
        <label>
          {ctx.t('enrolments.status')}
          <select name="status" data-testid="filter-status">
            <option value="">{ctx.t('selection.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s} selected={query.status === s}>
                {ctx.t(`selection.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {ctx.t('selection.programme')}
          <select name="programme" data-testid="filter-programme">
            <option value="">{ctx.t('selection.anyProgramme')}</option>
            {list.programmes.map((pr) => (
              <option key={pr.id} value={pr.id} selected={query.programme === pr.id}>
                {pr.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{ctx.t('selection.filter')}</button>
      </form>
      {list.rows.length === 0 ? (
        <p data-testid="intake-none">{ctx.t('selection.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('selection.title')}>
          <table data-testid="intake-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('selection.openedOn')}</th>
                <th scope="col">{ctx.t('selection.programme')}</th>
                <th scope="col">{ctx.t('enrolments.status')}</th>
                <th scope="col">{ctx.t('selection.assessed')}</th>
                <th scope="col">{ctx.t('selection.acceptedCount')}</th>
                <th scope="col">{ctx.t('selection.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id} data-testid={`intake-row-${r.id}`}>
                  <td>
                    <a href={`/intakes/${r.id}`}>{formatDay(r.opened_on, ctx.lang)}</a>
                  </td>
                  <td>{r.programme_name}</td>
                  <td>
                    {r.closed_as
                      ? ctx.t(`selection.closedAs.${r.closed_as}`)
                      : ctx.t(`selection.status.${r.status}`)}
                  </td>
                  <td>{r.candidates}</td>
                  <td>{r.accepted}</td>
                  <td>{r.unit_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager
        ctx={ctx}
        base="/intakes"
        query={{ status: query.status, programme: query.programme }}
        page={query.page ?? 1}
        total={list.total}
        pageSize={list.pageSize}
      />
    </Layout>
  );
}
