// The payout tasks page: released people still owed premi, with a link to the incoming transfers.
import { formatRupiah } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { day } from './savings.parts.tsx';
import type { PayoutTask } from './savings.service.ts';

export function PayoutTasksPage(p: { ctx: ViewCtx; rows: readonly PayoutTask[] }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('savings.payoutTasks')}>
      <TitleRow title={ctx.t('savings.payoutTasks')}>
        {ctx.can('premi.prepare') && (
          <a class="button" href="/savings/transfers" data-testid="incoming-link">
            {ctx.t('savings.transfers')}
          </a>
        )}
      </TitleRow>
      <p>{ctx.t('savings.payoutTasksIntro')}</p>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="payout-tasks"
        none="savings.noTasks"
        heads={[
          'savings.name',
          'savings.regNumber',
          'savings.unit',
          'savings.releasedOn',
          { num: 'savings.saved' },
          { num: 'savings.spendable' },
          { num: 'savings.total' },
        ]}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={`/inmates/${r.id}/premi`}>{r.name}</a>
            </td>
            <td>{r.reg_number}</td>
            <td>{r.unit_name}</td>
            <td>{day(r.released_on)}</td>
            <td class="num">{formatRupiah(r.saved)}</td>
            <td class="num">{formatRupiah(r.spendable)}</td>
            <td class="num">{formatRupiah(r.saved + r.spendable)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
