// The offtake invoice pages: the list (with what is owed and each open invoice's age), a new
// invoice from a partner's checked batches, and an invoice with its lines, payments and the form
// to record a payment.
import { formatDay, formatDayShort, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  ChoosePage,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  recordOptions,
  TitleRow,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { BatchListRow } from '../quality/quality.service.ts';
import type { OfftakeMay } from './offtake.policy.ts';
import { INVOICE_STATUSES, PAY_METHODS } from './offtake.schema.ts';
import type { InvoiceDetail, InvoiceListRow } from './offtake.service.ts';

const LABELS: Record<string, MessageKey> = {
  batch_ids: 'offtake.batches',
  issued_on: 'offtake.issuedOn',
  due_on: 'offtake.dueOn',
  paid_on: 'offtake.paidOn',
  amount: 'offtake.amount',
  method: 'offtake.method',
  reference: 'offtake.reference',
};

export function InvoiceListPage(
  p: ListPageProps<InvoiceListRow, { partner?: string | undefined; status?: string | undefined }> & {
    may: OfftakeMay;
    owed: number;
    partners: ReadonlyArray<{ id: string; name: string }>;
  },
) {
  const { ctx, rows, total, query, may } = p;
  return (
    <ListShell
      list={p}
      title={query.status === 'open' ? ctx.t('offtake.receivables') : ctx.t('offtake.title')}
      base="/offtake-invoices"
      actions={
        may.record && (
          <a class="button primary" href="/offtake-invoices/new" data-testid="invoice-new">
            {ctx.t('offtake.new')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('offtake.intro')}</p>
      <ListFilters
        ctx={ctx}
        action="/offtake-invoices"
        query={query}
        selects={[
          { name: 'partner', label: 'offtake.partner', options: recordOptions(p.partners) },
          {
            name: 'status',
            label: 'offtake.status',
            options: valueOptions(INVOICE_STATUSES, (s) => ctx.t(`offtake.st.${s}`)),
          },
        ]}
      />
      <p data-testid="invoices-owed">
        <strong>{ctx.t('offtake.owedTotal', { amount: formatRupiah(p.owed) })}</strong>
      </p>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="invoice-table"
        count={total}
        none="offtake.none"
        heads={[
          'offtake.number',
          'offtake.partner',
          'offtake.issuedOn',
          { num: 'offtake.total' },
          { num: 'offtake.owed' },
          { num: 'offtake.age' },
          'offtake.status',
        ]}
        row={(i) => (
          <tr key={i.id}>
            <td>
              <a href={`/offtake-invoices/${i.id}`}>{i.number}</a>
            </td>
            <td>{i.partner_name}</td>
            <td>{formatDayShort(i.issued_on)}</td>
            <td class="num">{formatRupiah(i.total)}</td>
            <td class="num">{formatRupiah(i.owed)}</td>
            <td class="num">{i.age ?? '—'}</td>
            <td>{ctx.t(`offtake.st.${i.status}`)}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

export function ChoosePartnerPage(p: {
  ctx: ViewCtx;
  partners: ReadonlyArray<{ id: string; name: string }>;
}) {
  return (
    <ChoosePage
      ctx={p.ctx}
      title="offtake.newTitle"
      back={{ href: '/offtake-invoices', label: 'offtake.title' }}
      action="/offtake-invoices/new"
      testid="invoice-choose"
      name="partner"
      texts={{ label: 'offtake.choosePartner', submit: 'offtake.choose', none: 'offtake.noPartners' }}
      options={p.partners}
    />
  );
}

export function NewInvoicePage(p: {
  ctx: ViewCtx;
  partner: { id: string; legal_name: string };
  batches: BatchListRow[];
  form: FormState;
}) {
  const { ctx, form } = p;
  const f = fieldsFor(ctx, form);
  const raw = form.values.batch_ids;
  const ticked = new Set(Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : []);
  const err = form.errors.find((e) => e.field === 'batch_ids');
  return (
    <Layout ctx={ctx} title={ctx.t('offtake.newTitle')}>
      <BackLink href="/offtake-invoices" label={ctx.t('offtake.title')} />
      <h1>{ctx.t('offtake.newTitle')}</h1>
      <p>
        {ctx.t('offtake.partner')}: <strong>{p.partner.legal_name}</strong>
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      {p.batches.length === 0 ? (
        <p data-testid="invoice-none-batches">{ctx.t('offtake.noneInvoiceable')}</p>
      ) : (
        <form method="post" action="/offtake-invoices" novalidate data-testid="invoice-form">
          <Csrf ctx={ctx} />
          <input type="hidden" name="partner_id" value={p.partner.id} />
          <fieldset class={err ? 'field has-error' : 'field'} id="f-batch_ids">
            <legend>{ctx.t('offtake.batches')}</legend>
            {err && (
              <p class="error" data-testid="error-batch_ids">
                {ctx.t(err.key, err.params)}
              </p>
            )}
            {p.batches.map((b) => (
              <label key={b.id} class="check">
                <input
                  type="checkbox"
                  name="batch_ids"
                  value={b.id}
                  checked={ticked.size === 0 || ticked.has(b.id)}
                />{' '}
                {b.number} · {b.programme_name} · {b.checked_on ? formatDay(b.checked_on, ctx.lang) : ''} ·{' '}
                {b.passed ?? 0} {ctx.t('offtake.passed').toLowerCase()} · {formatRupiah(b.amount)}
              </label>
            ))}
          </fieldset>
          <div class="grid2">
            <f.Text name="issued_on" label="offtake.issuedOn" type="date" />
            <f.Text name="due_on" label="offtake.dueOn" type="date" optional />
          </div>
          <button type="submit" class="primary" data-testid="invoice-issue">
            {ctx.t('offtake.issue')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function InvoicePage(p: { ctx: ViewCtx; d: InvoiceDetail; may: OfftakeMay; form: FormState }) {
  const { ctx, d, may, form } = p;
  const i = d.invoice;
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={i.number}>
      <BackLink href="/offtake-invoices" label={ctx.t('offtake.title')} />
      <TitleRow title={`${ctx.t('offtake.number')} ${i.number}`} testid="invoice-number">
        <a class="button" href={`/offtake-invoices/${i.id}/pdf`} data-testid="invoice-pdf">
          {ctx.t('offtake.pdf')}
        </a>
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('offtake.partner')}</dt>
        <dd>{i.partner_name}</dd>
        <dt>{ctx.t('offtake.issuedOn')}</dt>
        <dd>{formatDay(i.issued_on, ctx.lang)}</dd>
        {i.due_on && (
          <>
            <dt>{ctx.t('offtake.dueOn')}</dt>
            <dd>{formatDay(i.due_on, ctx.lang)}</dd>
          </>
        )}
        <dt>{ctx.t('offtake.total')}</dt>
        <dd data-testid="invoice-total">{formatRupiah(i.total)}</dd>
        <dt>{ctx.t('offtake.paid')}</dt>
        <dd data-testid="invoice-paid">{formatRupiah(i.paid)}</dd>
        <dt>{ctx.t('offtake.owed')}</dt>
        <dd data-testid="invoice-owed">{formatRupiah(i.owed)}</dd>
        <dt>{ctx.t('offtake.status')}</dt>
        <dd data-testid="invoice-status">
          {ctx.t(`offtake.st.${i.status}`)}
          {i.age !== null && ` · ${ctx.t('offtake.ageDays', { n: i.age })}`}
        </dd>
      </dl>
      <h2>{ctx.t('offtake.lines')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.lines}
        testid="invoice-lines"
        heads={[
          'offtake.batch',
          'offtake.product',
          { num: 'offtake.passed' },
          { num: 'offtake.rate' },
          { num: 'offtake.amount' },
        ]}
        row={(l) => (
          <tr key={`${l.batch_id}/${l.product_id}/${l.rate}`}>
            <td>
              <a href={`/qc-batches/${l.batch_id}`}>{l.batch_number}</a>
            </td>
            <td>{l.product_name}</td>
            <td class="num">{l.passed}</td>
            <td class="num">{formatRupiah(l.rate)}</td>
            <td class="num">{formatRupiah(l.amount)}</td>
          </tr>
        )}
      />
      <h2>{ctx.t('offtake.payments')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.payments}
        testid="invoice-payments"
        none="offtake.noPayments"
        heads={['offtake.paidOn', 'offtake.method', 'offtake.reference', { num: 'offtake.amount' }]}
        row={(x) => (
          <tr key={x.id}>
            <td>{formatDayShort(x.paid_on)}</td>
            <td>{ctx.t(`offtake.pm.${x.method}`)}</td>
            <td>{x.reference ?? '—'}</td>
            <td class="num">{formatRupiah(x.amount)}</td>
          </tr>
        )}
      />
      {i.status === 'open' && may.record && (
        <>
          <h2>{ctx.t('offtake.recordPayment')}</h2>
          <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
          <form
            method="post"
            action={`/offtake-invoices/${i.id}/payments`}
            novalidate
            data-testid="payment-form"
          >
            <Csrf ctx={ctx} />
            <div class="grid2">
              <f.Text name="paid_on" label="offtake.paidOn" type="date" />
              <f.Text name="amount" label="offtake.amount" type="number" />
              <f.Select
                name="method"
                label="offtake.method"
                options={PAY_METHODS.map((m) => ({ value: m, label: ctx.t(`offtake.pm.${m}`) }))}
              />
              <f.Text
                name="reference"
                label="offtake.reference"
                hint="offtake.referenceHint"
                optional
                maxLength={100}
              />
            </div>
            <button type="submit" class="primary" data-testid="payment-save">
              {ctx.t('offtake.save')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
