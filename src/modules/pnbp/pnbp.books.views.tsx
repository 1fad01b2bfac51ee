// The capital account, the monthly reconciliation and the offices' totals per unit. Money to the
// rupiah; a difference is flagged in red and said in words.
import { formatNumber, formatRupiah } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable, ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CapitalAccount, PremiTotals, ReconciliationView } from './pnbp.service.ts';
import { CAPITAL_PURPOSES } from './pnbp.service.ts';
import { monthLabel } from './pnbp.views.tsx';

function MonthFilter({
  ctx,
  action,
  month,
  unitId,
}: {
  ctx: ViewCtx;
  action: string;
  month: string;
  unitId?: string;
}) {
  return (
    <form method="get" action={action} class="filters">
      {unitId && <input type="hidden" name="unit_id" value={unitId} />}
      <div class="field">
        <label for="f-month">{ctx.t('pnbp.month')}</label>
        <input id="f-month" name="month" type="month" value={month} pattern="[0-9]{4}-[0-9]{2}" />
      </div>
      <button type="submit">{ctx.t('pnbp.show')}</button>
    </form>
  );
}

const purposeLabel = (ctx: ViewCtx, purpose: string) =>
  (CAPITAL_PURPOSES as readonly string[]).includes(purpose)
    ? ctx.t(`capital.purpose.${purpose}` as MessageKey)
    : ctx.t('capital.purpose.other', { purpose });

export function CapitalPage({ ctx, d }: { ctx: ViewCtx; d: CapitalAccount }) {
  return (
    <Layout ctx={ctx} title={ctx.t('capital.title')}>
      <h1>{ctx.t('capital.title')}</h1>
      <p class="muted">{d.unit.name}</p>
      <p>{ctx.t('capital.intro')}</p>
      <section class="card" data-testid="capital-balance">
        <h2>{ctx.t('capital.balance')}</h2>
        <p class="big">{formatRupiah(d.balance)}</p>
      </section>
      {d.months.length === 0 && <p>{ctx.t('capital.none')}</p>}
      {d.months.map((m) => (
        <section key={m.month} aria-labelledby={`h-cap-${m.month}`}>
          <h2 id={`h-cap-${m.month}`}>{monthLabel(m.month, ctx.lang)}</h2>
          <DataTable
            ctx={ctx}
            rows={m.rows}
            testid={`capital-${m.month}`}
            heads={['capital.purpose', { num: 'capital.in' }, { num: 'capital.out' }]}
            row={(r) => (
              <tr key={r.purpose}>
                <th scope="row">{purposeLabel(ctx, r.purpose)}</th>
                <td class="num">{formatRupiah(r.in)}</td>
                <td class="num">{formatRupiah(r.out)}</td>
              </tr>
            )}
          />
          <p>
            {ctx.t('capital.net')}: <strong>{formatRupiah(m.in - m.out)}</strong>
          </p>
        </section>
      ))}
    </Layout>
  );
}

function Figure({
  ctx,
  label,
  amount,
  testid,
}: {
  ctx: ViewCtx;
  label: MessageKey;
  amount: number;
  testid: string;
}) {
  return (
    <tr data-testid={testid}>
      <th scope="row">{ctx.t(label)}</th>
      <td class="num">{formatRupiah(amount)}</td>
    </tr>
  );
}

function CheckRow({
  ctx,
  label,
  c,
  more,
  less,
  testid,
}: {
  ctx: ViewCtx;
  label: MessageKey;
  c: ReconciliationView['sales'];
  more: MessageKey;
  less: MessageKey;
  testid: string;
}) {
  const diff = formatRupiah(Math.abs(c.difference));
  return (
    <tr data-testid={testid}>
      <th scope="row">{ctx.t(label)}</th>
      <td class="num">{formatRupiah(c.journal)}</td>
      <td class="num">{formatRupiah(c.records)}</td>
      <td class="num">
        {c.difference === 0 ? formatRupiah(0) : <strong class="error">{formatRupiah(c.difference)}</strong>}
      </td>
      <td>
        {c.difference === 0 ? (
          ctx.t('recon.match')
        ) : (
          <span class="error" data-testid={`${testid}-flag`}>
            {ctx.t(c.difference > 0 ? more : less, { diff })}
          </span>
        )}
      </td>
    </tr>
  );
}

export function ReconciliationPage({ ctx, d }: { ctx: ViewCtx; d: ReconciliationView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('recon.title')}>
      <h1>{ctx.t('recon.title')}</h1>
      <p class="muted">
        {d.unit.name} · {monthLabel(d.month, ctx.lang)}
      </p>
      <p>{ctx.t('recon.intro')}</p>
      <MonthFilter ctx={ctx} action="/reconciliation" month={d.month} unitId={d.unit.id} />
      {d.postedRuns === 0 && <p class="notice">{ctx.t('recon.noRun')}</p>}
      <ScrollRegion label={ctx.t('recon.title')}>
        <table data-testid="recon-figures">
          <tbody>
            <Figure
              ctx={ctx}
              label="recon.revenueOfftake"
              amount={d.revenueOfftake}
              testid="recon-offtake-revenue"
            />
            <Figure
              ctx={ctx}
              label="recon.revenueSales"
              amount={d.revenueSales}
              testid="recon-sales-revenue"
            />
            <Figure ctx={ctx} label="recon.revenue" amount={d.revenue} testid="recon-revenue" />
            <Figure ctx={ctx} label="recon.premi" amount={d.premi} testid="recon-premi" />
            <Figure ctx={ctx} label="recon.pnbp" amount={d.pnbp} testid="recon-pnbp" />
            <Figure ctx={ctx} label="recon.capital" amount={d.capital} testid="recon-capital" />
            <Figure ctx={ctx} label="recon.materialCost" amount={d.materialCost} testid="recon-material" />
            <Figure ctx={ctx} label="recon.distributed" amount={d.distributed} testid="recon-distributed" />
            <tr data-testid="recon-difference">
              <th scope="row">{ctx.t('recon.difference')}</th>
              <td class="num">
                {d.balanced ? formatRupiah(0) : <strong class="error">{formatRupiah(d.difference)}</strong>}
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      {d.balanced ? (
        <p data-testid="recon-balanced">
          <span class="badge ok">{ctx.t('recon.balanced')}</span>
        </p>
      ) : (
        <p class="error" role="alert" data-testid="recon-unbalanced">
          {ctx.t('recon.unbalanced', { diff: formatRupiah(d.difference) })}
        </p>
      )}
      <h2>{ctx.t('recon.sources')}</h2>
      <ScrollRegion label={ctx.t('recon.sources')}>
        <table data-testid="recon-sources">
          <thead>
            <tr>
              <th scope="col">{ctx.t('recon.source')}</th>
              <th scope="col" class="num">
                {ctx.t('recon.journal')}
              </th>
              <th scope="col" class="num">
                {ctx.t('recon.records')}
              </th>
              <th scope="col" class="num">
                {ctx.t('recon.difference')}
              </th>
              <th scope="col">{ctx.t('capital.purpose')}</th>
            </tr>
          </thead>
          <tbody>
            <CheckRow
              ctx={ctx}
              label="recon.offtake"
              c={d.offtake}
              more="recon.offtakeMore"
              less="recon.offtakeLess"
              testid="recon-check-offtake"
            />
            <CheckRow
              ctx={ctx}
              label="recon.sales"
              c={d.sales}
              more="recon.salesMore"
              less="recon.salesLess"
              testid="recon-check-sales"
            />
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}

export function PremiTotalsPage({ ctx, d }: { ctx: ViewCtx; d: PremiTotals }) {
  const n = (v: number) => formatNumber(v, ctx.lang);
  return (
    <Layout ctx={ctx} title={ctx.t('premiTotals.title')}>
      <h1>{ctx.t('premiTotals.title')}</h1>
      <p class="muted">{monthLabel(d.month, ctx.lang)}</p>
      <p>{ctx.t('premiTotals.intro')}</p>
      <MonthFilter ctx={ctx} action="/premi-totals" month={d.month} />
      <DataTable
        ctx={ctx}
        rows={d.units}
        testid="premi-totals"
        none="premiTotals.none"
        heads={[
          'pnbp.unit',
          { num: 'premiTotals.premi' },
          { num: 'premiTotals.inmates' },
          { num: 'premiTotals.runs' },
          { num: 'premiTotals.pnbpMonth' },
          { num: 'premiTotals.depositedMonth' },
          { num: 'premiTotals.pnbpOutstanding' },
          { num: 'premiTotals.capital' },
        ]}
        row={(u) => (
          <tr key={u.unit_id}>
            <th scope="row">{u.unit_name}</th>
            <td class="num">{formatRupiah(u.premi)}</td>
            <td class="num">{n(u.inmates)}</td>
            <td class="num">{n(u.runs)}</td>
            <td class="num">{formatRupiah(u.pnbp_month)}</td>
            <td class="num">{formatRupiah(u.deposited_month)}</td>
            <td class="num">{formatRupiah(u.pnbp_outstanding)}</td>
            <td class="num">{formatRupiah(u.capital)}</td>
          </tr>
        )}
      />
      {d.units.length > 1 && (
        <p data-testid="premi-totals-sum">
          <strong>{ctx.t('premiTotals.total')}</strong>: {ctx.t('premiTotals.premi')}{' '}
          {formatRupiah(d.total.premi)} · {ctx.t('premiTotals.pnbpOutstanding')}{' '}
          {formatRupiah(d.total.pnbp_outstanding)} · {ctx.t('premiTotals.capital')}{' '}
          {formatRupiah(d.total.capital)}
        </p>
      )}
    </Layout>
  );
}
