import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { GENDERS, RISK_LEVELS } from './inmates.schema.ts';
import { LABELS } from './inmates.views.tsx';

export function InmateFormPage(p: {
  ctx: ViewCtx;
  form: FormState;
  units: ReadonlyArray<{ id: string; name: string }>;
  inmateId?: string | undefined;
  nikMasked?: string | null | undefined;
}) {
  const { ctx, form } = p;
  const title = ctx.t(p.inmateId ? 'inmates.edit' : 'inmates.new');
  const checked = form.values.health_restriction === true || form.values.health_restriction === 'true';
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={p.inmateId ? `/inmates/${p.inmateId}` : '/inmates'}>← {ctx.t('common.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={p.inmateId ? `/inmates/${p.inmateId}` : '/inmates'}
        novalidate
        data-testid="inmate-form"
      >
        <Csrf ctx={ctx} />
        {!p.inmateId && p.units.length > 1 && (
          <SelectField
            ctx={ctx}
            form={form}
            name="unit_id"
            label="inmates.unit"
            options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <TextField
          ctx={ctx}
          form={form}
          name="reg_number"
          label="inmates.regNumber"
          hint="inmates.regNumberHint"
          maxLength={40}
        />
        <TextField ctx={ctx} form={form} name="name" label="inmates.name" maxLength={120} />
        <SelectField
          ctx={ctx}
          form={form}
          name="gender"
          label="inmates.gender"
          options={GENDERS.map((g) => ({ value: g, label: ctx.t(`gender.${g}`) }))}
        />
        <TextField ctx={ctx} form={form} name="birth_date" label="inmates.birthDate" type="date" />
        <TextField ctx={ctx} form={form} name="entry_date" label="inmates.entryDate" type="date" />
        <TextField
          ctx={ctx}
          form={form}
          name="expected_release_date"
          label="inmates.expectedRelease"
          type="date"
          optional
        />
        <div class="grid2">
          <TextField ctx={ctx} form={form} name="block" label="inmates.block" optional maxLength={40} />
          <TextField ctx={ctx} form={form} name="room" label="inmates.room" optional maxLength={40} />
        </div>
        <TextField ctx={ctx} form={form} name="education" label="inmates.education" optional maxLength={60} />
        <TextField
          ctx={ctx}
          form={form}
          name="skills"
          label="inmates.skills"
          hint="inmates.listHint"
          optional
          maxLength={600}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="interests"
          label="inmates.interests"
          hint="inmates.listHint"
          optional
          maxLength={600}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="risk_level"
          label="inmates.riskLevel"
          optional
          blank="—"
          options={RISK_LEVELS.map((r) => ({ value: r, label: ctx.t(`risk.${r}`) }))}
        />
        <fieldset class="field" id="f-health_restriction">
          <legend>{ctx.t('inmates.healthRestriction')}</legend>
          <label class="check">
            <input type="checkbox" name="health_restriction" value="true" checked={checked} />{' '}
            {ctx.t('inmates.healthRestrictionLabel')}
          </label>
        </fieldset>
        <TextField
          ctx={ctx}
          form={form}
          name="nik"
          label="inmates.nik"
          hint="inmates.nikHint"
          optional
          maxLength={16}
          autocomplete="off"
        />
        {p.nikMasked && <p class="hint">{ctx.t('inmates.nikKeep', { masked: p.nikMasked })}</p>}
        <button type="submit" class="primary" data-testid="inmate-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
