// The sale form: date, channel, buyer, payment, and five line slots (product, quantity, price) that
// work without JavaScript and stack on a 360 px phone; empty slots are ignored.
import { formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { CHANNELS, FORM_LINES, METHODS } from './sales.schema.ts';
import type { SaleableProduct } from './sales.service.ts';

const SLOTS = Array.from({ length: FORM_LINES }, (_, i) => i + 1);

const LABELS: Record<string, MessageKey> = {
  sold_on: 'sales.soldOn',
  channel: 'sales.channel',
  buyer_name: 'sales.buyerName',
  buyer_phone: 'sales.buyerPhone',
  payment_method: 'sales.method',
  payment_ref: 'sales.paymentRef',
  note: 'sales.note',
  ...Object.fromEntries(
    SLOTS.flatMap((i) => [
      [`product_${i}`, 'sales.product'],
      [`qty_${i}`, 'sales.qty'],
      [`price_${i}`, 'sales.unitPrice'],
    ]),
  ),
};

export function SaleFormPage({
  ctx,
  form,
  products,
}: {
  ctx: ViewCtx;
  form: FormState;
  products: SaleableProduct[];
}) {
  const f = fieldsFor(ctx, form);
  const options = products.map((p) => ({
    value: p.id,
    label:
      p.price === null
        ? ctx.t('sales.productOption', { name: p.name, n: p.available, uom: p.uom })
        : ctx.t('sales.productPrice', {
            name: p.name,
            n: p.available,
            uom: p.uom,
            price: formatRupiah(p.price),
          }),
  }));
  return (
    <Layout ctx={ctx} title={ctx.t('sales.new')}>
      <BackLink href="/sales" label={ctx.t('sales.title')} />
      <h1>{ctx.t('sales.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      {products.length === 0 && (
        <p class="notice" data-testid="sale-no-products">
          {ctx.t('sales.noProducts')}
        </p>
      )}
      <form method="post" action="/sales" novalidate data-testid="sale-form">
        <Csrf ctx={ctx} />
        <div class="grid2">
          <f.Text name="sold_on" label="sales.soldOn" type="date" />
          <f.Select
            name="channel"
            label="sales.channel"
            options={CHANNELS.map((c) => ({ value: c, label: ctx.t(`sales.channel.${c}`) }))}
          />
          <f.Text name="buyer_name" label="sales.buyerName" optional maxLength={200} autocomplete="off" />
          <f.Text
            name="buyer_phone"
            label="sales.buyerPhone"
            type="tel"
            hint="sales.buyerPhoneHint"
            optional
            maxLength={30}
            autocomplete="off"
          />
          <f.Select
            name="payment_method"
            label="sales.method"
            options={METHODS.map((m) => ({ value: m, label: ctx.t(`sales.method.${m}`) }))}
          />
          <f.Text
            name="payment_ref"
            label="sales.paymentRef"
            hint="sales.paymentRefHint"
            optional
            maxLength={100}
          />
        </div>
        <h2>{ctx.t('sales.lines')}</h2>
        <p class="hint">{ctx.t('sales.newIntro')}</p>
        {SLOTS.map((i) => (
          <fieldset key={i} class="field" data-testid={`sale-line-${i}`}>
            <legend>{ctx.t('sales.line', { n: i })}</legend>
            <div class="grid3">
              <SelectField
                ctx={ctx}
                form={form}
                name={`product_${i}`}
                label="sales.product"
                optional
                blank=""
                options={options}
              />
              <TextField ctx={ctx} form={form} name={`qty_${i}`} label="sales.qty" type="number" optional />
              <TextField
                ctx={ctx}
                form={form}
                name={`price_${i}`}
                label="sales.unitPrice"
                hint="sales.unitPriceHint"
                optional
                maxLength={20}
              />
            </div>
          </fieldset>
        ))}
        <f.Area name="note" label="sales.note" rows={2} maxLength={1000} />
        <button type="submit" class="primary" data-testid="sale-save">
          {ctx.t('sales.save')}
        </button>
      </form>
    </Layout>
  );
}
