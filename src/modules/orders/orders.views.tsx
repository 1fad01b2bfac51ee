// The public order form and its "sent" page (no staff, no maker: the unit's name only), and the
// staff's pages: the inquiries by status and one inquiry with its confirm and decline forms.
import { createElement } from 'preact';
import { asset } from '../../app/assets.ts';
import { Fact } from '../../app/facts.tsx';
import { formatNumber, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { OrderInquiryStatus } from '../../db/schema.ts';
import { METHODS, STATUSES } from './orders.schema.ts';
import type { InquiryDetail, InquiryRow, PublicProduct } from './orders.service.ts';

/** The vendored widget's version: its files are cached for a year under this query. */
export const ALTCHA_VERSION = '3.2.2';
const vendor = (name: string) => `/vendor/${name}?v=${ALTCHA_VERSION}`;

const FORM_LABELS: Record<string, MessageKey> = {
  name: 'orders.name',
  whatsapp: 'orders.whatsapp',
  qty: 'orders.qty',
  delivery: 'orders.delivery',
  address: 'orders.address',
  note: 'orders.note',
  altcha: 'orders.pow',
};

const galleryHref = (p: PublicProduct) => `/site/${p.public_slug}/products`;

function ProductFacts({ ctx, p }: { ctx: ViewCtx; p: PublicProduct }) {
  return (
    <dl class="facts" data-testid="order-product">
      <Fact
        ctx={ctx}
        label="orders.price"
        value={p.price === null ? ctx.t('orders.priceAsk') : formatRupiah(p.price)}
      />
      <Fact ctx={ctx} label="orders.available" value={`${formatNumber(p.available, ctx.lang)} ${p.uom}`} />
    </dl>
  );
}

/** The public form: name, WhatsApp number, quantity, pickup or delivery, note, honeypot, widget. */
export function OrderFormPage({ ctx, p, form }: { ctx: ViewCtx; p: PublicProduct; form: FormState }) {
  const f = fieldsFor(ctx, form);
  const title = ctx.t('orders.formTitle', { product: p.name });
  const delivery = form.values.delivery === 'delivery' ? 'delivery' : 'pickup';
  const powError = form.errors.find((e) => e.field === 'altcha');
  return (
    <Layout ctx={ctx} title={title}>
      <link rel="stylesheet" href={vendor('altcha.css')} />
      <BackLink href={galleryHref(p)} label={ctx.t('orders.back')} />
      <h1>{title}</h1>
      <p>{ctx.t('orders.madeBy', { unit: p.unit_name })}</p>
      <ProductFacts ctx={ctx} p={p} />
      <p>{ctx.t('orders.formIntro', { unit: p.unit_name })}</p>
      <ErrorSummary ctx={ctx} form={form} labels={FORM_LABELS} />
      <form
        method="post"
        action={`/site/${p.public_slug}/products/${p.id}/order`}
        data-testid="order-form"
        novalidate
      >
        <Csrf ctx={ctx} />
        <f.Text name="name" label="orders.name" autocomplete="name" maxLength={120} />
        <f.Text
          name="whatsapp"
          label="orders.whatsapp"
          hint="orders.whatsappHint"
          type="tel"
          autocomplete="tel"
          maxLength={30}
        />
        <f.Text name="qty" label="orders.qty" type="number" maxLength={6} />
        <fieldset
          class={form.errors.some((e) => e.field === 'delivery') ? 'field has-error' : 'field'}
          id="f-delivery"
        >
          <legend>{ctx.t('orders.delivery')}</legend>
          {(['pickup', 'delivery'] as const).map((d) => (
            <label key={d} class="check">
              <input
                type="radio"
                name="delivery"
                value={d}
                checked={delivery === d}
                data-testid={`order-delivery-${d}`}
              />{' '}
              {ctx.t(`orders.delivery.${d}`)}
            </label>
          ))}
        </fieldset>
        <f.Area name="address" label="orders.address" hint="orders.addressHint" rows={3} maxLength={500} />
        <f.Area name="note" label="orders.note" rows={3} maxLength={1000} />
        {/* The honeypot: hidden from sight, from screen readers and from the keyboard; only a
            program that fills every field fills it. */}
        <div class="sr-only" aria-hidden="true">
          <label for="f-website">{ctx.t('orders.honeypot')}</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
        </div>
        <fieldset class={powError ? 'field has-error' : 'field'} id="f-altcha">
          <legend>{ctx.t('orders.pow')}</legend>
          <p class="hint">{ctx.t('orders.powHint')}</p>
          {powError && (
            <p class="error" data-testid="error-altcha">
              {ctx.t(powError.key, powError.params)}
            </p>
          )}
          {createElement('altcha-widget', {
            challenge: '/site/pow-challenge',
            name: 'altcha',
            language: ctx.lang,
            'data-testid': 'order-altcha',
          })}
          <noscript>
            <p>{ctx.t('orders.powNoScript')}</p>
          </noscript>
        </fieldset>
        <button type="submit" data-testid="order-submit">
          {ctx.t('orders.submit')}
        </button>
      </form>
      {/* Modules, so that each file keeps its names to itself, and they run in this order. */}
      <script type="module" src={vendor('altcha-id.js')} />
      <script type="module" src={vendor('altcha.js')} />
      <script type="module" src={asset('order-form.js')} />
    </Layout>
  );
}

/** After a successful inquiry (and, alike, after a filled honeypot: then without a number). */
export function OrderSentPage({
  ctx,
  p,
  reference,
}: {
  ctx: ViewCtx;
  p: PublicProduct;
  reference: string | null;
}) {
  const title = ctx.t('orders.sentTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {reference && (
        <p>
          {ctx.t('orders.sentReference')}: <strong data-testid="order-reference">{reference}</strong>
          <br />
          {ctx.t('orders.sentKeep')}
        </p>
      )}
      <p>{ctx.t('orders.sentWhatsapp', { unit: p.unit_name })}</p>
      <p>
        <a href={galleryHref(p)}>{ctx.t('orders.back')}</a>
      </p>
    </Layout>
  );
}

const BADGE: Record<OrderInquiryStatus, string> = {
  pending: 'badge status-draft',
  confirmed: 'badge ok',
  declined: 'badge off',
};

function Status({ ctx, status }: { ctx: ViewCtx; status: OrderInquiryStatus }) {
  return <span class={BADGE[status]}>{ctx.t(`orders.status.${status}`)}</span>;
}

export function OrdersListPage(p: {
  ctx: ViewCtx;
  rows: InquiryRow[];
  counts: Record<OrderInquiryStatus, number>;
  status: OrderInquiryStatus | undefined;
}) {
  const { ctx } = p;
  const title = ctx.t('orders.title');
  return (
    <Layout ctx={ctx} title={title}>
      <TitleRow title={title} />
      <p data-testid="order-counts">{ctx.t('orders.counts', p.counts)}</p>
      <nav aria-label={ctx.t('common.status')}>
        <ul class="tabs">
          <li>
            <a href="/orders" aria-current={p.status === undefined ? 'page' : undefined}>
              {ctx.t('common.all')}
            </a>
          </li>
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`/orders?status=${s}`} aria-current={p.status === s ? 'page' : undefined}>
                {ctx.t(`orders.status.${s}`)} ({p.counts[s]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="orders-table"
        none="orders.none"
        heads={[
          'orders.reference',
          'orders.received',
          'orders.product',
          { num: 'orders.qty' },
          'orders.buyer',
          'common.status',
        ]}
        row={(r) => (
          <tr key={r.id} data-testid={`order-row-${r.id}`}>
            <td>
              <a href={`/orders/${r.id}`}>{r.reference}</a>
            </td>
            <td>{ctx.dateTime(r.created_at)}</td>
            <td>{r.product_name}</td>
            <td class="num">{formatNumber(r.qty, ctx.lang)}</td>
            <td>{r.buyer_name}</td>
            <td>
              <Status ctx={ctx} status={r.status} />
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}

export function OrderPage(p: {
  ctx: ViewCtx;
  o: InquiryDetail;
  today: string;
  confirmForm: FormState;
  declineForm: FormState;
}) {
  const { ctx, o } = p;
  const title = ctx.t('orders.detailTitle', { reference: o.reference });
  const wa = `https://wa.me/${o.buyer_whatsapp.replace(/^\+/, '')}`;
  const may = ctx.can('orders.confirm') && o.status === 'pending';
  const c = fieldsFor(ctx, p.confirmForm);
  const d = fieldsFor(ctx, { ...p.declineForm, idPrefix: 'decline-' });
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/orders" label={ctx.t('orders.title')} />
      <h1>{title}</h1>
      <dl class="facts" data-testid="order-facts">
        <Fact ctx={ctx} label="common.status" value={<Status ctx={ctx} status={o.status} />} />
        <Fact ctx={ctx} label="orders.received" value={ctx.dateTime(o.created_at)} />
        <Fact ctx={ctx} label="orders.product" value={o.product_name} />
        <Fact ctx={ctx} label="orders.qty" value={formatNumber(o.qty, ctx.lang)} />
        <Fact ctx={ctx} label="orders.available" value={formatNumber(o.available, ctx.lang)} />
        <Fact ctx={ctx} label="orders.buyer" value={o.buyer_name} />
        <Fact
          ctx={ctx}
          label="orders.whatsapp"
          value={
            <>
              {o.buyer_whatsapp} (
              <a href={wa} rel="noopener noreferrer">
                {ctx.t('orders.whatsappLink')}
              </a>
              )
            </>
          }
        />
        <Fact ctx={ctx} label="orders.delivery" value={ctx.t(`orders.delivery.${o.delivery}`)} />
        <Fact ctx={ctx} label="orders.address" value={o.address} />
        <Fact ctx={ctx} label="orders.note" value={o.note} />
        <Fact
          ctx={ctx}
          label="orders.sale"
          value={o.sale_id && <a href={`/sales/${o.sale_id}`}>{o.sale_number}</a>}
        />
        <Fact ctx={ctx} label="orders.declineReason" value={o.decline_reason} />
        <Fact ctx={ctx} label="orders.decidedAt" value={o.decided_at && ctx.dateTime(o.decided_at)} />
      </dl>
      {may && (
        <>
          <section aria-labelledby="order-confirm-h">
            <h2 id="order-confirm-h">{ctx.t('orders.confirmTitle')}</h2>
            <p class="hint">{ctx.t('orders.confirmHint')}</p>
            <ErrorSummary
              ctx={ctx}
              form={p.confirmForm}
              labels={{
                sold_on: 'orders.soldOn',
                unit_price: 'orders.unitPrice',
                payment_method: 'sales.method',
                payment_ref: 'orders.paymentRef',
                qty: 'orders.qty',
              }}
            />
            <form method="post" action={`/orders/${o.id}/confirm`}>
              <Csrf ctx={ctx} />
              <c.Text name="sold_on" label="orders.soldOn" type="date" />
              <c.Select
                name="payment_method"
                label="sales.method"
                options={METHODS.map((m) => ({ value: m, label: ctx.t(`sales.method.${m}`) }))}
              />
              <c.Text
                name="payment_ref"
                label="orders.paymentRef"
                hint="orders.paymentRefHint"
                optional
                maxLength={100}
              />
              <c.Text name="unit_price" label="orders.unitPrice" optional maxLength={20} />
              <button type="submit" data-testid="order-confirm">
                {ctx.t('orders.confirm')}
              </button>
            </form>
          </section>
          <section aria-labelledby="order-decline-h">
            <h2 id="order-decline-h">{ctx.t('orders.declineTitle')}</h2>
            <ErrorSummary
              ctx={ctx}
              form={{ ...p.declineForm, idPrefix: 'decline-' }}
              labels={{ reason: 'orders.reason' }}
            />
            <form method="post" action={`/orders/${o.id}/decline`}>
              <Csrf ctx={ctx} />
              <d.Area name="reason" label="orders.reason" optional={false} rows={3} maxLength={500} />
              <button type="submit" class="secondary" data-testid="order-decline">
                {ctx.t('orders.decline')}
              </button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
