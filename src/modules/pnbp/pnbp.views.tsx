// The PNBP page of a unit: what the posted runs owe, what was deposited, what is still owed, per
// month with each deposit's billing code and NTPN, and the deposit form (premi.prepare).
import { formatDayShort, formatMonth, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { DataTable } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { PnbpMay } from './pnbp.policy.ts';
import type { PnbpMonth, PnbpOfUnit } from './pnbp.service.ts';

/** "Maret 2026" / "March 2026". */
export function monthLabel(month: string, lang: ViewCtx['lang']): string {
  return formatMonth(month, lang);
}

const LABELS: Record<string, MessageKey> = {
  deposited_on: 'pnbp.depositedOn',
  amount: 'pnbp.amount',
  billing_code: 'pnbp.billingCode',
  ntpn: 'pnbp.ntpn',
  period: 'pnbp.period',
  note: 'pnbp.note',
  unit_id: 'pnbp.unit',
};

function DepositForm({ ctx, form, unitId }: { ctx: ViewCtx; form: FormState; unitId: string }) {
  const f = fieldsFor(ctx, form);
  return (
    <section aria-labelledby="h-deposit">
      <h2 id="h-deposit">{ctx.t('pnbp.newDeposit')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action="/pnbp/deposits" novalidate data-testid="pnbp-deposit-form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="unit_id" value={unitId} />
        <div class="grid2">
          <f.Text name="deposited_on" label="pnbp.depositedOn" type="date" />
          <f.Text name="amount" label="pnbp.amount" maxLength={30} autocomplete="off" />
          <f.Text
            name="billing_code"
            label="pnbp.billingCode"
            hint="pnbp.billingCodeHint"
            maxLength={40}
            autocomplete="off"
          />
          <f.Text name="ntpn" label="pnbp.ntpn" hint="pnbp.ntpnHint" maxLength={40} autocomplete="off" />
          <f.Text name="period" label="pnbp.period" hint="pnbp.periodHint" maxLength={7} optional />
        </div>
        <f.Area name="note" label="pnbp.note" rows={2} maxLength={1000} />
        <button type="submit" class="primary" data-testid="pnbp-deposit-save">
          {ctx.t('pnbp.save')}
        </button>
      </form>
    </section>
  );
}

function MonthRow({ ctx, m }: { ctx: ViewCtx; m: PnbpMonth }) {
  return (
    <tr>
      <th scope="row">{m.month ? monthLabel(m.month, ctx.lang) : ctx.t('pnbp.noPeriod')}</th>
      <td class="num">{formatRupiah(m.owed)}</td>
      <td class="num">{formatRupiah(m.deposited)}</td>
      <td class="num">
        {m.outstanding > 0 ? (
          <strong class="warn">{formatRupiah(m.outstanding)}</strong>
        ) : (
          formatRupiah(m.outstanding)
        )}
      </td>
      <td>
        {m.deposits.map((d) => (
          <div key={d.id}>
            {ctx.t('pnbp.billingCode')} {d.billing_code} · {ctx.t('pnbp.ntpn')} {d.ntpn}
          </div>
        ))}
      </td>
    </tr>
  );
}

export function PnbpPage({
  ctx,
  d,
  may,
  form,
}: {
  ctx: ViewCtx;
  d: PnbpOfUnit;
  may: PnbpMay;
  form: FormState;
}) {
  const b = d.balance;
  return (
    <Layout ctx={ctx} title={ctx.t('pnbp.title')}>
      <h1>{ctx.t('pnbp.title')}</h1>
      <p class="muted">{d.unit.name}</p>
      <p>{ctx.t('pnbp.intro')}</p>
      <div class="cards">
        <section class="card" data-testid="pnbp-accrued">
          <h2>{ctx.t('pnbp.accrued')}</h2>
          <p class="big">{formatRupiah(b.accrued)}</p>
        </section>
        <section class="card" data-testid="pnbp-deposited">
          <h2>{ctx.t('pnbp.deposited')}</h2>
          <p class="big">{formatRupiah(b.deposited)}</p>
        </section>
        <section class="card" data-testid="pnbp-owed">
          <h2>{ctx.t('pnbp.owed')}</h2>
          <p class="big">{formatRupiah(b.owed)}</p>
          {b.owed === 0 && <p class="muted">{ctx.t('pnbp.owedNone')}</p>}
        </section>
      </div>
      <p>
        <a href={`/pnbp/report.xlsx?unit_id=${d.unit.id}`} data-testid="pnbp-report">
          {ctx.t('pnbp.report')}
        </a>
        {' · '}
        <a href={`/capital?unit_id=${d.unit.id}`}>{ctx.t('capital.title')}</a>
        {' · '}
        <a href={`/reconciliation?unit_id=${d.unit.id}`}>{ctx.t('recon.title')}</a>
        {' · '}
        <a href={`/ledger/export?unit_id=${d.unit.id}`}>{ctx.t('ledgerExport.link')}</a>
      </p>
      <h2>{ctx.t('pnbp.byMonth')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.months}
        testid="pnbp-months"
        none="pnbp.noMonths"
        heads={[
          'pnbp.month',
          { num: 'pnbp.monthOwed' },
          { num: 'pnbp.monthDeposited' },
          { num: 'pnbp.outstanding' },
          'pnbp.deposits',
        ]}
        row={(m) => <MonthRow key={m.month ?? ''} ctx={ctx} m={m} />}
      />
      {may.prepare && <DepositForm ctx={ctx} form={form} unitId={d.unit.id} />}
      <h2>{ctx.t('pnbp.deposits')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.deposits}
        testid="pnbp-deposits"
        none="pnbp.noDeposits"
        heads={[
          'pnbp.depositedOn',
          { num: 'pnbp.amount' },
          'pnbp.billingCode',
          'pnbp.ntpn',
          'pnbp.period',
          'pnbp.note',
          'pnbp.recordedBy',
        ]}
        row={(x) => (
          <tr key={x.id}>
            <td>{formatDayShort(x.deposited_on)}</td>
            <td class="num">{formatRupiah(x.amount)}</td>
            <td>{x.billing_code}</td>
            <td>{x.ntpn}</td>
            <td>{x.period ? monthLabel(x.period, ctx.lang) : '—'}</td>
            <td>{x.note ?? ''}</td>
            <td>{x.created_by_name ?? ''}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
