// One premi run: its totals, revenue groups and one line per inmate, with the review, approve and
// reverse actions. Tables scroll inside their frame at 360 px.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { Card, MonthField, monthLabel, runTitle, Status } from './premi.parts.tsx';
import type { PremiMay } from './premi.policy.ts';
import type { RunDetail } from './premi.service.ts';

export function RunPage(p: { ctx: ViewCtx; d: RunDetail; may: PremiMay; reverse: FormState }) {
  const { ctx, d, may } = p;
  const r = d.run;
  const title = runTitle(ctx, r);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/premi" label={ctx.t('premi.backToList')} />
      <TitleRow title={title} testid="run-title">
        <Status ctx={ctx} run={r} />
      </TitleRow>
      <p class="muted">
        {r.unit_name} · {ctx.t(`premi.kind.${r.kind}`)}
        {r.kind === 'reversal' && ` · ${monthLabel(r.month, ctx.lang)}`}
      </p>
      {r.kind === 'reversal' && (
        <p>
          {ctx.t('premi.reverses', { month: monthLabel(r.reverses_month ?? '', ctx.lang) })}{' '}
          <strong>{ctx.t('premi.reason')}:</strong> {r.reason}
        </p>
      )}
      {r.reversal_id && (
        <p>
          <a href={`/premi/runs/${r.reversal_id}`}>
            {ctx.t('premi.reversedBy', { status: ctx.t(`premi.status.${r.reversal_status ?? 'draft'}`) })}
          </a>
        </p>
      )}
      <Actions ctx={ctx} d={d} may={may} reverse={p.reverse} />
      {d.lines.length > 0 && (
        <nav aria-label={ctx.t('premi.downloads')} class="actions" data-testid="run-downloads">
          <a class="button" href={`/premi/runs/${r.id}/export.xlsx`}>
            {ctx.t('premi.downloadXlsx')}
          </a>
          <a class="button" href={`/premi/runs/${r.id}/slips.pdf`}>
            {ctx.t('premi.downloadSlips')}
          </a>
        </nav>
      )}
      <section aria-labelledby="run-totals">
        <h2 id="run-totals">{ctx.t('premi.totals')}</h2>
        <div class="cards" data-testid="run-totals">
          <Card label={ctx.t('premi.revenueOfftake')} value={r.revenue_offtake} testid="run-offtake" />
          <Card label={ctx.t('premi.revenueSales')} value={r.revenue_sales} testid="run-sales" />
          <Card label={ctx.t('premi.materialCost')} value={r.material_cost} />
          <Card label={ctx.t('premi.premi')} value={r.premi} testid="run-premi" />
          <Card label={ctx.t('premi.pnbp')} value={r.pnbp} testid="run-pnbp" />
          <Card label={ctx.t('premi.capital')} value={r.capital} testid="run-capital" />
          <Card label={ctx.t('premi.topup')} value={r.topup} />
          <Card label={ctx.t('premi.pooled')} value={r.pooled} />
          <Card label={ctx.t('premi.fromPool')} value={r.from_pool} />
          <Card label={ctx.t('premi.payments')} value={r.payments} />
          <Card label={ctx.t('premi.purchases')} value={r.purchases} />
        </div>
        <p class="muted">
          {ctx.t('premi.minSession')}: {formatRupiah(r.min_session)} · {ctx.t('premi.spendablePct')}:{' '}
          {r.spendable_pct}%
        </p>
      </section>
      <section aria-labelledby="run-groups">
        <h2 id="run-groups">{ctx.t('premi.groups')}</h2>
        <DataTable
          ctx={ctx}
          rows={d.groups}
          testid="run-groups-table"
          heads={[
            'premi.source',
            'premi.split',
            'premi.splitFrom',
            { num: 'premi.revenue' },
            { num: 'premi.materialCost' },
            { num: 'premi.premi' },
            { num: 'premi.pnbp' },
            { num: 'premi.capital' },
          ]}
          row={(g) => (
            <tr key={g.id}>
              <td>{ctx.t(`premi.source.${g.source}`)}</td>
              <td>
                {g.premi_pct}/{g.pnbp_pct}/{g.capital_pct}
              </td>
              <td>
                {g.from_agreement
                  ? ctx.t('premi.fromAgreement', { title: g.agreement_number ?? g.agreement_title ?? '' })
                  : ctx.t('premi.fromUnit')}
              </td>
              <td class="num">{formatRupiah(g.revenue)}</td>
              <td class="num">{formatRupiah(g.material_cost)}</td>
              <td class="num">{formatRupiah(g.premi)}</td>
              <td class="num">{formatRupiah(g.pnbp)}</td>
              <td class="num">{formatRupiah(g.capital)}</td>
            </tr>
          )}
        />
      </section>
      <section aria-labelledby="run-lines">
        <h2 id="run-lines">{ctx.t('premi.lines')}</h2>
        <DataTable
          ctx={ctx}
          rows={d.lines}
          testid="run-lines-table"
          none="premi.noLines"
          heads={[
            'premi.name',
            { num: 'premi.itemsPassed' },
            { num: 'premi.itemsOwn' },
            { num: 'premi.sessions' },
            { num: 'premi.offtakePremi' },
            { num: 'premi.salesPremi' },
            { num: 'premi.topup' },
            { num: 'premi.total' },
            { num: 'premi.saved' },
            { num: 'premi.spendable' },
          ]}
          row={(l) => (
            <tr key={l.inmate_id} data-testid="run-line">
              <td>
                <a href={`/premi/runs/${r.id}/inmates/${l.inmate_id}`}>{l.name}</a>
                <br />
                <span class="muted">{l.reg_number}</span>
                {l.topup !== 0 && (
                  <>
                    {' '}
                    <span class="badge status-draft" data-testid="minimum-applied">
                      {ctx.t('premi.minimumApplied')}
                    </span>
                  </>
                )}
              </td>
              <td class="num">{l.items_passed}</td>
              <td class="num">{l.items_own}</td>
              <td class="num">{l.sessions}</td>
              <td class="num">{formatRupiah(l.offtake_premi)}</td>
              <td class="num">{formatRupiah(l.sales_premi)}</td>
              <td class="num">{formatRupiah(l.topup)}</td>
              <td class="num">
                <strong>{formatRupiah(l.total)}</strong>
              </td>
              <td class="num">{formatRupiah(l.saved)}</td>
              <td class="num">{formatRupiah(l.spendable)}</td>
            </tr>
          )}
        />
      </section>
    </Layout>
  );
}

function Actions({
  ctx,
  d,
  may,
  reverse,
}: {
  ctx: ViewCtx;
  d: RunDetail;
  may: PremiMay;
  reverse: FormState;
}) {
  const r = d.run;
  const post = (action: string, label: MessageKey, testid: string, primary = false) => (
    <form method="post" action={`/premi/runs/${r.id}/${action}`} class="inline">
      <Csrf ctx={ctx} />
      <button type="submit" class={primary ? 'primary' : undefined} data-testid={testid}>
        {ctx.t(label)}
      </button>
    </form>
  );
  return (
    <>
      <div class="actions">
        {may.prepare && r.kind === 'regular' && r.status !== 'posted' && (
          <form method="post" action="/premi/runs" class="inline">
            <Csrf ctx={ctx} />
            <input type="hidden" name="month" value={r.month} />
            <button type="submit" data-testid="run-recompute">
              {ctx.t('premi.recompute')}
            </button>
          </form>
        )}
        {may.prepare && r.status === 'draft' && post('review', 'premi.review', 'run-review', true)}
        {may.approve && r.status === 'reviewed' && post('approve', 'premi.approve', 'run-approve', true)}
      </div>
      {may.approve && r.status === 'reviewed' && <p class="hint">{ctx.t('premi.approveHint')}</p>}
      {may.prepare && r.kind === 'regular' && r.status === 'posted' && !r.reversal_id && (
        <details open={reverse.errors.length > 0}>
          <summary data-testid="run-reverse-open">{ctx.t('premi.reverseTitle')}</summary>
          <form method="post" action={`/premi/runs/${r.id}/reverse`} data-testid="run-reverse-form">
            <Csrf ctx={ctx} />
            <ErrorSummary
              ctx={ctx}
              form={reverse}
              labels={{ month: 'premi.reverseMonth', reason: 'premi.reason' }}
            />
            <p class="hint">{ctx.t('premi.reverseIntro')}</p>
            <MonthField ctx={ctx} form={reverse} name="month" label="premi.reverseMonth" />
            <TextField ctx={ctx} form={reverse} name="reason" label="premi.reason" maxLength={1000} />
            <button type="submit" data-testid="run-reverse">
              {ctx.t('premi.reverse')}
            </button>
          </form>
        </details>
      )}
    </>
  );
}
