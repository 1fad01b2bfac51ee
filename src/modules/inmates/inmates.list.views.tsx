import {
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  SelectFilter,
} from '../../app/list.tsx';
import type { InmateMay } from './inmates.policy.ts';
import { REGISTER_CLASSES } from './inmates.rules.ts';
import { STATUSES } from './inmates.schema.ts';
import type { Inmate } from './inmates.service.ts';
import { day, PastExpiryFlag, StatusBadge } from './inmates.views.tsx';

export interface ListQuery {
  q?: string | undefined;
  status?: string | undefined;
  register_class?: string | undefined;
  block?: string | undefined;
  expiry?: string | undefined;
}

export function InmateListPage(p: ListPageProps<Inmate, ListQuery> & { blocks: string[]; may: InmateMay }) {
  const { ctx, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('inmates.title')}
      base="/inmates"
      actions={
        p.may.manage && (
          <span class="actions">
            <a class="button" href="/inmates/import" data-testid="inmate-import">
              {ctx.t('inmates.import')}
            </a>
            <a class="button primary" href="/inmates/new" data-testid="inmate-new">
              {ctx.t('inmates.new')}
            </a>
          </span>
        )
      }
    >
      <FilterForm ctx={ctx} action="/inmates">
        <SearchField ctx={ctx} value={query.q} placeholder="inmates.searchPlaceholder" />
        <SelectFilter
          ctx={ctx}
          label="inmates.status"
          name="status"
          value={query.status}
          options={STATUSES.map((s) => ({ value: s, label: ctx.t(`inmateStatus.${s}`) }))}
        />
        <SelectFilter
          ctx={ctx}
          label="inmates.registerClass"
          name="register_class"
          value={query.register_class}
          options={REGISTER_CLASSES.map((c) => ({ value: c, label: c }))}
        />
        <SelectFilter
          ctx={ctx}
          label="inmates.block"
          name="block"
          value={query.block}
          options={p.blocks.map((b) => ({ value: b, label: b }))}
        />
        <SelectFilter
          ctx={ctx}
          label="inmates.expiryFilter"
          name="expiry"
          value={query.expiry}
          options={[{ value: 'past', label: ctx.t('inmates.expiryFilter.past') }]}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="inmate-table"
        count={p.total}
        heads={[
          'inmates.regNumber',
          'inmates.name',
          'inmates.category',
          'inmates.block',
          'inmates.expectedRelease',
          'inmates.status',
        ]}
        row={(i) => (
          <tr key={i.id}>
            <td>
              <a href={`/inmates/${i.id}`}>{i.reg_number}</a>
            </td>
            <td>{i.name}</td>
            <td>{ctx.t(`category.${i.category}`)}</td>
            <td>{[i.block, i.room].filter(Boolean).join(' / ') || '—'}</td>
            <td>
              {day(i.expected_release_date)}
              {i.past_expiry && (
                <>
                  {' '}
                  <PastExpiryFlag ctx={ctx} />
                </>
              )}
            </td>
            <td>
              <StatusBadge ctx={ctx} status={i.status} />
            </td>
          </tr>
        )}
      />
    </ListShell>
  );
}
