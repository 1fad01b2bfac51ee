// The form to record an agreement, edit a draft, or create an addendum.
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
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
  rejects_saleable: 'agreements.rejectsSaleable',
  premi_pct: 'agreements.premiPct',
  pnbp_pct: 'agreements.pnbpPct',
  capital_pct: 'agreements.capitalPct',
  notes: 'agreements.notes',
  program_aksi_ids: 'agreements.programAksi',
  first_nip: 'agreements.signatoryNip',
  second_nip: 'agreements.signatoryNip',
};

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
  const f = fieldsFor(ctx, form);
  const title = ctx.t(
    p.mode === 'new' ? 'agreements.new' : p.mode === 'edit' ? 'agreements.edit' : 'agreements.newAddendum',
  );
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={p.backHref} label={ctx.t('common.back')} />
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
            <f.Select
              name="partner_id"
              label="agreements.partner"
              blank="—"
              options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
            />
            <f.Select
              name="kind"
              label="agreements.kind"
              options={(['pks', 'mou'] as const).map((k) => ({ value: k, label: ctx.t(`kind.${k}`) }))}
            />
          </>
        )}
        <f.Text name="title" label="agreements.titleField" maxLength={300} />
        <div class="grid2">
          <f.Text name="number_first" label="agreements.numberFirst" optional maxLength={100} />
          <f.Text name="number_second" label="agreements.numberSecond" optional maxLength={100} />
          <f.Text name="signed_on" label="agreements.signedOn" type="date" optional />
          <f.Text name="signed_place" label="agreements.signedPlace" optional maxLength={100} />
          <f.Text name="valid_from" label="agreements.validFrom" type="date" />
          <f.Text
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
            <f.Text name="first_name" label="agreements.partyFirst" optional maxLength={200} />
            <f.Text name="first_signatory" label="agreements.signatoryName" optional maxLength={120} />
            <f.Text name="first_position" label="agreements.signatoryPosition" optional maxLength={120} />
            <f.Text name="first_nip" label="agreements.signatoryNip" optional maxLength={18} />
            <f.Text name="second_name" label="agreements.partySecond" optional maxLength={200} />
            <f.Text name="second_signatory" label="agreements.signatoryName" optional maxLength={120} />
            <f.Text name="second_position" label="agreements.signatoryPosition" optional maxLength={120} />
            <f.Text name="second_nip" label="agreements.signatoryNip" optional maxLength={18} />
            <f.Text name="other_name" label="agreements.otherParty" optional maxLength={200} />
            <f.Text name="other_signatory" label="agreements.signatoryName" optional maxLength={120} />
          </div>
        </fieldset>
        <f.Area name="scope" label="agreements.scope" rows={3} />
        <f.Area
          name="obligations_first"
          label="agreements.obligationsFirst"
          hint="agreements.obligationsHint"
        />
        <f.Area
          name="obligations_second"
          label="agreements.obligationsSecond"
          hint="agreements.obligationsHint"
        />
        <f.Select
          name="materials_by"
          label="agreements.materialsBy"
          optional
          blank="—"
          options={MATERIALS.map((m) => ({ value: m, label: ctx.t(`materials.${m}`) }))}
        />
        <f.Select
          name="pay_model"
          label="agreements.payModel"
          options={PAY_MODELS.map((m) => ({ value: m, label: ctx.t(`payModel.${m}`) }))}
        />
        <f.Area name="piece_rates" label="agreements.pieceRates" hint="agreements.pieceRatesHint" rows={3} />
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              id="f-rejects_saleable"
              name="rejects_saleable"
              value="true"
              checked={String(form.values.rejects_saleable) === 'true'}
              data-testid="rejects-saleable"
            />{' '}
            {ctx.t('agreements.rejectsSaleable')}
          </label>
        </div>
        <fieldset class="field">
          <legend>{ctx.t('agreements.split')}</legend>
          <p class="hint">{ctx.t('agreements.splitHint')}</p>
          <div class="grid3">
            <f.Text name="premi_pct" label="agreements.premiPct" type="number" optional />
            <f.Text name="pnbp_pct" label="agreements.pnbpPct" type="number" optional />
            <f.Text name="capital_pct" label="agreements.capitalPct" type="number" optional />
          </div>
        </fieldset>
        {p.programAksi.length > 0 && (
          <f.Checks
            name="program_aksi_ids"
            label="agreements.programAksi"
            options={p.programAksi.map((x) => ({ value: x.id, label: x.title }))}
          />
        )}
        <f.Area name="notes" label="agreements.notes" rows={2} />
        <button type="submit" class="primary" data-testid="agreement-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
