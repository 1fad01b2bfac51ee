// The own-business (UMKM) page of one person: the plan with the catalogue products they learned,
// and the assistance given for it (kind, what, value in rupiah, from whom, when).

import { formatDay, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { AssistanceKind } from '../../db/schema.ts';
import { ASSISTANCE_KINDS } from './business.schema.ts';
import type { planOf } from './business.service.ts';

export const LABELS: Record<string, MessageKey> = {
  business_name: 'business.businessName',
  trade: 'business.trade',
  description: 'business.description',
  product_ids: 'business.products',
  location: 'business.location',
  capital_needed: 'business.capitalNeeded',
  kind: 'business.kind',
  item: 'business.item',
  value: 'business.value',
  giver: 'business.giver',
  partner_id: 'business.giver',
  given_on: 'business.givenOn',
};

export interface BusinessPageData {
  data: Awaited<ReturnType<typeof planOf>>;
  choices: ReadonlyArray<{ id: string; name: string; learned: boolean }>;
  canManage: boolean;
  planForm: FormState;
  assistanceForm: FormState;
}

export function BusinessPage({ ctx, p }: { ctx: ViewCtx; p: BusinessPageData }) {
  const { person, plan, products, assistance, assistanceTotal } = p.data;
  const title = ctx.t('business.titleOf', { name: person.name });
  const f = fieldsFor(ctx, p.planForm);
  const a = fieldsFor(ctx, { ...p.assistanceForm, idPrefix: 'a-' });
  const kind = (k: AssistanceKind) => ctx.t(`business.kind.${k}`);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/reintegration/${person.id}`} label={ctx.t('business.backToCase')} />
      <TitleRow title={title} testid="business-title" />
      <h2>{ctx.t('business.plan')}</h2>
      {plan ? (
        <dl class="facts" data-testid="business-plan">
          {plan.business_name && (
            <>
              <dt>{ctx.t('business.businessName')}</dt>
              <dd>{plan.business_name}</dd>
            </>
          )}
          <dt>{ctx.t('business.trade')}</dt>
          <dd>{plan.trade}</dd>
          {plan.description && (
            <>
              <dt>{ctx.t('business.description')}</dt>
              <dd>{plan.description}</dd>
            </>
          )}
          <dt>{ctx.t('business.products')}</dt>
          <dd data-testid="business-products">{products.map((x) => x.name).join(', ') || '—'}</dd>
          {plan.location && (
            <>
              <dt>{ctx.t('business.location')}</dt>
              <dd>{plan.location}</dd>
            </>
          )}
          {plan.capital_needed !== null && (
            <>
              <dt>{ctx.t('business.capitalNeeded')}</dt>
              <dd>{formatRupiah(plan.capital_needed)}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>{ctx.t('business.noPlanYet')}</p>
      )}
      {p.canManage && (
        <details class="panel" open={!plan || p.planForm.errors.length > 0}>
          <summary>{ctx.t('business.savePlan')}</summary>
          <ErrorSummary ctx={ctx} form={p.planForm} labels={LABELS} />
          <form
            method="post"
            action={`/reintegration/${person.id}/business`}
            novalidate
            data-testid="plan-form"
          >
            <Csrf ctx={ctx} />
            <f.Text name="business_name" label="business.businessName" optional maxLength={200} />
            <f.Text name="trade" label="business.trade" hint="business.tradeHint" maxLength={100} />
            <f.Area
              name="description"
              label="business.description"
              hint="business.descriptionHint"
              maxLength={4000}
            />
            {p.choices.length === 0 ? (
              <p>{ctx.t('business.noProducts')}</p>
            ) : (
              <f.Checks
                name="product_ids"
                label="business.products"
                options={p.choices.map((c) => ({ value: c.id, label: c.name }))}
              />
            )}
            <f.Text name="location" label="business.location" optional maxLength={300} />
            <f.Text name="capital_needed" label="business.capitalNeeded" type="number" optional />
            <button type="submit" class="primary" data-testid="plan-save">
              {ctx.t('business.savePlan')}
            </button>
          </form>
        </details>
      )}

      <h2>{ctx.t('business.assistance')}</h2>
      <DataTable
        ctx={ctx}
        rows={assistance}
        testid="assistance-table"
        label={ctx.t('business.assistance')}
        heads={[
          'business.givenOn',
          'business.kind',
          'business.item',
          { num: 'business.value' },
          'business.giver',
        ]}
        row={(x) => (
          <tr key={x.id}>
            <td>{formatDay(x.given_on, ctx.lang)}</td>
            <td>{kind(x.kind)}</td>
            <td>{x.item}</td>
            <td class="num">{formatRupiah(x.value)}</td>
            <td>{x.giver}</td>
          </tr>
        )}
      />
      {assistance.length > 0 && (
        <p data-testid="assistance-total">
          {ctx.t('business.total')}: <strong>{formatRupiah(assistanceTotal)}</strong>
        </p>
      )}
      {p.canManage && plan && (
        <details class="panel" open={p.assistanceForm.errors.length > 0}>
          <summary>{ctx.t('business.addAssistance')}</summary>
          <ErrorSummary ctx={ctx} form={{ ...p.assistanceForm, idPrefix: 'a-' }} labels={LABELS} />
          <form
            method="post"
            action={`/reintegration/${person.id}/business/assistance`}
            novalidate
            data-testid="assistance-form"
          >
            <Csrf ctx={ctx} />
            <a.Select
              name="kind"
              label="business.kind"
              options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: kind(k) }))}
            />
            <a.Text name="item" label="business.item" maxLength={200} />
            <a.Text name="value" label="business.value" type="number" />
            <a.Text name="giver" label="business.giver" maxLength={200} />
            <a.Text name="given_on" label="business.givenOn" type="date" />
            <button type="submit">{ctx.t('business.addAssistance')}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}
