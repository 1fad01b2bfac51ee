// One inmate's tabungan premi ledger: balances, postings with the running balance, withdrawals, and
// the form their status calls for (savings.forms.views.tsx). Payout tasks and transfers have their own pages.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState } from '../../app/forms.tsx';
import { Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { PayoutForm, TransferForm, WithdrawForm } from './savings.forms.views.tsx';
import { day, LABELS } from './savings.parts.tsx';
import type { SavingsMay } from './savings.policy.ts';
import type { Statement } from './savings.service.ts';

export interface LedgerForms {
  withdraw: FormState;
  payout: FormState;
  transfer: FormState;
}

function Balances({ ctx, b }: { ctx: ViewCtx; b: Statement['balance'] }) {
  return (
    <div class="cards" data-testid="savings-balances">
      <div class="card">
        <h3>{ctx.t('savings.saved')}</h3>
        <p class="big" data-testid="balance-saved">
          {formatRupiah(b.saved)}
        </p>
      </div>
      <div class="card">
        <h3>{ctx.t('savings.spendable')}</h3>
        <p class="big" data-testid="balance-spendable">
          {formatRupiah(b.spendable)}
        </p>
      </div>
      <div class="card">
        <h3>{ctx.t('savings.total')}</h3>
        <p class="big" data-testid="balance-total">
          {formatRupiah(b.total)}
        </p>
      </div>
    </div>
  );
}
export function LedgerPage(p: {
  ctx: ViewCtx;
  s: Statement;
  may: SavingsMay;
  forms: LedgerForms;
  units: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { ctx, s } = p;
  const i = s.inmate;
  const owed = s.balance.total > 0;
  const offer = {
    withdraw: p.may.prepare && i.status === 'active',
    payout: p.may.payout && i.status === 'released' && owed,
    transfer: p.may.prepare && i.status === 'transferred' && !s.transferOut && owed,
  };
  const title = `${ctx.t('savings.title')} · ${i.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/inmates/${i.id}`} label={i.name} />
      <TitleRow title={title} testid="savings-title">
        <a class="button" href={`/inmates/${i.id}/premi/statement.pdf`} data-testid="statement-pdf">
          {ctx.t('savings.statementPdf')}
        </a>
      </TitleRow>
      <p class="hint">
        {i.reg_number} · {i.unit_name} · {ctx.t(`savings.status.${i.status}`)}
      </p>
      <p>{ctx.t('savings.intro')}</p>
      <Balances ctx={ctx} b={s.balance} />
      {s.payout && (
        <p class="notice" role="status" data-testid="payout-done">
          {ctx.t('savings.payoutDone', {
            date: day(s.payout.paid_on),
            number: s.payout.number,
            total: formatRupiah(s.payout.saved + s.payout.spendable),
          })}{' '}
          <a href={`/savings/payouts/${s.payout.id}/slip.pdf`} data-testid="slip-pdf">
            {ctx.t('savings.slipPdf')}
          </a>
        </p>
      )}
      {s.transferOut && (
        <p class="notice" role="status" data-testid="transfer-done">
          {ctx.t('savings.transferDone', {
            total: formatRupiah(s.transferOut.saved + s.transferOut.spendable),
            unit: s.transferOut.to_unit_name,
            date: day(s.transferOut.sent_on),
          })}
        </p>
      )}
      {s.transferIn && (
        <p class="notice" data-testid="transfer-in">
          {ctx.t('savings.transferIn', {
            total: formatRupiah(s.transferIn.saved + s.transferIn.spendable),
            unit: s.transferIn.from_unit_name,
            reg: s.transferIn.from_reg_number,
          })}
        </p>
      )}
      {offer.withdraw && <WithdrawForm ctx={ctx} s={s} form={p.forms.withdraw} />}
      {offer.payout && <PayoutForm ctx={ctx} s={s} form={p.forms.payout} />}
      {offer.transfer && <TransferForm ctx={ctx} s={s} form={p.forms.transfer} units={p.units} />}
      {/* A refusal that also took the form away (paid or sent meanwhile) is still shown. */}
      {(['withdraw', 'payout', 'transfer'] as const)
        .filter((k) => !offer[k] && p.forms[k].errors.length > 0)
        .map((k) => (
          <ErrorSummary key={k} ctx={ctx} form={p.forms[k]} labels={LABELS} />
        ))}
      <h2>{ctx.t('savings.postings')}</h2>
      <DataTable
        ctx={ctx}
        rows={s.rows}
        testid="savings-postings"
        none="savings.noPostings"
        heads={[
          'savings.day',
          'savings.kind',
          'savings.memo',
          { num: 'savings.saved' },
          { num: 'savings.spendable' },
          { num: 'savings.amount' },
          { num: 'savings.balance' },
        ]}
        row={(r) => (
          <tr key={r.posting.entry_id}>
            <td>{day(r.posting.day)}</td>
            <td>{ctx.t(`savings.kind.${r.posting.kind}`)}</td>
            <td>{r.posting.memo}</td>
            <td class="num">{formatRupiah(r.posting.saved)}</td>
            <td class="num">{formatRupiah(r.posting.spendable)}</td>
            <td class="num">{formatRupiah(r.amount)}</td>
            <td class="num">{formatRupiah(r.balance.total)}</td>
          </tr>
        )}
      />
      <h2>{ctx.t('savings.withdrawals')}</h2>
      <DataTable
        ctx={ctx}
        rows={s.withdrawals}
        testid="savings-withdrawals"
        none="savings.noWithdrawals"
        heads={[
          'savings.number',
          'savings.day',
          'savings.purpose',
          'savings.reason',
          { num: 'savings.amount' },
        ]}
        row={(w) => (
          <tr key={w.id}>
            <td>
              <a href={`/savings/withdrawals/${w.id}/receipt.pdf`}>{w.number}</a>
            </td>
            <td>{day(w.day)}</td>
            <td>
              {ctx.t(`savings.purpose.${w.purpose}`)}
              {w.recipient ? ` · ${w.recipient}` : ''}
            </td>
            <td>{w.reason}</td>
            <td class="num">{formatRupiah(w.amount)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
