// Pages for job offers: the list, the add/edit form, and an offer's page with its matched
// candidates (a consent badge for staff; only consenting people for a partner's instructor) and
// its applications with their status history.
import { Fact } from '../../app/facts.tsx';
import { formatDay, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  SelectFilter,
  TitleRow,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ApplicationStatus } from '../../db/schema.ts';
import type { OfferRow } from './job-offers.repo.ts';
import { NEXT_STATUS } from './job-offers.rules.ts';
import { OFFER_STATUSES, PAY_BASES } from './job-offers.schema.ts';
import type { Candidate } from './job-offers.service.ts';

export const LABELS: Record<string, MessageKey> = {
  partner_id: 'jobOffers.partner',
  position: 'jobOffers.position',
  place: 'jobOffers.place',
  home_based: 'jobOffers.homeBased',
  pay_from: 'jobOffers.payFrom',
  pay_to: 'jobOffers.payTo',
  pay_basis: 'jobOffers.payBasis',
  requirements: 'jobOffers.requirements',
  skill_area: 'jobOffers.skillArea',
  competencies: 'jobOffers.competencies',
  opens_on: 'jobOffers.opensOn',
  closes_on: 'jobOffers.closesOn',
  status: 'jobOffers.newStatus',
  on_date: 'jobOffers.statusOn',
  note: 'jobOffers.note',
  inmate_id: 'jobOffers.person',
  applied_on: 'jobOffers.appliedOn',
};

const appStatus = (ctx: ViewCtx, s: ApplicationStatus) => ctx.t(`jobOffers.appStatus.${s}`);

export function payText(ctx: ViewCtx, o: Pick<OfferRow, 'pay_from' | 'pay_to' | 'pay_basis'>): string | null {
  if (o.pay_from === null && o.pay_to === null) return null;
  const range =
    o.pay_from !== null && o.pay_to !== null && o.pay_from !== o.pay_to
      ? `${formatRupiah(o.pay_from)} – ${formatRupiah(o.pay_to)}`
      : formatRupiah(o.pay_from ?? o.pay_to ?? 0);
  return o.pay_basis ? `${range} ${ctx.t(`jobOffers.payBasis.${o.pay_basis}`)}` : range;
}

export function OfferListPage(
  p: ListPageProps<OfferRow, { q?: string | undefined; status?: string | undefined }> & {
    canManage: boolean;
  },
) {
  const { ctx, rows, total, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('jobOffers.title')}
      base="/job-offers"
      actions={
        p.canManage && (
          <a class="button primary" href="/job-offers/new" data-testid="offer-new">
            {ctx.t('jobOffers.new')}
          </a>
        )
      }
    >
      <FilterForm ctx={ctx} action="/job-offers">
        <SearchField ctx={ctx} value={query.q} placeholder="jobOffers.searchPlaceholder" />
        <SelectFilter
          ctx={ctx}
          label="jobOffers.status"
          name="status"
          value={query.status}
          options={OFFER_STATUSES.map((s) => ({ value: s, label: ctx.t(`jobOffers.status.${s}`) }))}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="offer-table"
        count={total}
        heads={[
          'jobOffers.position',
          'jobOffers.partner',
          'jobOffers.place',
          'jobOffers.closesOn',
          'jobOffers.status',
          { num: 'jobOffers.applicationsCount' },
        ]}
        row={(o) => (
          <tr key={o.id}>
            <td>
              <a href={`/job-offers/${o.id}`}>{o.position}</a>
            </td>
            <td>{o.partner_name}</td>
            <td>
              {o.place}
              {o.home_based && ` (${ctx.t('jobOffers.homeBased')})`}
            </td>
            <td>{formatDay(o.closes_on, ctx.lang)}</td>
            <td>{ctx.t(`jobOffers.status.${o.status}`)}</td>
            <td class="num">{o.applications}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

export function OfferFormPage(p: {
  ctx: ViewCtx;
  form: FormState;
  partners: ReadonlyArray<{ id: string; name: string }>;
  offerId?: string | undefined;
}) {
  const { ctx, form, offerId } = p;
  const title = ctx.t(offerId ? 'jobOffers.edit' : 'jobOffers.new');
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={offerId ? `/job-offers/${offerId}` : '/job-offers'} label={ctx.t('common.back')} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={offerId ? `/job-offers/${offerId}` : '/job-offers'}
        novalidate
        data-testid="offer-form"
      >
        <Csrf ctx={ctx} />
        <f.Select
          name="partner_id"
          label="jobOffers.partner"
          blank=""
          options={p.partners.map((x) => ({ value: x.id, label: x.name }))}
        />
        <f.Text name="position" label="jobOffers.position" maxLength={200} />
        <f.Text name="place" label="jobOffers.place" maxLength={200} />
        <f.Checks
          name="home_based"
          label="jobOffers.homeBased"
          options={[{ value: 'true', label: ctx.t('jobOffers.homeBasedYes') }]}
        />
        <div class="grid2">
          <f.Text name="pay_from" label="jobOffers.payFrom" type="number" optional />
          <f.Text name="pay_to" label="jobOffers.payTo" type="number" optional />
        </div>
        <f.Select
          name="pay_basis"
          label="jobOffers.payBasis"
          optional
          blank=""
          options={PAY_BASES.map((b) => ({ value: b, label: ctx.t(`jobOffers.payBasis.${b}`) }))}
        />
        <f.Area name="requirements" label="jobOffers.requirements" maxLength={2000} />
        <f.Text
          name="skill_area"
          label="jobOffers.skillArea"
          hint="jobOffers.skillAreaHint"
          optional
          maxLength={100}
        />
        <f.Area
          name="competencies"
          label="jobOffers.competencies"
          hint="jobOffers.competenciesHint"
          maxLength={3000}
        />
        <div class="grid2">
          <f.Text name="opens_on" label="jobOffers.opensOn" type="date" />
          <f.Text name="closes_on" label="jobOffers.closesOn" type="date" />
        </div>
        {offerId && (
          <f.Select
            name="status"
            label="jobOffers.status"
            options={OFFER_STATUSES.map((s) => ({ value: s, label: ctx.t(`jobOffers.status.${s}`) }))}
          />
        )}
        <button type="submit" class="primary" data-testid="offer-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

export interface ApplicationView {
  id: string;
  inmate_id: string;
  name: string;
  status: ApplicationStatus;
  applied_on: string;
  status_on: string;
  cv_consent: boolean | null;
  events: ReadonlyArray<{ status: ApplicationStatus; on_date: string; note: string | null }>;
}

export interface OfferPageData {
  offer: OfferRow;
  candidates: readonly Candidate[];
  applications: readonly ApplicationView[];
  /** The unit's staff see everyone with a badge; an instructor sees only consenting people. */
  partnerView: boolean;
  canManage: boolean;
  today: string;
  /** A status form that failed, re-rendered with its answers for that application. */
  statusForm?: { applicationId: string; form: FormState } | undefined;
}

function ConsentBadge({ ctx, yes }: { ctx: ViewCtx; yes: boolean }) {
  return (
    <span
      class={yes ? 'badge status-active' : 'badge status-draft'}
      data-testid={yes ? 'consent-yes' : 'consent-no'}
    >
      {ctx.t(yes ? 'jobOffers.consentYes' : 'jobOffers.consentNo')}
    </span>
  );
}

function StatusForm(p: {
  ctx: ViewCtx;
  offerId: string;
  a: ApplicationView;
  today: string;
  failed?: FormState | undefined;
}) {
  const { ctx, a } = p;
  const next = NEXT_STATUS[a.status];
  if (next.length === 0) return null;
  const form: FormState = p.failed ?? {
    values: { status: next[0], on_date: p.today },
    errors: [],
  };
  const f = fieldsFor(ctx, { ...form, idPrefix: `s${a.id.slice(0, 8)}-` });
  return (
    <details class="panel" open={Boolean(p.failed)}>
      <summary>{ctx.t('jobOffers.changeStatus')}</summary>
      <ErrorSummary ctx={ctx} form={{ ...form, idPrefix: `s${a.id.slice(0, 8)}-` }} labels={LABELS} />
      <form
        method="post"
        action={`/job-offers/${p.offerId}/applications/${a.id}/status`}
        novalidate
        data-testid="status-form"
      >
        <Csrf ctx={ctx} />
        <f.Select
          name="status"
          label="jobOffers.newStatus"
          options={next.map((s) => ({ value: s, label: appStatus(ctx, s) }))}
        />
        <f.Text name="on_date" label="jobOffers.statusOn" type="date" />
        <f.Text name="note" label="jobOffers.note" optional maxLength={1000} />
        <button type="submit">{ctx.t('jobOffers.changeStatus')}</button>
      </form>
    </details>
  );
}

export function OfferPage({ ctx, data }: { ctx: ViewCtx; data: OfferPageData }) {
  const o = data.offer;
  const open = o.status === 'open' && data.today <= o.closes_on;
  return (
    <Layout ctx={ctx} title={o.position}>
      <BackLink href="/job-offers" label={ctx.t('jobOffers.title')} />
      <TitleRow title={o.position} testid="offer-position">
        {data.canManage && (
          <a class="button" href={`/job-offers/${o.id}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('jobOffers.partner')}</dt>
        <dd>{o.partner_name}</dd>
        <dt>{ctx.t('jobOffers.place')}</dt>
        <dd>
          {o.place}
          {o.home_based && ` (${ctx.t('jobOffers.homeBased')})`}
        </dd>
        <Fact ctx={ctx} label="jobOffers.pay" value={payText(ctx, o)} />
        <Fact ctx={ctx} label="jobOffers.requirements" value={o.requirements} />
        <Fact ctx={ctx} label="jobOffers.skillArea" value={o.skill_area} />
        <Fact ctx={ctx} label="jobOffers.competencies" value={o.competencies.join(', ')} />
        <dt>{ctx.t('jobOffers.opensOn')}</dt>
        <dd>{formatDay(o.opens_on, ctx.lang)}</dd>
        <dt>{ctx.t('jobOffers.closesOn')}</dt>
        <dd>{formatDay(o.closes_on, ctx.lang)}</dd>
        <dt>{ctx.t('jobOffers.status')}</dt>
        <dd data-testid="offer-status">{ctx.t(`jobOffers.status.${o.status}`)}</dd>
      </dl>

      <h2 id="candidates-h">{ctx.t('jobOffers.candidates')}</h2>
      <p class="hint">
        {ctx.t(data.partnerView ? 'jobOffers.candidatesHintPartner' : 'jobOffers.candidatesHint')}
      </p>
      <DataTable
        ctx={ctx}
        rows={data.candidates}
        testid="candidate-table"
        label={ctx.t('jobOffers.candidates')}
        heads={[
          'jobOffers.person',
          'jobOffers.programmes',
          'jobOffers.match',
          'jobOffers.consent',
          'common.actions',
        ]}
        row={(c) => (
          <tr key={c.inmate_id} data-testid="candidate-row">
            <td>
              {c.name}
              <br />
              <span class="muted">{ctx.t(`jobOffers.personStatus.${c.status as 'active'}`)}</span>
            </td>
            <td>{c.programmes.join(', ') || '—'}</td>
            <td>
              {[c.skill_area ? ctx.t('jobOffers.matchSkill') : '', ...c.competencies]
                .filter(Boolean)
                .join(', ')}
            </td>
            <td>
              <ConsentBadge ctx={ctx} yes={c.cv_consent} />
            </td>
            <td>
              {c.application_status ? (
                appStatus(ctx, c.application_status)
              ) : data.canManage && open && c.cv_consent ? (
                <form method="post" action={`/job-offers/${o.id}/applications`} data-testid="apply-form">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="inmate_id" value={c.inmate_id} />
                  <button type="submit" aria-label={ctx.t('jobOffers.applyFor', { name: c.name })}>
                    {ctx.t('jobOffers.apply')}
                  </button>
                </form>
              ) : (
                '—'
              )}
            </td>
          </tr>
        )}
      />

      <h2>{ctx.t('jobOffers.applications')}</h2>
      {data.applications.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="application-list">
          {data.applications.map((a) => (
            <li key={a.id} class="panel" data-testid="application">
              <p>
                <strong>{a.name}</strong> ·{' '}
                <span class={`badge app-${a.status}`} data-testid="application-status">
                  {appStatus(ctx, a.status)}
                </span>{' '}
                · {formatDay(a.status_on, ctx.lang)}
                {!data.partnerView && (
                  <>
                    {' '}
                    <ConsentBadge ctx={ctx} yes={Boolean(a.cv_consent)} />
                  </>
                )}
              </p>
              {a.cv_consent && (
                <p>
                  <a href={`/job-offers/${o.id}/applications/${a.id}/cv.pdf`} data-testid="application-cv">
                    {ctx.t('jobOffers.cv')}
                  </a>
                </p>
              )}
              <p class="muted">{ctx.t('jobOffers.history')}:</p>
              <ol data-testid="application-events">
                {a.events.map((e, i) => (
                  <li key={i}>
                    {formatDay(e.on_date, ctx.lang)}: {appStatus(ctx, e.status)}
                    {e.note && ` — ${e.note}`}
                  </li>
                ))}
              </ol>
              {data.canManage && (
                <StatusForm
                  ctx={ctx}
                  offerId={o.id}
                  a={a}
                  today={data.today}
                  failed={data.statusForm?.applicationId === a.id ? data.statusForm.form : undefined}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
