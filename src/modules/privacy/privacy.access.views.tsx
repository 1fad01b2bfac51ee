// Who viewed which inmate's record, when and through what: unit-wide with filters, or for one
// person. Only the Kepala UPT and administrators reach it (privacy.access_log).

import { formatDateTime } from '../../app/format.ts';
import { DataTable, FilterForm, type ListPageProps, ListShell } from '../../app/list.tsx';
import type { AccessRow } from './privacy.service.ts';

export interface AccessQuery {
  inmate_id?: string | undefined;
  viewer?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
}

export function AccessLogPage(p: ListPageProps<AccessRow, AccessQuery> & { title: string; base: string }) {
  const { ctx, query } = p;
  return (
    <ListShell list={p} title={p.title} base={p.base}>
      <p class="muted">{ctx.t('privacy.access.intro')}</p>
      <FilterForm ctx={ctx} action={p.base}>
        <label>
          {ctx.t('privacy.access.viewer')}
          <input type="search" name="viewer" value={query.viewer ?? ''} maxLength={100} />
        </label>
        <label>
          {ctx.t('privacy.access.from')}
          <input type="date" name="from" value={query.from ?? ''} />
        </label>
        <label>
          {ctx.t('privacy.access.to')}
          <input type="date" name="to" value={query.to ?? ''} />
        </label>
        {query.inmate_id && <input type="hidden" name="inmate_id" value={query.inmate_id} />}
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        count={p.total}
        testid="access-log"
        heads={[
          'privacy.access.at',
          'privacy.access.viewer',
          'privacy.access.inmate',
          'privacy.access.channel',
          'privacy.unit',
        ]}
        row={(r) => (
          <tr key={r.id} data-testid="access-row">
            <td>
              <time datetime={r.at.toISOString()}>{formatDateTime(r.at, r.timezone, ctx.lang)}</time>
            </td>
            <td>
              {r.viewer_full_name ?? r.viewer_name} <small class="muted">({r.viewer_name})</small>
            </td>
            <td>
              <a href={`/inmates/${r.inmate_id}`}>{r.reg_number ?? r.inmate_id}</a> {r.inmate_name}
            </td>
            <td>
              {ctx.t(`privacy.access.channel.${r.channel}`)} <small class="muted">{r.source}</small>
            </td>
            <td>{r.unit_name}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}
