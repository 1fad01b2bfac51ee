// The form to add or edit a programme: details, partner and PKS, Program Aksi tags, eligibility
// rules and the curriculum as lines of text.
import { CheckboxGroup, ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { GENDERS, PROGRAMME_KINDS, PROGRAMME_STATUSES, RISK_LEVELS } from './programmes.schema.ts';

export const LABELS: Record<string, MessageKey> = {
  unit_id: 'programmes.unit',
  name: 'programmes.name',
  kind: 'programmes.kind',
  skill_area: 'programmes.skillArea',
  partner_id: 'programmes.partner',
  agreement_id: 'programmes.agreement',
  location: 'programmes.location',
  capacity: 'programmes.capacity',
  status: 'programmes.status',
  program_aksi_ids: 'programmes.programAksi',
  min_remaining_months: 'programmes.minRemainingMonths',
  no_register_f_months: 'programmes.noRegisterFMonths',
  risk_levels: 'programmes.riskLevels',
  gender: 'programmes.gender',
  allow_health_restriction: 'programmes.allowHealth',
  curriculum: 'programmes.curriculum',
  weekdays: 'programmes.weekdays',
  every_n_weeks: 'programmes.everyNWeeks',
  starts_on: 'programmes.startsOn',
  ends_on: 'programmes.endsOn',
  start_time: 'programmes.startTime',
  end_time: 'programmes.endTime',
  reason: 'programmes.cancelReason',
  from: 'programmes.from',
  to: 'programmes.to',
  day: 'programmes.day',
};

export function TextArea({
  ctx,
  form,
  name,
  label,
  hint,
  rows = 6,
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

export interface ProgrammeFormProps {
  ctx: ViewCtx;
  form: FormState;
  programmeId?: string | undefined;
  units: ReadonlyArray<{ id: string; name: string }>;
  partners: ReadonlyArray<{ id: string; name: string; unit_id: string }>;
  agreements: ReadonlyArray<{ id: string; title: string; partner_name: string }>;
  programAksi: ReadonlyArray<{ id: string; title: string }>;
}

export function ProgrammeFormPage(p: ProgrammeFormProps) {
  const { ctx, form } = p;
  const title = ctx.t(p.programmeId ? 'programmes.edit' : 'programmes.new');
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={p.programmeId ? `/programmes/${p.programmeId}` : '/programmes'}>← {ctx.t('common.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={p.programmeId ? `/programmes/${p.programmeId}` : '/programmes'}
        novalidate
        data-testid="programme-form"
      >
        <Csrf ctx={ctx} />
        {!p.programmeId && p.units.length > 1 && (
          <SelectField
            ctx={ctx}
            form={form}
            name="unit_id"
            label="programmes.unit"
            options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <TextField ctx={ctx} form={form} name="name" label="programmes.name" maxLength={200} />
        <SelectField
          ctx={ctx}
          form={form}
          name="kind"
          label="programmes.kind"
          options={PROGRAMME_KINDS.map((k) => ({ value: k, label: ctx.t(`programmeKind.${k}`) }))}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="skill_area"
          label="programmes.skillArea"
          optional
          maxLength={120}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="partner_id"
          label="programmes.partner"
          optional
          blank="—"
          options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="agreement_id"
          label="programmes.agreement"
          optional
          blank="—"
          options={p.agreements.map((a) => ({ value: a.id, label: `${a.title} (${a.partner_name})` }))}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="location"
          label="programmes.location"
          optional
          maxLength={200}
        />
        <TextField ctx={ctx} form={form} name="capacity" label="programmes.capacity" type="number" />
        <SelectField
          ctx={ctx}
          form={form}
          name="status"
          label="programmes.status"
          options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: ctx.t(`programmeStatus.${s}`) }))}
        />
        {p.programAksi.length > 0 && (
          <CheckboxGroup
            ctx={ctx}
            form={form}
            name="program_aksi_ids"
            label="programmes.programAksi"
            options={p.programAksi.map((x) => ({ value: x.id, label: x.title }))}
          />
        )}
        <fieldset class="field">
          <legend>{ctx.t('programmes.eligibility')}</legend>
          <TextField
            ctx={ctx}
            form={form}
            name="min_remaining_months"
            label="programmes.minRemainingMonths"
            type="number"
            optional
          />
          <TextField
            ctx={ctx}
            form={form}
            name="no_register_f_months"
            label="programmes.noRegisterFMonths"
            type="number"
            optional
          />
          <CheckboxGroup
            ctx={ctx}
            form={form}
            name="risk_levels"
            label="programmes.riskLevels"
            options={RISK_LEVELS.map((r) => ({ value: r, label: ctx.t(`programmes.risk.${r}`) }))}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name="gender"
            label="programmes.gender"
            optional
            blank={ctx.t('programmes.genderAny')}
            options={GENDERS.map((g) => ({ value: g, label: ctx.t(`programmes.gender.${g}`) }))}
          />
          <label class="check">
            <input
              type="checkbox"
              name="allow_health_restriction"
              value="true"
              checked={String(form.values.allow_health_restriction) === 'true'}
            />{' '}
            {ctx.t('programmes.allowHealth')}
          </label>
        </fieldset>
        <TextArea
          ctx={ctx}
          form={form}
          name="curriculum"
          label="programmes.curriculum"
          hint="programmes.curriculumHint"
          rows={8}
        />
        <button type="submit" class="primary" data-testid="programme-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
