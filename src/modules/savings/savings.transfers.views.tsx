// Balance transfers bound for the unit: the incoming list, and one transfer with the form that
// receives it into a person's record here.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { day, LABELS } from './savings.parts.tsx';
import type { TransferRow } from './savings.service.ts';

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
