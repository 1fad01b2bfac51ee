// The form to record an agreement, edit a draft, or create an addendum.
import { CheckboxGroup, ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { MATERIALS, PAY_MODELS } from './agreements.schema.ts';

const LABELS: Record<string, MessageKey> = {
  partner_id: 'agreements.partner',
  kind: 'agreements.kind',
  title: 'agreements.titleField',
  number_first: 'agreements.numberFirst',
  number_second: 'agreements.numberSecond',
  signed_on: 'agreements.signedOn',
  signed_place: 'agreements.signedPlace',
  valid_from: 'agreements.validFrom',
  valid_to: 'agreements.validTo',
  scope: 'agreements.scope',
  obligations_first: 'agreements.obligationsFirst',
  obligations_second: 'agreements.obligationsSecond',
  materials_by: 'agreements.materialsBy',
  pay_model: 'agreements.payModel',
  piece_rates: 'agreements.pieceRates',
  premi_pct: 'agreements.premiPct',
  pnbp_pct: 'agreements.pnbpPct',
  capital_pct: 'agreements.capitalPct',
  notes: 'agreements.notes',
  program_aksi_ids: 'agreements.programAksi',
  first_nip: 'agreements.signatoryNip',
  second_nip: 'agreements.signatoryNip',
};

function TextArea({
  ctx,
  form,
  name,
  label,
  hint,
  rows = 4,
}: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  rows?: number;
}) {
  const err = form.errors.find((e) => e.field === name);
  const v = form.values[name];
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>
        {ctx.t(label)} <span class="opt">({ctx.t('common.optional')})</span>
      </label>
      {hint && (
        <p class="hint" id={`h-${name}`}>
          {ctx.t(hint)}
        </p>
      )}
      {err && (
        <p class="error" id={`e-${name}`} data-testid={`error-${name}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <textarea
        id={`f-${name}`}
        name={name}
        rows={rows}
        aria-describedby={
          [hint ? `h-${name}` : '', err ? `e-${name}` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        {typeof v === 'string' ? v : ''}
      </textarea>
    </div>
  );
}

export interface AgreementFormProps {
  ctx: ViewCtx;
  form: FormState;
  mode: 'new' | 'edit' | 'addendum';
  action: string;
  partners: ReadonlyArray<{ id: string; name: string }>;
  programAksi: ReadonlyArray<{ id: string; title: string }>;
  parentTitle?: string | undefined;
  backHref: string;
}

export function AgreementFormPage(p: AgreementFormProps) {
  const { ctx, form } = p;
  const title = ctx.t(
    p.mode === 'new' ? 'agreements.new' : p.mode === 'edit' ? 'agreements.edit' : 'agreements.newAddendum',
  );
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={p.backHref}>← {ctx.t('common.back')}</a>
      </p>
      <h1>{title}</h1>
      {p.parentTitle && (
        <p class="muted">
          {ctx.t('agreements.parent')}: {p.parentTitle}
        </p>
      )}
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action={p.action} novalidate data-testid="agreement-form">
        <Csrf ctx={ctx} />
        {p.mode === 'new' && (
          <>
            <SelectField
              ctx={ctx}
              form={form}
              name="partner_id"
              label="agreements.partner"
              blank="—"
              options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
            />
            <SelectField
              ctx={ctx}
              form={form}
              name="kind"
              label="agreements.kind"
              options={(['pks', 'mou'] as const).map((k) => ({ value: k, label: ctx.t(`kind.${k}`) }))}
            />
          </>
        )}
        <TextField ctx={ctx} form={form} name="title" label="agreements.titleField" maxLength={300} />
        <div class="grid2">
          <TextField
            ctx={ctx}
            form={form}
            name="number_first"
            label="agreements.numberFirst"
            optional
            maxLength={100}
          />
          <TextField
            ctx={ctx}
            form={form}
            name="number_second"
            label="agreements.numberSecond"
            optional
            maxLength={100}
          />
          <TextField
            ctx={ctx}
            form={form}
            name="signed_on"
            label="agreements.signedOn"
            type="date"
            optional
          />
          <TextField
            ctx={ctx}
            form={form}
            name="signed_place"
            label="agreements.signedPlace"
            optional
            maxLength={100}
          />
          <TextField ctx={ctx} form={form} name="valid_from" label="agreements.validFrom" type="date" />
          <TextField
            ctx={ctx}
            form={form}
            name="valid_to"
            label="agreements.validTo"
            type="date"
            hint="agreements.validToHint"
            optional
          />
        </div>
        <fieldset class="field">
          <legend>{ctx.t('agreements.parties')}</legend>
          <div class="grid2">
            <TextField
              ctx={ctx}
              form={form}
              name="first_name"
              label="agreements.partyFirst"
              optional
              maxLength={200}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="first_signatory"
              label="agreements.signatoryName"
              optional
              maxLength={120}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="first_position"
              label="agreements.signatoryPosition"
              optional
              maxLength={120}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="first_nip"
              label="agreements.signatoryNip"
              optional
              maxLength={18}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="second_name"
              label="agreements.partySecond"
              optional
              maxLength={200}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="second_signatory"
              label="agreements.signatoryName"
              optional
              maxLength={120}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="second_position"
              label="agreements.signatoryPosition"
              optional
              maxLength={120}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="second_nip"
              label="agreements.signatoryNip"
              optional
              maxLength={18}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="other_name"
              label="agreements.otherParty"
              optional
              maxLength={200}
            />
            <TextField
              ctx={ctx}
              form={form}
              name="other_signatory"
              label="agreements.signatoryName"
              optional
              maxLength={120}
            />
          </div>
        </fieldset>
        <TextArea ctx={ctx} form={form} name="scope" label="agreements.scope" rows={3} />
        <TextArea
          ctx={ctx}
          form={form}
          name="obligations_first"
          label="agreements.obligationsFirst"
          hint="agreements.obligationsHint"
        />
        <TextArea
          ctx={ctx}
          form={form}
          name="obligations_second"
          label="agreements.obligationsSecond"
          hint="agreements.obligationsHint"
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="materials_by"
          label="agreements.materialsBy"
          optional
          blank="—"
          options={MATERIALS.map((m) => ({ value: m, label: ctx.t(`materials.${m}`) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="pay_model"
          label="agreements.payModel"
          options={PAY_MODELS.map((m) => ({ value: m, label: ctx.t(`payModel.${m}`) }))}
        />
        <TextArea
          ctx={ctx}
          form={form}
          name="piece_rates"
          label="agreements.pieceRates"
          hint="agreements.pieceRatesHint"
          rows={3}
        />
        <fieldset class="field">
          <legend>{ctx.t('agreements.split')}</legend>
          <p class="hint">{ctx.t('agreements.splitHint')}</p>
          <div class="grid3">
            <TextField
              ctx={ctx}
              form={form}
              name="premi_pct"
              label="agreements.premiPct"
              type="number"
              optional
            />
            <TextField
              ctx={ctx}
              form={form}
              name="pnbp_pct"
              label="agreements.pnbpPct"
              type="number"
              optional
            />
            <TextField
              ctx={ctx}
              form={form}
              name="capital_pct"
              label="agreements.capitalPct"
              type="number"
              optional
            />
          </div>
        </fieldset>
        {p.programAksi.length > 0 && (
          <CheckboxGroup
            ctx={ctx}
            form={form}
            name="program_aksi_ids"
            label="agreements.programAksi"
            options={p.programAksi.map((x) => ({ value: x.id, label: x.title }))}
          />
        )}
        <TextArea ctx={ctx} form={form} name="notes" label="agreements.notes" rows={2} />
        <button type="submit" class="primary" data-testid="agreement-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
