// The legal basis per category of personal data: a read-only table for every staff member, with an
// edit form per row and an add form for national administrators.
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { LongText } from './privacy.fields.tsx';
import type { PrivacyMay } from './privacy.policy.ts';
import type { LegalBasisRow } from './privacy.service.ts';

const LABELS: Record<string, MessageKey> = {
  code: 'privacy.basis.code',
  category: 'privacy.basis.category',
  specific: 'privacy.basis.specific',
  legal_basis: 'privacy.basis.legalBasis',
  purpose: 'privacy.basis.purpose',
  retention: 'privacy.basis.retention',
  holders: 'privacy.basis.holders',
};

export function LegalBasisPage({ ctx, rows, may }: { ctx: ViewCtx; rows: LegalBasisRow[]; may: PrivacyMay }) {
  const editable = may.changeLegalBasis;
  return (
    <Layout ctx={ctx} title={ctx.t('privacy.basis.title')}>
      <h1>{ctx.t('privacy.basis.title')}</h1>
      <p class="muted">{ctx.t('privacy.basis.intro')}</p>
      {may.breaches && (
        <p>
          <a href="/privacy/breaches">{ctx.t('privacy.breaches')}</a>
          {may.accessLog && (
            <>
              {' · '}
              <a href="/privacy/access-log">{ctx.t('privacy.access.title')}</a>
            </>
          )}
        </p>
      )}
      {editable && (
        <p>
          <a class="button primary" href="/privacy/legal-basis/new" data-testid="basis-new">
            {ctx.t('privacy.basis.new')}
          </a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="legal-basis-table"
        heads={[
          'privacy.basis.category',
          'privacy.basis.legalBasis',
          'privacy.basis.purpose',
          'privacy.basis.retention',
          'privacy.basis.holders',
          ...(editable ? (['common.actions'] as const) : []),
        ]}
        row={(r) => (
          <tr key={r.id} data-testid={`basis-${r.code}`}>
            <td>
              {r.category}
              {r.specific && (
                <>
                  <br />
                  <span class="badge off">{ctx.t('privacy.basis.specific')}</span>
                </>
              )}
            </td>
            <td>{r.legal_basis}</td>
            <td>{r.purpose}</td>
            <td>{r.retention}</td>
            <td>{r.holders}</td>
            {editable && (
              <td>
                <a href={`/privacy/legal-basis/${r.id}/edit`}>{ctx.t('privacy.basis.edit')}</a>
              </td>
            )}
          </tr>
        )}
      />
    </Layout>
  );
}

export function LegalBasisFormPage({ ctx, form, id }: { ctx: ViewCtx; form: FormState; id?: string }) {
  const title = id ? ctx.t('privacy.basis.edit') : ctx.t('privacy.basis.new');
  const specific = form.values.specific === true || form.values.specific === 'true';
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/privacy/legal-basis" label={ctx.t('privacy.basis.title')} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={id ? `/privacy/legal-basis/${id}` : '/privacy/legal-basis'}
        novalidate
        data-testid="basis-form"
      >
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} form={form} name="code" label="privacy.basis.code" maxLength={40} />
        <TextField ctx={ctx} form={form} name="category" label="privacy.basis.category" maxLength={300} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="specific" value="true" checked={specific} />{' '}
            {ctx.t('privacy.basis.specific')}
          </label>
          <p class="hint">{ctx.t('privacy.basis.specificHint')}</p>
        </div>
        <LongText
          ctx={ctx}
          form={form}
          name="legal_basis"
          label="privacy.basis.legalBasis"
          maxLength={1000}
        />
        <LongText ctx={ctx} form={form} name="purpose" label="privacy.basis.purpose" maxLength={1000} />
        <TextField ctx={ctx} form={form} name="retention" label="privacy.basis.retention" maxLength={500} />
        <LongText ctx={ctx} form={form} name="holders" label="privacy.basis.holders" maxLength={1000} />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
