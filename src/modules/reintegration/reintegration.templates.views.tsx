// The unit's own readiness checklist items (templates): added to every new case after the built-in
// ones, and to the unit's cases not yet released when a template is added.
import { ErrorSummary, emptyForm, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { BUILT_IN } from './reintegration.rules.ts';
import type { TemplateRow } from './reintegration.service.ts';

const LABELS = {
  label: 'reintegration.templates.label',
  days_before: 'reintegration.templates.daysBefore',
  active: 'common.active',
} as const;

function EditTemplate({ ctx, t, form }: { ctx: ViewCtx; t: TemplateRow; form?: FormState | undefined }) {
  const state = {
    ...(form ??
      emptyForm({ label: t.label, days_before: t.days_before, active: t.active ? 'true' : 'false' })),
    idPrefix: `t-${t.id}-`,
  };
  const f = fieldsFor(ctx, state);
  return (
    <details open={form !== undefined}>
      <summary>{ctx.t('reintegration.templates.edit', { label: t.label })}</summary>
      <form
        method="post"
        action={`/reintegration/checklist-items/${t.id}`}
        data-testid="template-edit"
        novalidate
      >
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={state} labels={LABELS} />
        <f.Text name="label" label="reintegration.templates.label" maxLength={200} />
        <f.Text name="days_before" type="number" label="reintegration.templates.daysBefore" />
        <f.Select
          name="active"
          label="common.status"
          options={[
            { value: 'true', label: ctx.t('common.active') },
            { value: 'false', label: ctx.t('common.inactive') },
          ]}
        />
        <button type="submit">{ctx.t('common.save')}</button>
      </form>
    </details>
  );
}

export function TemplatesPage(p: {
  ctx: ViewCtx;
  rows: TemplateRow[];
  form: FormState;
  edit?: { id: string; form: FormState } | undefined;
}) {
  const { ctx } = p;
  const f = fieldsFor(ctx, p.form);
  return (
    <Layout ctx={ctx} title={ctx.t('reintegration.templates.title')}>
      <BackLink href="/reintegration" label={ctx.t('reintegration.title')} />
      <TitleRow title={ctx.t('reintegration.templates.title')} />
      <p class="muted">{ctx.t('reintegration.templates.intro')}</p>
      <h2>{ctx.t('reintegration.templates.builtIn')}</h2>
      <ul>
        {BUILT_IN.map((b) => (
          <li key={b.kind}>
            {ctx.t(`reintegration.item.${b.kind}`)}{' '}
            <span class="muted">{ctx.t('reintegration.templates.dueBefore', { n: b.daysBefore })}</span>
          </li>
        ))}
      </ul>
      <h2>{ctx.t('reintegration.templates.own')}</h2>
      {p.rows.length === 0 ? (
        <p>{ctx.t('reintegration.templates.none')}</p>
      ) : (
        <ul data-testid="templates">
          {p.rows.map((t) => (
            <li key={t.id} data-testid="template">
              <strong>{t.label}</strong>{' '}
              <span class={t.active ? 'badge ok' : 'badge off'}>
                {ctx.t(t.active ? 'common.active' : 'common.inactive')}
              </span>{' '}
              <span class="muted">{ctx.t('reintegration.templates.dueBefore', { n: t.days_before })}</span>
              <EditTemplate ctx={ctx} t={t} form={p.edit?.id === t.id ? p.edit.form : undefined} />
            </li>
          ))}
        </ul>
      )}
      <h2>{ctx.t('reintegration.templates.add')}</h2>
      <form method="post" action="/reintegration/checklist-items" data-testid="template-form" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={p.form} labels={LABELS} />
        <f.Text name="label" label="reintegration.templates.label" maxLength={200} />
        <f.Text
          name="days_before"
          type="number"
          label="reintegration.templates.daysBefore"
          hint="reintegration.templates.daysBeforeHint"
        />
        <button type="submit" class="primary">
          {ctx.t('reintegration.templates.addButton')}
        </button>
      </form>
    </Layout>
  );
}
