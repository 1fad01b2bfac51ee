// The form to add or edit a programme: details, partner and PKS, Program Aksi tags, eligibility
// rules, instructors, the existing curriculum as rows (keeping their ids) and new units as lines.
import { ErrorSummary, type FormState, fieldsFor, TextArea } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, ScrollRegion } from '../../app/list.tsx';
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
  cu_title: 'programmes.curriculumUnits',
  instructor_ids: 'programmes.instructors',
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

export interface ProgrammeFormProps {
  ctx: ViewCtx;
  form: FormState;
  programmeId?: string | undefined;
  units: ReadonlyArray<{ id: string; name: string }>;
  partners: ReadonlyArray<{ id: string; name: string; unit_id: string }>;
  agreements: ReadonlyArray<{ id: string; title: string; partner_name: string }>;
  programAksi: ReadonlyArray<{ id: string; title: string }>;
  instructors: ReadonlyArray<{ id: string; full_name: string; roles: readonly string[] }>;
}

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** The existing curriculum units as editable rows: order, code, title, hours, remove. */
function CurriculumRows({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const ids = list(form.values.cu_id);
  if (ids.length === 0) return null;
  const [pos, code, title, hours] = ['cu_position', 'cu_code', 'cu_title', 'cu_hours'].map((k) =>
    list(form.values[k]),
  ) as [string[], string[], string[], string[]];
  const remove = new Set(list(form.values.cu_remove));
  const errs = form.errors.filter(
    (e) => e.field === 'cu_title' || (e.field === 'curriculum' && e.key !== 'programmes.badCurriculum'),
  );
  return (
    <fieldset
      class={errs.length ? 'field has-error' : 'field'}
      id="f-cu_title"
      aria-describedby={errs.length ? 'e-cu_title' : 'h-cu_title'}
    >
      <legend>{ctx.t('programmes.curriculumUnits')}</legend>
      <p class="hint" id="h-cu_title">
        {ctx.t('programmes.curriculumUnitsHint')}
      </p>
      {errs.length > 0 && (
        <div id="e-cu_title">
          {errs.map((e) => (
            <p class="error" data-testid="error-cu_title">
              {ctx.t(e.key, e.params)}
            </p>
          ))}
        </div>
      )}
      <ScrollRegion label={ctx.t('programmes.curriculumUnits')}>
        <table data-testid="curriculum-rows">
          <thead>
            <tr>
              <th scope="col">{ctx.t('programmes.curriculumOrder')}</th>
              <th scope="col">{ctx.t('programmes.curriculumCode')}</th>
              <th scope="col">{ctx.t('programmes.curriculumTitle')}</th>
              <th scope="col">{ctx.t('programmes.targetHours')}</th>
              <th scope="col">{ctx.t('programmes.curriculumRemove')}</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id, i) => (
              <tr key={id}>
                <td>
                  <input type="hidden" name="cu_id" value={id} />
                  <input
                    name="cu_position"
                    type="number"
                    min="1"
                    size={3}
                    value={pos[i] ?? String(i + 1)}
                    aria-label={`${ctx.t('programmes.curriculumOrder')} ${i + 1}`}
                  />
                </td>
                <td>
                  <input
                    name="cu_code"
                    maxLength={40}
                    size={6}
                    value={code[i] ?? ''}
                    aria-label={`${ctx.t('programmes.curriculumCode')} ${i + 1}`}
                  />
                </td>
                <td>
                  <input
                    name="cu_title"
                    maxLength={200}
                    value={title[i] ?? ''}
                    aria-label={`${ctx.t('programmes.curriculumTitle')} ${i + 1}`}
                  />
                </td>
                <td>
                  <input
                    name="cu_hours"
                    type="number"
                    min="0"
                    max="2000"
                    size={4}
                    value={hours[i] ?? ''}
                    aria-label={`${ctx.t('programmes.targetHours')} ${i + 1}`}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    name="cu_remove"
                    value={id}
                    checked={remove.has(id)}
                    aria-label={`${ctx.t('programmes.curriculumRemove')} ${title[i] ?? ''}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </fieldset>
  );
}

export function ProgrammeFormPage(p: ProgrammeFormProps) {
  const { ctx, form } = p;
  const f = fieldsFor(ctx, form);
  const title = ctx.t(p.programmeId ? 'programmes.edit' : 'programmes.new');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink
        href={p.programmeId ? `/programmes/${p.programmeId}` : '/programmes'}
        label={ctx.t('common.back')}
      />
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
          <f.Select
            name="unit_id"
            label="programmes.unit"
            options={p.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <f.Text name="name" label="programmes.name" maxLength={200} />
        <f.Select
          name="kind"
          label="programmes.kind"
          options={PROGRAMME_KINDS.map((k) => ({ value: k, label: ctx.t(`programmeKind.${k}`) }))}
        />
        <f.Text name="skill_area" label="programmes.skillArea" optional maxLength={120} />
        <f.Select
          name="partner_id"
          label="programmes.partner"
          optional
          blank="—"
          options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
        />
        <f.Select
          name="agreement_id"
          label="programmes.agreement"
          optional
          blank="—"
          options={p.agreements.map((a) => ({ value: a.id, label: `${a.title} (${a.partner_name})` }))}
        />
        <f.Text name="location" label="programmes.location" optional maxLength={200} />
        <f.Text name="capacity" label="programmes.capacity" type="number" />
        <f.Select
          name="status"
          label="programmes.status"
          options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: ctx.t(`programmeStatus.${s}`) }))}
        />
        {p.programAksi.length > 0 && (
          <f.Checks
            name="program_aksi_ids"
            label="programmes.programAksi"
            options={p.programAksi.map((x) => ({ value: x.id, label: x.title }))}
          />
        )}
        <fieldset class="field">
          <legend>{ctx.t('programmes.eligibility')}</legend>
          <f.Text name="min_remaining_months" label="programmes.minRemainingMonths" type="number" optional />
          <f.Text name="no_register_f_months" label="programmes.noRegisterFMonths" type="number" optional />
          <f.Checks
            name="risk_levels"
            label="programmes.riskLevels"
            options={RISK_LEVELS.map((r) => ({ value: r, label: ctx.t(`programmes.risk.${r}`) }))}
          />
          <f.Select
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
        <f.Checks
          name="instructor_ids"
          label="programmes.instructors"
          hint="programmes.instructorsHint"
          options={p.instructors.map((u) => ({
            value: u.id,
            label: `${u.full_name} (${u.roles.includes('instruktur_mitra') ? ctx.t('role.instruktur_mitra') : ctx.t('role.petugas')})`,
          }))}
        />
        <CurriculumRows ctx={ctx} form={form} />
        <TextArea
          ctx={ctx}
          form={{
            values: form.values,
            errors: form.errors.filter(
              (e) => e.field !== 'curriculum' || e.key === 'programmes.badCurriculum',
            ),
          }}
          name="curriculum"
          label={list(form.values.cu_id).length ? 'programmes.curriculumNew' : 'programmes.curriculum'}
          hint="programmes.curriculumHint"
          rows={list(form.values.cu_id).length ? 3 : 8}
        />
        <button type="submit" class="primary" data-testid="programme-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
