// The sales book (a month's receipts and reversals by day, with the period's totals) and one sale's
// page (its lines, the kuitansi, the buyer's phone, and the cancellation forms).
import { formatDay, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextArea } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { SaleStatus } from '../../db/schema.ts';
import type { SalesMay } from './sales.policy.ts';
import type { BookTotals } from './sales.rules.ts';
import { CHANNELS, STATUSES } from './sales.schema.ts';
import type { BookRowOut, SaleDetail } from './sales.service.ts';

const BADGE: Record<SaleStatus, string> = {
  completed: 'badge ok',
  cancel_requested: 'badge status-draft',
  cancelled: 'badge off',
  reversal: 'badge off',
};

function Status({ ctx, status }: { ctx: ViewCtx; status: SaleStatus }) {
  return <span class={BADGE[status]}>{ctx.t(`sales.status.${status}`)}</span>;
}

export interface BookFilters {
  month?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
}

function Totals({ ctx, t }: { ctx: ViewCtx; t: BookTotals }) {
  return (
    <section aria-labelledby="sales-totals">
      <h2 id="sales-totals">{ctx.t('sales.totals')}</h2>
      <div class="cards" data-testid="sales-totals">
        <div class="card">
          <h3>{ctx.t('sales.receipts')}</h3>
          <p class="big">{t.receipts}</p>
        </div>
        <div class="card">
          <h3>{ctx.t('sales.gross')}</h3>
          <p class="big" data-testid="sales-gross">
            {formatRupiah(t.gross)}
          </p>
        </div>
        <div class="card">
          <h3>{ctx.t('sales.reversed')}</h3>
          <p class="big" data-testid="sales-reversed">
            {formatRupiah(t.reversed)}
          </p>
        </div>
        <div class="card">
          <h3>{ctx.t('sales.net')}</h3>
          <p class="big" data-testid="sales-net">
            {formatRupiah(t.net)}
          </p>
          <p class="muted">
            {(['tunai', 'transfer', 'qris'] as const)
              .map((m) => `${ctx.t(`sales.method.${m}`)}: ${formatRupiah(t.byMethod[m])}`)
              .join(' · ')}
          </p>
        </div>
      </div>
      <p class="muted">{ctx.t('sales.netHint')}</p>
    </section>
  );
}

export function SalesBookPage(
  p: ListPageProps<BookRowOut, BookFilters> & {
    may: SalesMay;
    month: string;
    from: string;
    to: string;
    totals: BookTotals;
  },
) {
  const { ctx, query } = p;
  const days = [...new Set(p.rows.map((r) => r.sold_on))];
  return (
    <ListShell
      list={{ ...p, query: { ...query, month: p.month } }}
      title={ctx.t('sales.title')}
      base="/sales"
      actions={
        p.may.record && (
          <a class="button primary" href="/sales/new" data-testid="sale-new">
            {ctx.t('sales.new')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('sales.intro')}</p>
      <ListFilters
        ctx={ctx}
        action="/sales"
        query={query}
        lead={
          <label>
            {ctx.t('sales.month')}
            <input type="month" name="month" value={p.month} />
          </label>
        }
        selects={[
          {
            name: 'channel',
            label: 'sales.channel',
            options: valueOptions(CHANNELS, (c) => ctx.t(`sales.channel.${c}`)),
          },
          {
            name: 'status',
            label: 'sales.status',
            options: valueOptions(STATUSES, (s) => ctx.t(`sales.status.${s}`)),
          },
        ]}
      />
      <p>{ctx.t('sales.period', { from: formatDay(p.from, ctx.lang), to: formatDay(p.to, ctx.lang) })}</p>
      <Totals ctx={ctx} t={p.totals} />
      {days.length === 0 && <p>{ctx.t('common.none')}</p>}
      {days.map((day) => {
        const rows = p.rows.filter((r) => r.sold_on === day);
        return (
          <section key={day} aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>{formatDay(day, ctx.lang)}</h2>
            <DataTable
              ctx={ctx}
              rows={rows}
              testid={`sales-day-${day}`}
              heads={['sales.number', { num: 'sales.total' }, 'sales.method', 'sales.channel', 'sales.buyer']}
              row={(r) => (
                <tr key={r.id} data-testid={`sale-${r.number}`}>
                  <td>
                    <a href={`/sales/${r.id}`}>{r.number}</a>
                    <div>
                      <Status ctx={ctx} status={r.status} />
                    </div>
                    {r.reverses_number && (
                      <div class="muted">{ctx.t('sales.reverses', { number: r.reverses_number })}</div>
                    )}
                  </td>
                  <td class="num">{formatRupiah(r.total)}</td>
                  <td>
                    {ctx.t(`sales.method.${r.payment_method}`)}
                    {r.payment_ref && <div class="muted">{r.payment_ref}</div>}
                  </td>
                  <td>{ctx.t(`sales.channel.${r.channel}`)}</td>
                  <td>{r.buyer_name ?? '—'}</td>
                </tr>
              )}
            />
            <p class="muted" data-testid={`sales-day-total-${day}`}>
              {ctx.t('sales.dayTotal')}: {formatRupiah(rows.reduce((s, r) => s + r.total, 0))}
            </p>
          </section>
        );
      })}
    </ListShell>
  );
}

export function SalePage(p: {
  ctx: ViewCtx;
  d: SaleDetail;
  may: SalesMay;
  cancel: FormState;
  decision: FormState;
}) {
  const { ctx, d } = p;
  const s = d.sale;
  const title = `${ctx.t('sales.number')} ${s.number}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/sales?month=${s.sold_on.slice(0, 7)}`} label={ctx.t('sales.title')} />
      <h1 data-testid="sale-number">{title}</h1>
      <p>
        <Status ctx={ctx} status={s.status} />
      </p>
      <dl class="facts">
        <dt>{ctx.t('sales.soldOn')}</dt>
        <dd>{formatDay(s.sold_on, ctx.lang)}</dd>
        <dt>{ctx.t('sales.channel')}</dt>
        <dd>{ctx.t(`sales.channel.${s.channel}`)}</dd>
        {s.buyer_name && (
          <>
            <dt>{ctx.t('sales.buyerName')}</dt>
            <dd>{s.buyer_name}</dd>
          </>
        )}
        {s.buyer_phone && (
          <>
            <dt>{ctx.t('sales.buyerPhone')}</dt>
            <dd data-testid="sale-phone">{s.buyer_phone}</dd>
          </>
        )}
        <dt>{ctx.t('sales.method')}</dt>
        <dd>
          {ctx.t(`sales.method.${s.payment_method}`)}
          {s.payment_ref && ` · ${s.payment_ref}`}
        </dd>
        <dt>{ctx.t('sales.total')}</dt>
        <dd data-testid="sale-total">{formatRupiah(s.total)}</dd>
        {s.note && (
          <>
            <dt>{ctx.t('sales.note')}</dt>
            <dd>{s.note}</dd>
          </>
        )}
        {s.reverses_id && (
          <>
            <dt>{ctx.t('sales.cancelTitle')}</dt>
            <dd>
              <a href={`/sales/${s.reverses_id}`}>
                {ctx.t('sales.reverses', { number: s.reverses_number ?? '' })}
              </a>
            </dd>
          </>
        )}
        {s.reversal_id && (
          <>
            <dt>{ctx.t('sales.cancelTitle')}</dt>
            <dd>
              <a href={`/sales/${s.reversal_id}`} data-testid="sale-reversal">
                {ctx.t('sales.reversedBy', { number: s.reversal_number ?? '' })}
              </a>
            </dd>
          </>
        )}
        {s.cancel_reason && (
          <>
            <dt>{ctx.t('sales.reason')}</dt>
            <dd>{s.cancel_reason}</dd>
          </>
        )}
        <dt>{ctx.t('sales.recordedBy')}</dt>
        <dd>
          {s.created_by_name ?? '—'} · {ctx.dateTime(s.created_at)}
        </dd>
        {s.approved_by_name && (
          <>
            <dt>{ctx.t('sales.approvedBy')}</dt>
            <dd>{s.approved_by_name}</dd>
          </>
        )}
      </dl>
      <h2>{ctx.t('sales.lines')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.lines}
        testid="sale-lines"
        heads={['sales.product', { num: 'sales.qty' }, { num: 'sales.unitPrice' }, { num: 'sales.amount' }]}
        row={(l) => (
          <tr key={l.id}>
            <td>{l.product_name}</td>
            <td class="num">
              {l.qty} {l.uom}
            </td>
            <td class="num">{formatRupiah(l.unit_price)}</td>
            <td class="num">{formatRupiah(l.amount)}</td>
          </tr>
        )}
      />
      <p class="actions">
        <a class="button" href={`/sales/${s.id}/receipt.pdf`} data-testid="sale-pdf">
          {ctx.t(s.status === 'reversal' ? 'sales.reversalPdf' : 'sales.receiptPdf')}
        </a>
      </p>
      <CancelPanel {...p} />
    </Layout>
  );
}

function CancelPanel(p: {
  ctx: ViewCtx;
  d: SaleDetail;
  may: SalesMay;
  cancel: FormState;
  decision: FormState;
}) {
  const { ctx, d } = p;
  const s = d.sale;
  if (s.status === 'completed' && p.may.record)
    return (
      <details class="panel" open={p.cancel.errors.length > 0}>
        <summary>{ctx.t('sales.requestCancel')}</summary>
        <p class="muted">{ctx.t('sales.cancelIntro')}</p>
        <ErrorSummary ctx={ctx} form={p.cancel} labels={{ reason: 'sales.reason' }} />
        <form method="post" action={`/sales/${s.id}/cancellation`} novalidate data-testid="sale-cancel-form">
          <Csrf ctx={ctx} />
          <TextArea
            ctx={ctx}
            form={p.cancel}
            name="reason"
            label="sales.reason"
            optional={false}
            maxLength={1000}
          />
          {p.may.approve && (
            <div class="field">
              <label class="check">
                <input
                  type="checkbox"
                  name="approve"
                  value="true"
                  checked={String(p.cancel.values.approve) === 'true'}
                />{' '}
                {ctx.t('sales.approveNow')}
              </label>
            </div>
          )}
          <button type="submit" data-testid="sale-cancel">
            {ctx.t('sales.requestCancel')}
          </button>
        </form>
      </details>
    );
  if (s.status !== 'cancel_requested') return null;
  return (
    <section class="notice" aria-labelledby="cancel-pending">
      <h2 id="cancel-pending">{ctx.t('sales.cancelTitle')}</h2>
      <p data-testid="sale-pending">{ctx.t('sales.pending', { reason: s.cancel_reason ?? '' })}</p>
      {p.may.approve && (
        <>
          <ErrorSummary ctx={ctx} form={p.decision} labels={{ note: 'sales.decisionNote' }} />
          <form method="post" action={`/sales/${s.id}/decision`} novalidate data-testid="sale-decision-form">
            <Csrf ctx={ctx} />
            <TextArea ctx={ctx} form={p.decision} name="note" label="sales.decisionNote" maxLength={1000} />
            <div class="actions">
              <button type="submit" name="approve" value="true" class="primary" data-testid="sale-approve">
                {ctx.t('sales.approve')}
              </button>
              <button type="submit" name="approve" value="false" data-testid="sale-reject">
                {ctx.t('sales.reject')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
