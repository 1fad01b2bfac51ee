import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
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
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={p.inmateId ? `/inmates/${p.inmateId}` : '/inmates'} label={ctx.t('common.back')} />
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
          <f.Select
            name="unit_id"
            label="inmates.unit"
            options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <f.Text name="reg_number" label="inmates.regNumber" hint="inmates.regNumberHint" maxLength={40} />
        <f.Text name="name" label="inmates.name" maxLength={120} />
        <f.Select
          name="gender"
          label="inmates.gender"
          options={GENDERS.map((g) => ({ value: g, label: ctx.t(`gender.${g}`) }))}
        />
        <f.Text name="birth_date" label="inmates.birthDate" type="date" />
        <f.Text name="entry_date" label="inmates.entryDate" type="date" />
        <f.Text name="expected_release_date" label="inmates.expectedRelease" type="date" optional />
        <div class="grid2">
          <f.Text name="block" label="inmates.block" optional maxLength={40} />
          <f.Text name="room" label="inmates.room" optional maxLength={40} />
        </div>
        <f.Text name="education" label="inmates.education" optional maxLength={60} />
        <f.Text name="skills" label="inmates.skills" hint="inmates.listHint" optional maxLength={600} />
        <f.Text name="interests" label="inmates.interests" hint="inmates.listHint" optional maxLength={600} />
        <f.Select
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
        <f.Text
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
