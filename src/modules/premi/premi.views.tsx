// The list of monthly premi runs with the "prepare a month" form. One run is premi.run.views.tsx,
// one inmate's breakdown premi.inmate.views.tsx, the settings premi.settings.views.tsx. Usable at 360 px.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState } from '../../app/forms.tsx';
import { Csrf } from '../../app/layout.tsx';
import { DataTable, ListFilters, type ListPageProps, ListShell, valueOptions } from '../../app/list.tsx';
import { MonthField, monthLabel, runTitle, Status } from './premi.parts.tsx';
import type { PremiMay } from './premi.policy.ts';
import type { RunRow } from './premi.repo.ts';
import { STATUSES } from './premi.schema.ts';

export function RunsPage(
  p: ListPageProps<RunRow, { status?: string | undefined }> & {
    may: PremiMay;
    prepare: FormState;
    canSettings: boolean;
  },
) {
  const { ctx } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('premi.title')}
      base="/premi"
      actions={
        p.canSettings && (
          <a class="button" href="/premi/settings" data-testid="premi-settings-link">
            {ctx.t('premi.settingsLink')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('premi.intro')}</p>
      {p.may.prepare && (
        <section aria-labelledby="premi-prepare">
          <h2 id="premi-prepare">{ctx.t('premi.prepareTitle')}</h2>
          <form method="post" action="/premi/runs" data-testid="premi-prepare-form">
            <Csrf ctx={ctx} />
            <ErrorSummary ctx={ctx} form={p.prepare} labels={{ month: 'premi.prepareMonth' }} />
            <p class="hint">{ctx.t('premi.prepareHint')}</p>
            <MonthField ctx={ctx} form={p.prepare} name="month" label="premi.prepareMonth" />
            <button type="submit" class="primary" data-testid="premi-prepare">
              {ctx.t('premi.prepare')}
            </button>
          </form>
        </section>
      )}
      <ListFilters
        ctx={ctx}
        action="/premi"
        query={p.query}
        selects={[
          {
            name: 'status',
            label: 'premi.status',
            options: valueOptions(STATUSES, (s) => ctx.t(`premi.status.${s}`)),
          },
        ]}
      />
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="premi-runs"
        count={p.total}
        heads={[
          'premi.month',
          'premi.unit',
          'premi.status',
          { num: 'premi.inmates' },
          { num: 'premi.revenue' },
          { num: 'premi.premi' },
          { num: 'premi.pnbp' },
          { num: 'premi.capital' },
        ]}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={`/premi/runs/${r.id}`}>{runTitle(ctx, r)}</a>
              {r.kind === 'reversal' && <span class="muted"> · {monthLabel(r.month, ctx.lang)}</span>}
            </td>
            <td>{r.unit_name}</td>
            <td>
              <Status ctx={ctx} run={r} />
            </td>
            <td class="num">{Math.abs(r.inmates)}</td>
            <td class="num">{formatRupiah(r.revenue_offtake + r.revenue_sales)}</td>
            <td class="num">{formatRupiah(r.premi + r.topup)}</td>
            <td class="num">{formatRupiah(r.pnbp)}</td>
            <td class="num">{formatRupiah(r.capital)}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}
