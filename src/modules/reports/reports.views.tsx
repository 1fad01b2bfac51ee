// The reports pages: the list (the unit's last 12 months with their status, or the Kanwil's inbox
// of its region's submitted reports with counts per status) and one report's page (its figures,
// narrative, signature, review, revision and every version of the unit-month).
import { type Ask, ConfirmForm } from '../../app/confirm.tsx';
import { formatDay } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextArea, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { MonthlyReportStatus } from '../../db/schema.ts';
import { FiguresView, monthLabel, StatusBadge } from './reports.parts.tsx';
import type { ReportsMay } from './reports.policy.ts';
import { monthOf } from './reports.rules.ts';
import { STATUSES } from './reports.schema.ts';
import type { LatestReportRow, MonthRow, ReportDetail, ReportStatus } from './reports.service.ts';

function Due({ ctx, s }: { ctx: ViewCtx; s: ReportStatus }) {
  return (
    <>
      {formatDay(s.dueOn, ctx.lang)}
      {s.late && (
        <>
          {' '}
          <span class="badge off" data-testid="report-late">
            {ctx.t('reports.late')}
          </span>
        </>
      )}
    </>
  );
}

export function UnitReportsPage(p: {
  ctx: ViewCtx;
  may: ReportsMay;
  units: Array<{ unitId: string; unitName: string; months: MonthRow[] }>;
  draft: FormState;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('reports.title')}>
      <TitleRow title={ctx.t('reports.title')} />
      <p class="muted">{ctx.t('reports.intro')}</p>
      <ErrorSummary ctx={ctx} form={p.draft} labels={{ month: 'reports.month', unit_id: 'reports.unit' }} />
      {p.units.map((u) => (
        <section key={u.unitId} aria-labelledby={`unit-${u.unitId}`}>
          {p.units.length > 1 && <h2 id={`unit-${u.unitId}`}>{u.unitName}</h2>}
          <DataTable
            ctx={ctx}
            rows={u.months}
            testid="report-months"
            label={u.unitName}
            heads={['reports.month', 'reports.statusLabel', 'reports.dueOn', 'reports.actions']}
            row={(r) => (
              <tr key={r.month} data-testid={`month-${r.month}`}>
                <td>{monthLabel(r.month, ctx.lang)}</td>
                <td>
                  <StatusBadge ctx={ctx} status={r.status.status} />
                  {r.report && r.report.version > 1 && (
                    <span class="muted"> {ctx.t('reports.versionN', { n: r.report.version })}</span>
                  )}
                </td>
                <td>
                  <Due ctx={ctx} s={r.status} />
                </td>
                <td>
                  {r.report ? (
                    <a href={`/reports/${r.report.id}`} data-testid="report-open">
                      {ctx.t('reports.open')}
                    </a>
                  ) : (
                    p.may.draft && (
                      <form method="post" action="/reports" class="inline" data-testid="report-draft-form">
                        <Csrf ctx={ctx} />
                        <input type="hidden" name="unit_id" value={u.unitId} />
                        <input type="hidden" name="month" value={r.month} />
                        <button type="submit" data-testid="report-draft">
                          {ctx.t('reports.draftAction')}
                          <span class="sr-only"> {monthLabel(r.month, ctx.lang)}</span>
                        </button>
                      </form>
                    )
                  )}
                </td>
              </tr>
            )}
          />
        </section>
      ))}
    </Layout>
  );
}

export function InboxPage(p: {
  ctx: ViewCtx;
  rows: Array<LatestReportRow & { due: ReportStatus }>;
  counts: Partial<Record<MonthlyReportStatus, number>>;
  query: { month?: string | undefined; status?: string | undefined };
}) {
  const { ctx, query } = p;
  const visible = STATUSES.filter((s) => s !== 'draft');
  return (
    <Layout ctx={ctx} title={ctx.t('reports.inboxTitle')}>
      <TitleRow title={ctx.t('reports.inboxTitle')} />
      <p class="muted">{ctx.t('reports.inboxIntro')}</p>
      <form method="get" action="/reports" class="filters" data-testid="report-filters">
        <label>
          {ctx.t('reports.month')}
          <input type="month" name="month" value={query.month ?? ''} />
        </label>
        <label>
          {ctx.t('reports.statusLabel')}
          <select name="status">
            <option value="">{ctx.t('reports.allStatuses')}</option>
            {visible.map((s) => (
              <option key={s} value={s} selected={query.status === s}>
                {ctx.t(`reports.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{ctx.t('reports.filter')}</button>
      </form>
      <div class="cards" data-testid="report-counts">
        {visible.map((s) => (
          <div class="card" key={s}>
            <h3>{ctx.t(`reports.status.${s}`)}</h3>
            <p class="big" data-testid={`count-${s}`}>
              {p.counts[s] ?? 0}
            </p>
          </div>
        ))}
      </div>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="report-inbox"
        heads={[
          'reports.unit',
          'reports.month',
          'reports.statusLabel',
          'reports.submittedAt',
          'reports.dueOn',
        ]}
        row={(r) => (
          <tr key={r.id} data-testid={`inbox-${r.id}`}>
            <td>
              <a href={`/reports/${r.id}`}>{r.unit_name}</a>
            </td>
            <td>{monthLabel(monthOf(r.month), ctx.lang)}</td>
            <td>
              <StatusBadge ctx={ctx} status={r.status} />
              {r.version > 1 && <span class="muted"> {ctx.t('reports.versionN', { n: r.version })}</span>}
            </td>
            <td>{r.submitted_at ? ctx.dateTime(r.submitted_at) : '—'}</td>
            <td>
              <Due ctx={ctx} s={r.due} />
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}

export interface ReportForms {
  narrative: FormState;
  submit: FormState;
  review: FormState;
  revise: FormState;
}

export function submitAsk(ctx: ViewCtx, unitName: string, month: string): Ask {
  return {
    question: ctx.t('reports.submitAsk', { unit: unitName, month: monthLabel(month, ctx.lang) }),
    consequences: [ctx.t('reports.submitFreezes'), ctx.t('reports.submitKanwil')],
    yes: ctx.t('reports.submit'),
  };
}

export function ReportPage(p: {
  ctx: ViewCtx;
  d: ReportDetail;
  may: ReportsMay;
  forms: ReportForms;
  today: string;
}) {
  const { ctx, d } = p;
  const r = d.report;
  const month = monthOf(r.month);
  const title = `${ctx.t('reports.docTitle')} — ${r.unit_name}, ${monthLabel(month, ctx.lang)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/reports" label={ctx.t('reports.title')} />
      <h1 data-testid="report-title">{title}</h1>
      <p>
        <StatusBadge ctx={ctx} status={r.status} /> {ctx.t('reports.versionN', { n: r.version })}
      </p>
      <dl class="facts" data-testid="report-facts">
        {r.revision_reason && (
          <>
            <dt>{ctx.t('reports.revisionReason')}</dt>
            <dd data-testid="report-revision-reason">{r.revision_reason}</dd>
          </>
        )}
        {r.signed_by_name && r.signed_on && (
          <>
            <dt>{ctx.t('reports.signedBy')}</dt>
            <dd data-testid="report-signed">
              {r.signed_by_name} · {formatDay(r.signed_on, ctx.lang)}
            </dd>
          </>
        )}
        {r.reviewed_at && (
          <>
            <dt>{ctx.t(r.status === 'returned' ? 'reports.returnedBy' : 'reports.acknowledgedBy')}</dt>
            <dd>
              {r.reviewed_by_name ?? '—'} · {ctx.dateTime(r.reviewed_at)}
            </dd>
          </>
        )}
        {r.review_note && (
          <>
            <dt>{ctx.t('reports.reviewNote')}</dt>
            <dd data-testid="report-review-note">{r.review_note}</dd>
          </>
        )}
      </dl>
      <p class={d.live ? 'notice' : 'muted'} data-testid="report-freshness">
        {d.live
          ? d.figures.computedAt
            ? ctx.t('reports.liveAt', { at: ctx.dateTime(new Date(d.figures.computedAt)) })
            : ctx.t('reports.liveEmpty')
          : ctx.t('reports.frozenOn', { day: formatDay(r.signed_on ?? '', ctx.lang) })}
      </p>
      <p class="actions">
        <a class="button" href={`/reports/${r.id}/report.pdf`} data-testid="report-pdf">
          {ctx.t('reports.pdf')}
        </a>{' '}
        <a class="button" href={`/reports/${r.id}/report.xlsx`} data-testid="report-xlsx">
          {ctx.t('reports.xlsx')}
        </a>
      </p>
      <FiguresView ctx={ctx} f={d.figures} premi={p.may.premi} />
      <Narrative {...p} />
      <Actions {...p} />
      <Versions ctx={ctx} d={d} />
    </Layout>
  );
}

function Narrative(p: { ctx: ViewCtx; d: ReportDetail; may: ReportsMay; forms: ReportForms }) {
  const { ctx, d } = p;
  const r = d.report;
  if (r.status === 'draft' && p.may.draft)
    return (
      <section aria-labelledby="narrative">
        <h2 id="narrative">{ctx.t('reports.narrative')}</h2>
        <ErrorSummary ctx={ctx} form={p.forms.narrative} labels={{ narrative: 'reports.narrative' }} />
        <form method="post" action={`/reports/${r.id}/narrative`} novalidate data-testid="narrative-form">
          <Csrf ctx={ctx} />
          <TextArea
            ctx={ctx}
            form={p.forms.narrative}
            name="narrative"
            label="reports.narrative"
            hint="reports.narrativeHint"
            rows={10}
            optional={false}
            maxLength={20000}
          />
          <button type="submit" data-testid="narrative-save">
            {ctx.t('reports.saveNarrative')}
          </button>
        </form>
      </section>
    );
  return (
    <section aria-labelledby="narrative">
      <h2 id="narrative">{ctx.t('reports.narrative')}</h2>
      <div data-testid="report-narrative">
        {r.narrative ? r.narrative.split(/\n{2,}/).map((para) => <p key={para}>{para}</p>) : <p>—</p>}
      </div>
    </section>
  );
}

function Actions(p: { ctx: ViewCtx; d: ReportDetail; may: ReportsMay; forms: ReportForms; today: string }) {
  const { ctx, d } = p;
  const r = d.report;
  const month = monthOf(r.month);
  return (
    <>
      {r.status === 'draft' && p.may.submit && (
        <section aria-labelledby="sign">
          <h2 id="sign">{ctx.t('reports.signTitle')}</h2>
          <p class="muted">{ctx.t('reports.signIntro')}</p>
          <ErrorSummary
            ctx={ctx}
            form={p.forms.submit}
            labels={{ signed_on: 'reports.signedOn', narrative: 'reports.narrative' }}
          />
          <ConfirmForm
            ctx={ctx}
            action={`/reports/${r.id}/submit`}
            testid="submit-form"
            ask={submitAsk(ctx, r.unit_name, month)}
          >
            <TextField
              ctx={ctx}
              form={{ ...p.forms.submit, values: { signed_on: p.today, ...p.forms.submit.values } }}
              name="signed_on"
              label="reports.signedOn"
              type="date"
            />
            <button type="submit" class="primary" data-testid="report-submit">
              {ctx.t('reports.submit')}
            </button>
          </ConfirmForm>
        </section>
      )}
      {r.status === 'draft' && !p.may.submit && p.may.draft && (
        <p class="muted" data-testid="report-awaits-kepala">
          {ctx.t('reports.awaitsKepala')}
        </p>
      )}
      {r.status === 'submitted' && p.may.review && (
        <section aria-labelledby="review">
          <h2 id="review">{ctx.t('reports.reviewTitle')}</h2>
          <ErrorSummary ctx={ctx} form={p.forms.review} labels={{ note: 'reports.reviewNote' }} />
          <form method="post" action={`/reports/${r.id}/acknowledge`} novalidate data-testid="review-form">
            <Csrf ctx={ctx} />
            <TextArea
              ctx={ctx}
              form={p.forms.review}
              name="note"
              label="reports.reviewNote"
              hint="reports.reviewHint"
              maxLength={2000}
            />
            <div class="actions">
              <button type="submit" class="primary" data-testid="report-acknowledge">
                {ctx.t('reports.acknowledge')}
              </button>{' '}
              <button type="submit" formaction={`/reports/${r.id}/return`} data-testid="report-return">
                {ctx.t('reports.return')}
              </button>
            </div>
          </form>
        </section>
      )}
      {d.latest && r.status !== 'draft' && p.may.draft && (
        <details class="panel" open={p.forms.revise.errors.length > 0 || r.status === 'returned'}>
          <summary>{ctx.t('reports.revise')}</summary>
          <p class="muted">{ctx.t('reports.reviseIntro')}</p>
          <ErrorSummary ctx={ctx} form={p.forms.revise} labels={{ reason: 'reports.revisionReason' }} />
          <form method="post" action={`/reports/${r.id}/revise`} novalidate data-testid="revise-form">
            <Csrf ctx={ctx} />
            <TextArea
              ctx={ctx}
              form={p.forms.revise}
              name="reason"
              label="reports.revisionReason"
              optional={false}
              maxLength={2000}
            />
            <button type="submit" data-testid="report-revise">
              {ctx.t('reports.revise')}
            </button>
          </form>
        </details>
      )}
    </>
  );
}

function Versions({ ctx, d }: { ctx: ViewCtx; d: ReportDetail }) {
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{ctx.t('reports.versions')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.versions}
        testid="report-versions"
        heads={['reports.version', 'reports.statusLabel', 'reports.submittedAt', 'reports.revisionReason']}
        row={(v) => (
          <tr key={v.id} data-testid={`version-${v.version}`} data-status={v.status}>
            <td>
              {v.id === d.report.id ? (
                <strong aria-current="page">{ctx.t('reports.versionN', { n: v.version })}</strong>
              ) : (
                <a href={`/reports/${v.id}`}>{ctx.t('reports.versionN', { n: v.version })}</a>
              )}
            </td>
            <td>
              <StatusBadge ctx={ctx} status={v.status} />
              {v.review_note && <div class="muted">{v.review_note}</div>}
            </td>
            <td>{v.submitted_at ? ctx.dateTime(v.submitted_at) : '—'}</td>
            <td>{v.revision_reason ?? '—'}</td>
          </tr>
        )}
      />
    </section>
  );
}
