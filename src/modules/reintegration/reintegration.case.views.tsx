// One person's release case: the facts, the integrasi and plan form (decree required), contacts,
// bank, Bapas and PK; the readiness checklist with owner, due day and status; the consents given and
// withdrawn; and "Catat pembebasan". Sections the viewer may only read are shown as facts.
import { formatDay } from '../../app/format.ts';
import { ErrorSummary, emptyForm, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { INTEGRASI_KINDS, PLANS, PURPOSES, RELEASE_KINDS } from './reintegration.rules.ts';
import { ITEM_STATUSES } from './reintegration.schema.ts';
import type { CaseChoices, CaseDetail, ItemRow } from './reintegration.service.ts';

export interface CaseForms {
  details?: FormState;
  item?: { id: string; form: FormState };
  consent?: FormState;
  withdraw?: { id: string; form: FormState };
  release?: FormState;
}

const CASE_LABELS = {
  integrasi_kind: 'reintegration.integrasiKind',
  integrasi_date: 'reintegration.integrasiDate',
  decree_number: 'reintegration.decreeNumber',
  decree_date: 'reintegration.decreeDate',
  plan: 'reintegration.plan',
  guarantor_name: 'reintegration.guarantorName',
  guarantor_relation: 'reintegration.guarantorRelation',
  guarantor_phone: 'reintegration.guarantorPhone',
  address_after_release: 'reintegration.address',
  bank_name: 'reintegration.bankName',
  bank_account: 'reintegration.bankAccount',
  bapas_unit_id: 'reintegration.bapas',
  pk_user_id: 'reintegration.pk',
} as const;

function itemLabel(ctx: ViewCtx, i: ItemRow): string {
  return i.kind === 'custom' ? (i.label ?? '') : ctx.t(`reintegration.item.${i.kind}`);
}

function caseValues(d: CaseDetail): Record<string, unknown> {
  const c = d.case;
  if (!c) return {};
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(CASE_LABELS) as (keyof typeof CASE_LABELS)[]) out[k] = c[k] ?? undefined;
  return out;
}

function DetailsForm(p: { ctx: ViewCtx; d: CaseDetail; choices: CaseChoices; form: FormState }) {
  const { ctx, d, choices, form } = p;
  const f = fieldsFor(ctx, form);
  return (
    <form method="post" action={`/reintegration/${d.person.id}`} data-testid="case-form" novalidate>
      <Csrf ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={CASE_LABELS} />
      <fieldset>
        <legend>{ctx.t('reintegration.integrasi')}</legend>
        <p class="hint">{ctx.t('reintegration.integrasiHint')}</p>
        <f.Select
          name="integrasi_kind"
          label="reintegration.integrasiKind"
          optional
          blank={ctx.t('reintegration.noIntegrasi')}
          options={INTEGRASI_KINDS.map((k) => ({ value: k, label: ctx.t(`reintegration.integrasi.${k}`) }))}
        />
        <f.Text name="integrasi_date" type="date" label="reintegration.integrasiDate" optional />
        <f.Text name="decree_number" label="reintegration.decreeNumber" optional maxLength={100} />
        <f.Text name="decree_date" type="date" label="reintegration.decreeDate" optional />
      </fieldset>
      <f.Select
        name="plan"
        label="reintegration.plan"
        optional
        blank="—"
        options={PLANS.map((k) => ({ value: k, label: ctx.t(`reintegration.plan.${k}`) }))}
      />
      <fieldset>
        <legend>{ctx.t('reintegration.guarantor')}</legend>
        <f.Text name="guarantor_name" label="reintegration.guarantorName" optional maxLength={200} />
        <f.Text name="guarantor_relation" label="reintegration.guarantorRelation" optional maxLength={100} />
        <f.Text
          name="guarantor_phone"
          type="tel"
          label="reintegration.guarantorPhone"
          optional
          maxLength={30}
        />
        <f.Area name="address_after_release" label="reintegration.address" rows={2} maxLength={500} />
      </fieldset>
      <fieldset>
        <legend>{ctx.t('reintegration.bank')}</legend>
        <p class="hint">{ctx.t('reintegration.bankHint')}</p>
        <f.Text name="bank_name" label="reintegration.bankName" optional maxLength={100} />
        <f.Text name="bank_account" label="reintegration.bankAccount" optional maxLength={40} />
      </fieldset>
      <fieldset>
        <legend>{ctx.t('reintegration.supervision')}</legend>
        {choices.units.length === 0 && <p class="hint">{ctx.t('reintegration.noBapas')}</p>}
        <f.Select
          name="bapas_unit_id"
          label="reintegration.bapas"
          optional
          blank="—"
          options={choices.units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <f.Select
          name="pk_user_id"
          label="reintegration.pk"
          hint="reintegration.pkHint"
          optional
          blank="—"
          options={choices.officers.map((o) => ({
            value: o.id,
            label: `${o.full_name} (${choices.units.find((u) => u.id === o.unit_id)?.name ?? ''})`,
          }))}
        />
      </fieldset>
      <button type="submit" class="primary" data-testid="case-save">
        {ctx.t('common.save')}
      </button>
    </form>
  );
}

function CaseFacts({ ctx, d }: { ctx: ViewCtx; d: CaseDetail }) {
  const c = d.case;
  if (!c) return <p>{ctx.t('reintegration.noCaseYet')}</p>;
  const row = (label: keyof typeof CASE_LABELS | 'bapas_name' | 'pk_name', v: string | null) => (
    <>
      <dt>
        {ctx.t(
          label === 'bapas_name'
            ? 'reintegration.bapas'
            : label === 'pk_name'
              ? 'reintegration.pk'
              : CASE_LABELS[label],
        )}
      </dt>
      <dd>{v ?? '—'}</dd>
    </>
  );
  return (
    <dl class="facts" data-testid="case-facts">
      {row('integrasi_kind', c.integrasi_kind && ctx.t(`reintegration.integrasi.${c.integrasi_kind}`))}
      {row('integrasi_date', c.integrasi_date && formatDay(c.integrasi_date, ctx.lang))}
      {row('decree_number', c.decree_number)}
      {row('plan', c.plan && ctx.t(`reintegration.plan.${c.plan}`))}
      {row('guarantor_name', c.guarantor_name)}
      {row('guarantor_relation', c.guarantor_relation)}
      {row('guarantor_phone', c.guarantor_phone)}
      {row('address_after_release', c.address_after_release)}
      {row('bapas_name', c.bapas_name)}
      {row('pk_name', c.pk_name)}
    </dl>
  );
}

function Item(p: {
  ctx: ViewCtx;
  d: CaseDetail;
  i: ItemRow;
  staff: CaseChoices['staff'];
  may: boolean;
  form?: FormState;
}) {
  const { ctx, i } = p;
  const form =
    p.form ??
    emptyForm({
      owner_id: i.owner_id ?? undefined,
      due_on: i.due_on,
      status: i.status,
      note: i.note ?? undefined,
    });
  const f = fieldsFor(ctx, { ...form, idPrefix: `i-${i.id}-` });
  const label = itemLabel(ctx, i);
  return (
    <li data-testid={`item-${i.kind === 'custom' ? i.template_id : i.kind}`}>
      <strong>{label}</strong>{' '}
      <span
        class={i.status === 'open' ? (i.overdue ? 'badge off' : 'badge muted') : 'badge ok'}
        data-testid="item-status"
      >
        {i.overdue ? ctx.t('reintegration.overdue') : ctx.t(`reintegration.itemStatus.${i.status}`)}
      </span>
      <div class="muted">
        {ctx.t('reintegration.dueOn')}: {formatDay(i.due_on, ctx.lang)} · {ctx.t('reintegration.owner')}:{' '}
        {i.owner_name ?? '—'}
        {i.done_on && ` · ${formatDay(i.done_on, ctx.lang)}`}
        {i.note && ` · ${i.note}`}
      </div>
      {p.may && (
        <details open={p.form !== undefined}>
          <summary>{ctx.t('reintegration.itemEdit', { item: label })}</summary>
          <form
            method="post"
            action={`/reintegration/${p.d.person.id}/items/${i.id}`}
            data-testid="item-form"
            novalidate
          >
            <Csrf ctx={ctx} />
            <ErrorSummary
              ctx={ctx}
              form={{ ...form, idPrefix: `i-${i.id}-` }}
              labels={{
                owner_id: 'reintegration.owner',
                due_on: 'reintegration.dueOn',
                status: 'common.status',
                note: 'reintegration.note',
              }}
            />
            <f.Select
              name="owner_id"
              label="reintegration.owner"
              optional
              blank="—"
              options={p.staff.map((s) => ({ value: s.id, label: s.full_name }))}
            />
            <f.Text name="due_on" type="date" label="reintegration.dueOn" />
            <f.Select
              name="status"
              label="common.status"
              options={ITEM_STATUSES.map((s) => ({
                value: s,
                label: ctx.t(`reintegration.itemStatus.${s}`),
              }))}
            />
            <f.Text
              name="note"
              label="reintegration.note"
              hint="reintegration.noteHint"
              optional
              maxLength={500}
            />
            <button type="submit">{ctx.t('common.save')}</button>
          </form>
        </details>
      )}
    </li>
  );
}

function Consents(p: { ctx: ViewCtx; d: CaseDetail; may: boolean; forms: CaseForms }) {
  const { ctx, d } = p;
  const give = p.forms.consent ?? emptyForm({ given_on: d.today });
  const f = fieldsFor(ctx, { ...give, idPrefix: 'c-' });
  return (
    <section aria-labelledby="s-consents" data-testid="consents">
      <h2 id="s-consents">{ctx.t('reintegration.consents')}</h2>
      <p class="hint">{ctx.t('reintegration.consentsHint')}</p>
      {d.consents.length === 0 ? (
        <p>{ctx.t('reintegration.noConsents')}</p>
      ) : (
        <ul>
          {d.consents.map((c) => {
            const w =
              p.forms.withdraw?.id === c.id ? p.forms.withdraw.form : emptyForm({ withdrawn_on: d.today });
            const wf = fieldsFor(ctx, { ...w, idPrefix: `w-${c.id}-` });
            return (
              <li key={c.id} data-testid={`consent-${c.purpose}${c.withdrawn_on ? '-withdrawn' : ''}`}>
                <strong>{ctx.t(`reintegration.purpose.${c.purpose}`)}</strong>:{' '}
                {ctx.t('reintegration.givenOn', { day: formatDay(c.given_on, ctx.lang) })}
                {c.withdrawn_on ? (
                  <>
                    {' '}
                    <span class="badge off">
                      {ctx.t('reintegration.withdrawnOn', { day: formatDay(c.withdrawn_on, ctx.lang) })}
                    </span>
                  </>
                ) : (
                  <>
                    {' '}
                    <span class="badge ok">{ctx.t('reintegration.consentLiveBadge')}</span>
                  </>
                )}
                {c.note && <div class="muted">{c.note}</div>}
                {p.may && !c.withdrawn_on && (
                  <form
                    method="post"
                    action={`/reintegration/${d.person.id}/consents/${c.id}/withdraw`}
                    class="row-form"
                    data-testid={`withdraw-${c.purpose}`}
                    novalidate
                  >
                    <Csrf ctx={ctx} />
                    <wf.Text name="withdrawn_on" type="date" label="reintegration.withdrawnOnLabel" />
                    <button type="submit">{ctx.t('reintegration.withdraw')}</button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {p.may && (
        <form
          method="post"
          action={`/reintegration/${d.person.id}/consents`}
          data-testid="consent-form"
          novalidate
        >
          <Csrf ctx={ctx} />
          <h3>{ctx.t('reintegration.consentGive')}</h3>
          <ErrorSummary
            ctx={ctx}
            form={{ ...give, idPrefix: 'c-' }}
            labels={{
              purpose: 'reintegration.purpose',
              given_on: 'reintegration.givenOnLabel',
              note: 'reintegration.note',
            }}
          />
          <f.Select
            name="purpose"
            label="reintegration.purpose"
            options={PURPOSES.map((k) => ({ value: k, label: ctx.t(`reintegration.purpose.${k}`) }))}
          />
          <f.Text name="given_on" type="date" label="reintegration.givenOnLabel" />
          <f.Text name="note" label="reintegration.consentNote" optional maxLength={500} />
          <button type="submit">{ctx.t('reintegration.consentRecord')}</button>
        </form>
      )}
    </section>
  );
}

function ReleaseForm({ ctx, d, form }: { ctx: ViewCtx; d: CaseDetail; form: FormState }) {
  const f = fieldsFor(ctx, { ...form, idPrefix: 'r-' });
  return (
    <section aria-labelledby="s-release" data-testid="release">
      <h2 id="s-release">{ctx.t('reintegration.release')}</h2>
      <p class="hint">{ctx.t('reintegration.releaseHint')}</p>
      <form
        method="post"
        action={`/reintegration/${d.person.id}/release`}
        data-testid="release-form"
        novalidate
      >
        <Csrf ctx={ctx} />
        <ErrorSummary
          ctx={ctx}
          form={{ ...form, idPrefix: 'r-' }}
          labels={{ released_on: 'reintegration.releasedOn', release_kind: 'reintegration.releaseKind' }}
        />
        <f.Text name="released_on" type="date" label="reintegration.releasedOn" />
        <f.Select
          name="release_kind"
          label="reintegration.releaseKind"
          options={RELEASE_KINDS.map((k) => ({ value: k, label: ctx.t(`reintegration.releaseKind.${k}`) }))}
        />
        <button type="submit" class="primary" data-testid="release-submit">
          {ctx.t('reintegration.release')}
        </button>
      </form>
    </section>
  );
}

export function CasePage(p: {
  ctx: ViewCtx;
  d: CaseDetail;
  choices: CaseChoices;
  may: boolean;
  forms: CaseForms;
}) {
  const { ctx, d } = p;
  const c = d.case;
  const released = c?.released_on != null;
  const may = p.may && !released && d.person.status === 'active';
  const title = d.person.name;
  return (
    <Layout ctx={ctx} title={`${ctx.t('reintegration.caseTitle')}: ${title}`}>
      <BackLink href="/reintegration" label={ctx.t('reintegration.title')} />
      <h1 data-testid="case-name">{title}</h1>
      <dl class="facts">
        <dt>{ctx.t('reintegration.regNumber')}</dt>
        <dd>{d.person.reg_number}</dd>
        <dt>{ctx.t('reintegration.unit')}</dt>
        <dd>{d.person.unit_name}</dd>
        <dt>{ctx.t('reintegration.expiry')}</dt>
        <dd>{d.person.expected_release_date ? formatDay(d.person.expected_release_date, ctx.lang) : '—'}</dd>
        <dt>{ctx.t('reintegration.releaseDate')}</dt>
        <dd data-testid="case-release-date">{d.releaseDate ? formatDay(d.releaseDate, ctx.lang) : '—'}</dd>
      </dl>
      {released && c?.released_on && c.release_kind && (
        <p class="notice" data-testid="released-notice">
          {ctx.t('reintegration.releasedNotice', {
            day: formatDay(c.released_on, ctx.lang),
            kind: ctx.t(`reintegration.releaseKind.${c.release_kind}`),
          })}
        </p>
      )}
      {p.may && (
        <p>
          <a href={`/reintegration/${d.person.id}/business`}>{ctx.t('reintegration.link.business')}</a> ·{' '}
          <a href={`/reintegration/${d.person.id}/cv.pdf`}>{ctx.t('reintegration.link.cv')}</a>
        </p>
      )}
      <section aria-labelledby="s-details">
        <h2 id="s-details">{ctx.t('reintegration.details')}</h2>
        {may ? (
          <DetailsForm
            ctx={ctx}
            d={d}
            choices={p.choices}
            form={p.forms.details ?? emptyForm(caseValues(d))}
          />
        ) : (
          <CaseFacts ctx={ctx} d={d} />
        )}
      </section>
      <section aria-labelledby="s-items" data-testid="checklist">
        <h2 id="s-items">{ctx.t('reintegration.checklist')}</h2>
        {d.items.length === 0 ? (
          <p>{ctx.t('reintegration.checklistEmpty')}</p>
        ) : (
          <ul>
            {d.items.map((i) => (
              <Item
                key={i.id}
                ctx={ctx}
                d={d}
                i={i}
                staff={p.choices.staff}
                may={may}
                {...(p.forms.item?.id === i.id ? { form: p.forms.item.form } : {})}
              />
            ))}
          </ul>
        )}
      </section>
      <Consents ctx={ctx} d={d} may={p.may && !d.person.pseudonymised_at} forms={p.forms} />
      {may && (
        <ReleaseForm
          ctx={ctx}
          d={d}
          form={
            p.forms.release ??
            emptyForm({ released_on: d.today, release_kind: c?.integrasi_kind ?? 'ekspirasi' })
          }
        />
      )}
    </Layout>
  );
}
