// Pages of the monthly premi runs: the list with the "prepare a month" form, one run (totals, its
// revenue groups, one line per inmate, the review/approve/reverse actions), one inmate's breakdown,
// and the unit's premi settings. Usable at 360 px: tables scroll inside their frame.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  TitleRow,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import type { PremiMay } from './premi.policy.ts';
import type { RunRow } from './premi.repo.ts';
import { STATUSES } from './premi.schema.ts';
import type { InmateBreakdown, RunDetail } from './premi.service.ts';

export function monthLabel(month: string, lang: ViewCtx['lang']): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));
}

const BADGE: Record<PremiRunStatus, string> = {
  draft: 'badge status-draft',
  reviewed: 'badge',
  posted: 'badge ok',
};

function Status({ ctx, run }: { ctx: ViewCtx; run: Pick<RunRow, 'status' | 'reversal_status'> }) {
  return (
    <>
      <span class={BADGE[run.status]} data-testid="run-status">
        {ctx.t(`premi.status.${run.status}`)}
      </span>
      {run.reversal_status === 'posted' && <span class="badge off"> {ctx.t('premi.reversedBadge')}</span>}
    </>
  );
}

/** Why: the month field is `type="month"`, which the shared TextField does not offer. */
function MonthField({
  ctx,
  form,
  name,
  label,
}: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
}) {
  const err = form.errors.find((e) => e.field === name);
  const v = form.values[name];
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>{ctx.t(label)}</label>
      {err && (
        <p class="error" id={`e-${name}`} data-testid={`error-${name}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <input
        id={`f-${name}`}
        type="month"
        name={name}
        value={typeof v === 'string' ? v : ''}
        required
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${name}` : undefined}
      />
    </div>
  );
}

const runTitle = (ctx: ViewCtx, r: Pick<RunRow, 'kind' | 'month' | 'reverses_month'>) =>
  r.kind === 'regular'
    ? ctx.t('premi.runTitle', { month: monthLabel(r.month, ctx.lang) })
    : ctx.t('premi.reversalTitle', { month: monthLabel(r.reverses_month ?? r.month, ctx.lang) });

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

function Card({ label, value, testid }: { label: string; value: number; testid?: string }) {
  return (
    <div class="card">
      <h3>{label}</h3>
      <p class="big" data-testid={testid}>
        {formatRupiah(value)}
      </p>
    </div>
  );
}

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

export function InmatePage(p: { ctx: ViewCtx; d: InmateBreakdown }) {
  const { ctx, d } = p;
  const l = d.line;
  const title = ctx.t('premi.inmateTitle', { name: l.name, month: monthLabel(d.run.month, ctx.lang) });
  const fromItems = d.items.filter((i) => i.source === 'sales').reduce((s, i) => s + i.premi, 0);
  const fromPool = l.sales_premi - fromItems;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/premi/runs/${d.run.id}`} label={ctx.t('premi.backToRun')} />
      <TitleRow title={title} testid="inmate-title" />
      <p class="muted">
        {l.reg_number} · <Status ctx={ctx} run={d.run} />
      </p>
      <div class="cards">
        <Card label={ctx.t('premi.offtakePremi')} value={l.offtake_premi} />
        <Card label={ctx.t('premi.salesPremi')} value={l.sales_premi} />
        <Card label={ctx.t('premi.topup')} value={l.topup} />
        <Card label={ctx.t('premi.total')} value={l.total} testid="inmate-total" />
        <Card label={ctx.t('premi.saved')} value={l.saved} />
        <Card label={ctx.t('premi.spendable')} value={l.spendable} />
      </div>
      {l.sessions !== 0 && (
        <p data-testid="inmate-minimum">
          {ctx.t('premi.minimumLine', {
            sessions: l.sessions,
            rate: formatRupiah(d.run.min_session),
            minimum: formatRupiah(l.minimum),
            topup: formatRupiah(l.topup),
          })}
        </p>
      )}
      {fromPool !== 0 && <p>{ctx.t('premi.fromPoolLine', { amount: formatRupiah(fromPool) })}</p>}
      <p>
        <a class="button" href={`/premi/runs/${d.run.id}/slips/${l.inmate_id}.pdf`} data-testid="inmate-slip">
          {ctx.t('premi.downloadSlip')}
        </a>
      </p>
      <h2>{ctx.t('premi.breakdown')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.items}
        testid="inmate-items"
        none="premi.noItems"
        heads={[
          'premi.source',
          'premi.product',
          { num: 'premi.qty' },
          { num: 'premi.rate' },
          { num: 'premi.value' },
          { num: 'premi.split' },
          { num: 'premi.itemPremi' },
        ]}
        row={(i) => (
          <tr key={`${i.source}-${i.product_id}-${i.rate}`}>
            <td>{ctx.t(`premi.source.${i.source}`)}</td>
            <td>{i.product_name}</td>
            <td class="num">
              {i.qty} {i.uom}
            </td>
            <td class="num">{formatRupiah(i.rate)}</td>
            <td class="num">{formatRupiah(i.value)}</td>
            <td class="num">{i.premi_pct}%</td>
            <td class="num">{formatRupiah(i.premi)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}

export function SettingsPage(p: { ctx: ViewCtx; form: FormState; unitName: string }) {
  const { ctx, form } = p;
  const labels: Record<string, MessageKey> = {
    premi_pct: 'premi.premiPct',
    pnbp_pct: 'premi.pnbpPct',
    capital_pct: 'premi.capitalPct',
    premi_min_session: 'premi.minSessionField',
    premi_spendable_pct: 'premi.spendableField',
  };
  return (
    <Layout ctx={ctx} title={ctx.t('premi.settingsTitle')}>
      <BackLink href="/premi" label={ctx.t('premi.backToList')} />
      <TitleRow title={ctx.t('premi.settingsTitle')} />
      <p class="muted">{p.unitName}</p>
      <p>{ctx.t('premi.settingsIntro')}</p>
      <form method="post" action="/premi/settings" data-testid="premi-settings-form">
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={labels} />
        <fieldset>
          <legend>{ctx.t('premi.split')}</legend>
          <TextField ctx={ctx} form={form} name="premi_pct" label="premi.premiPct" type="number" />
          <TextField ctx={ctx} form={form} name="pnbp_pct" label="premi.pnbpPct" type="number" />
          <TextField ctx={ctx} form={form} name="capital_pct" label="premi.capitalPct" type="number" />
        </fieldset>
        <TextField
          ctx={ctx}
          form={form}
          name="premi_min_session"
          label="premi.minSessionField"
          hint="premi.minSessionHint"
          type="number"
        />
        <TextField
          ctx={ctx}
          form={form}
          name="premi_spendable_pct"
          label="premi.spendableField"
          hint="premi.spendableHint"
          type="number"
        />
        <button type="submit" class="primary" data-testid="premi-settings-save">
          {ctx.t('premi.saveSettings')}
        </button>
      </form>
    </Layout>
  );
}
