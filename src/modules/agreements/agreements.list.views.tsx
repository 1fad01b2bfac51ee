// The list of agreements, with search and a status filter.
import { formatDay } from '../../app/format.ts';
import {
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  SelectFilter,
} from '../../app/list.tsx';
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

export function AgreementListPage(
  p: ListPageProps<AgreementRow, { q?: string | undefined; status?: string | undefined }> & {
    /** From agreements.policy.ts: whether to offer recording a new agreement. */
    canManage: boolean;
  },
) {
  const { ctx, rows, total, query } = p;
  const day = (d: string | null) => (d ? formatDay(d, ctx.lang) : ctx.t('agreements.openEnded'));
  return (
    <ListShell
      list={p}
      title={ctx.t('agreements.title')}
      base="/agreements"
      actions={
        <div class="actions">
          <a class="button" href="/agreements/reminders">
            {ctx.t('reminders.title')}
          </a>
          {p.canManage && (
            <a class="button primary" href="/agreements/new" data-testid="agreement-new">
              {ctx.t('agreements.new')}
            </a>
          )}
        </div>
      }
    >
      <FilterForm ctx={ctx} action="/agreements">
        <SearchField ctx={ctx} value={query.q} placeholder="agreements.searchPlaceholder" />
        <SelectFilter
          ctx={ctx}
          label="agreements.filterStatus"
          name="status"
          value={query.status}
          options={STATUSES.map((s) => ({ value: s, label: ctx.t(`status.${s}`) }))}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="agreement-table"
        count={total}
        heads={[
          'agreements.titleField',
          'agreements.partner',
          'agreements.validFrom',
          'agreements.validTo',
          'agreements.status',
        ]}
        row={(a) => (
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
        )}
      />
    </ListShell>
  );
}
