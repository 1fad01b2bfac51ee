// The forms an inmate's ledger offers by status: a withdrawal while active, the payout once released
// and owed, the transfer of the balance once transferred.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { LABELS } from './savings.parts.tsx';
import { PAYOUT_METHODS, PURPOSES } from './savings.rules.ts';
import type { Statement } from './savings.service.ts';

export function WithdrawForm(p: { ctx: ViewCtx; s: Statement; form: FormState }) {
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

export function PayoutForm(p: { ctx: ViewCtx; s: Statement; form: FormState }) {
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

export function TransferForm(p: {
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
