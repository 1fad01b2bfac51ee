// The programme list: search, status, and what the user may add.

import { DataTable, FilterForm, type ListPageProps, ListShell, SearchField } from '../../app/list.tsx';
import type { ProgrammeMay } from './programmes.policy.ts';
import type { ProgrammeRow } from './programmes.repo.ts';

export function ProgrammeListPage(
  p: ListPageProps<ProgrammeRow, { q?: string | undefined; status?: string | undefined }> & {
    may: ProgrammeMay;
  },
) {
  const { ctx, rows, total, query, may } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('programmes.title')}
      base="/programmes"
      actions={
        <>
          <a class="button" href="/programmes/calendar" data-testid="unit-calendar">
            {ctx.t('programmes.calendar')}
          </a>
          {may.manage && (
            <a class="button primary" href="/programmes/new" data-testid="programme-new">
              {ctx.t('programmes.new')}
            </a>
          )}
        </>
      }
    >
      <FilterForm ctx={ctx} action="/programmes">
        <SearchField ctx={ctx} value={query.q} />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="programme-table"
        count={total}
        none="programmes.none"
        heads={[
          'programmes.name',
          'programmes.kind',
          'programmes.partner',
          'programmes.status',
          'programmes.unit',
        ]}
        row={(p) => (
          <tr key={p.id}>
            <td>
              <a href={`/programmes/${p.id}`}>{p.name}</a>
            </td>
            <td>{ctx.t(`programmeKind.${p.kind}`)}</td>
            <td>{p.partner_name ?? '—'}</td>
            <td>{ctx.t(`programmeStatus.${p.status}`)}</td>
            <td>{p.unit_name}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}
