// Pages of the tabungan premi: one inmate's ledger (balances, postings with the running balance,
// withdrawals, and the withdrawal, payout or transfer form their status calls for), the payout
// tasks of released people, and the incoming balance transfers with the form that receives one.
import { formatDayShort, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { SavingsMay } from './savings.policy.ts';
import { PAYOUT_METHODS, PURPOSES } from './savings.rules.ts';
import type { PayoutTask, Statement, TransferRow } from './savings.service.ts';

const day = (d: string | null | undefined) => (d ? formatDayShort(d) : '—');

const LABELS: Record<string, MessageKey> = {
  day: 'savings.day',
  amount: 'savings.amount',
  purpose: 'savings.purpose',
  reason: 'savings.reason',
  recipient: 'savings.recipient',
  paid_on: 'savings.paidOn',
  method: 'savings.method',
  reference: 'savings.reference',
  to_unit_id: 'savings.toUnit',
  sent_on: 'savings.sentOn',
  inmate_id: 'savings.receiveAs',
};

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

function WithdrawForm(p: { ctx: ViewCtx; s: Statement; form: FormState }) {
  const f = fieldsFor(p.ctx, p.form);
  return (
    <details class="panel" open={p.form.errors.length > 0} data-testid="withdraw-panel">
      <summary>{p.ctx.t('savings.withdraw')}</summary>
      <p class="hint">{p.ctx.t('savings.withdrawIntro', { balance: formatRupiah(p.s.balance.spendable) })}</p>
      <ErrorSummary ctx={p.ctx} form={p.form} labels={LABELS} />
      <form
        method="post"
        action={`/inmates/${p.s.inmate.id}/premi/withdrawals`}
        novalidate
        data-testid="withdraw-form"
      >
        <Csrf ctx={p.ctx} />
        <div class="grid2">
          <f.Text name="day" label="savings.day" type="date" />
          <f.Text
            name="amount"
            label="savings.amount"
            hint="savings.amountHint"
            maxLength={30}
            autocomplete="off"
          />
          <f.Select
            name="purpose"
            label="savings.purpose"
            options={PURPOSES.map((v) => ({ value: v, label: p.ctx.t(`savings.purpose.${v}`) }))}
          />
          <f.Text
            name="recipient"
            label="savings.recipient"
            hint="savings.recipientHint"
            optional
            maxLength={200}
          />
        </div>
        <f.Area name="reason" label="savings.reason" rows={2} optional={false} maxLength={500} />
        <button type="submit" class="primary" data-testid="withdraw-save">
          {p.ctx.t('savings.withdrawSave')}
        </button>
      </form>
    </details>
  );
}

function PayoutForm(p: { ctx: ViewCtx; s: Statement; form: FormState }) {
  const f = fieldsFor(p.ctx, p.form);
  const b = p.s.balance;
  return (
    <section class="panel" aria-labelledby="payout-h" data-testid="payout-panel">
      <h2 id="payout-h">{p.ctx.t('savings.payout')}</h2>
      <p>
        {p.ctx.t('savings.payoutIntro', {
          saved: formatRupiah(b.saved),
          spendable: formatRupiah(b.spendable),
          total: formatRupiah(b.total),
        })}
      </p>
      <ErrorSummary ctx={p.ctx} form={p.form} labels={LABELS} />
      <form
        method="post"
        action={`/inmates/${p.s.inmate.id}/premi/payout`}
        novalidate
        data-testid="payout-form"
      >
        <Csrf ctx={p.ctx} />
        <div class="grid2">
          <f.Text name="paid_on" label="savings.paidOn" type="date" />
          <f.Select
            name="method"
            label="savings.method"
            options={PAYOUT_METHODS.map((v) => ({ value: v, label: p.ctx.t(`savings.method.${v}`) }))}
          />
          <f.Text
            name="reference"
            label="savings.reference"
            hint="savings.referenceHint"
            optional
            maxLength={100}
          />
        </div>
        <button type="submit" class="primary" data-testid="payout-save">
          {p.ctx.t('savings.payNow')}
        </button>
      </form>
    </section>
  );
}

function TransferForm(p: {
  ctx: ViewCtx;
  s: Statement;
  form: FormState;
  units: ReadonlyArray<{ id: string; name: string }>;
}) {
  const f = fieldsFor(p.ctx, p.form);
  return (
    <section class="panel" aria-labelledby="transfer-h" data-testid="transfer-panel">
      <h2 id="transfer-h">{p.ctx.t('savings.transfer')}</h2>
      <p>{p.ctx.t('savings.transferIntro', { total: formatRupiah(p.s.balance.total) })}</p>
      <ErrorSummary ctx={p.ctx} form={p.form} labels={LABELS} />
      <form
        method="post"
        action={`/inmates/${p.s.inmate.id}/premi/transfer`}
        novalidate
        data-testid="transfer-form"
      >
        <Csrf ctx={p.ctx} />
        <div class="grid2">
          <f.Select
            name="to_unit_id"
            label="savings.toUnit"
            blank=""
            options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          />
          <f.Text name="sent_on" label="savings.sentOn" type="date" />
        </div>
        <button type="submit" class="primary" data-testid="transfer-save">
          {p.ctx.t('savings.send')}
        </button>
      </form>
    </section>
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

export function IncomingPage(p: { ctx: ViewCtx; rows: readonly TransferRow[] }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('savings.transfers')}>
      <TitleRow title={ctx.t('savings.transfers')} />
      <p>{ctx.t('savings.transfersIntro')}</p>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="incoming-transfers"
        none="savings.noTransfers"
        heads={[
          'savings.name',
          'savings.oldReg',
          'savings.fromUnit',
          'savings.sentOn',
          { num: 'savings.total' },
          'savings.receivedOn',
        ]}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={`/savings/transfers/${r.id}`}>{r.from_name}</a>
            </td>
            <td>{r.from_reg_number}</td>
            <td>{r.from_unit_name}</td>
            <td>{day(r.sent_on)}</td>
            <td class="num">{formatRupiah(r.saved + r.spendable)}</td>
            <td>
              {r.to_inmate_id ? (
                <a href={`/inmates/${r.to_inmate_id}/premi`}>
                  {day(r.received_on)} · {r.to_name}
                </a>
              ) : (
                <span class="badge status-draft">{ctx.t('savings.pending')}</span>
              )}
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}

export function ReceivePage(p: {
  ctx: ViewCtx;
  t: TransferRow;
  form: FormState;
  receivers: ReadonlyArray<{ id: string; name: string; reg_number: string }>;
}) {
  const { ctx, t } = p;
  const f = fieldsFor(ctx, p.form);
  return (
    <Layout ctx={ctx} title={ctx.t('savings.receive')}>
      <BackLink href="/savings/transfers" label={ctx.t('savings.transfers')} />
      <h1>{t.from_name}</h1>
      <dl class="facts">
        <dt>{ctx.t('savings.oldReg')}</dt>
        <dd>{t.from_reg_number}</dd>
        <dt>{ctx.t('savings.fromUnit')}</dt>
        <dd>{t.from_unit_name}</dd>
        <dt>{ctx.t('savings.sentOn')}</dt>
        <dd>{day(t.sent_on)}</dd>
        <dt>{ctx.t('savings.saved')}</dt>
        <dd>{formatRupiah(t.saved)}</dd>
        <dt>{ctx.t('savings.spendable')}</dt>
        <dd>{formatRupiah(t.spendable)}</dd>
        <dt>{ctx.t('savings.receivedOn')}</dt>
        <dd data-testid="transfer-received">
          {t.to_inmate_id
            ? `${day(t.received_on)} · ${t.to_name} (${t.to_reg_number})`
            : ctx.t('savings.pending')}
        </dd>
      </dl>
      {!t.to_inmate_id &&
        (p.receivers.length === 0 ? (
          <p class="notice">{ctx.t('savings.noReceivers')}</p>
        ) : (
          <>
            <ErrorSummary ctx={ctx} form={p.form} labels={LABELS} />
            <form
              method="post"
              action={`/savings/transfers/${t.id}/receive`}
              novalidate
              data-testid="receive-form"
            >
              <Csrf ctx={ctx} />
              <f.Select
                name="inmate_id"
                label="savings.receiveAs"
                blank=""
                options={p.receivers.map((r) => ({ value: r.id, label: `${r.name} — ${r.reg_number}` }))}
              />
              <button type="submit" class="primary" data-testid="receive-save">
                {ctx.t('savings.receive')}
              </button>
            </form>
          </>
        ))}
    </Layout>
  );
}
