// One inmate's share of a premi run: their totals, the minimum applied, what the pool gave them,
// and the items behind it.
import { formatRupiah } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { Card, monthLabel, Status } from './premi.parts.tsx';
import type { InmateBreakdown } from './premi.service.ts';

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
