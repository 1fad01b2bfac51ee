// Pages of the attendance summaries: the programmes in scope, a programme by participant and by
// month (a table always, a chart drawn from it when scripts run), and the dashboard's panel of
// participants absent several sessions in a row. Session, participant and month pages are beside.
import { asset } from '../../app/assets.ts';
import { formatDayShort, formatMonth, formatNumber } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable } from '../../app/list.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { MarkStatus } from '../../db/schema.ts';
import { MARK_STATUSES, type RateSummary } from '../attendance/attendance.rules.ts';
import {
  type AbsenceAlert,
  MAX_PERIOD_MONTHS,
  type MonthSummary,
  type OverviewRow,
  type ParticipantSummary,
} from './attendance-reports.service.ts';
import { SppnGroupForm } from './attendance-reports.sppn.views.tsx';

type Programme = { id: string; name: string; unit_name: string; partner_name: string | null };

export function monthLabel(month: string, ctx: ViewCtx): string {
  return formatMonth(month, ctx.lang);
}

export function Rate({ ctx, rate }: { ctx: ViewCtx; rate: RateSummary }) {
  return <>{rate.rate === null ? '–' : `${formatNumber(rate.rate, ctx.lang, 1)}%`}</>;
}

export function StatusHeads({ ctx }: { ctx: ViewCtx }) {
  return (
    <>
      {MARK_STATUSES.map((s) => (
        <th scope="col" key={s} class="num">
          {ctx.t(`attReports.status.${s}`)}
        </th>
      ))}
    </>
  );
}

export function StatusCells({ counts }: { counts: Record<MarkStatus, number> }) {
  return (
    <>
      {MARK_STATUSES.map((s) => (
        <td key={s} class="num">
          {counts[s]}
        </td>
      ))}
    </>
  );
}

export function OverviewPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
}: {
  ctx: ViewCtx;
  rows: OverviewRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('attReports.title')}>
      <h1>{ctx.t('attReports.title')}</h1>
      <p class="muted">{ctx.t('attReports.intro')}</p>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="overview-table"
        heads={[
          'attReports.programme',
          'attReports.unit',
          { num: 'attReports.activeParticipants' },
          { num: 'attReports.held' },
          { num: 'attReports.rate' },
        ]}
        row={(r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`/attendance-reports/programmes/${r.id}`}>{r.name}</a>
            </th>
            <td>{r.unit_name}</td>
            <td class="num">{r.participants}</td>
            <td class="num">{r.held}</td>
            <td class="num">
              <Rate ctx={ctx} rate={r.rate} />
            </td>
          </tr>
        )}
      />
      <Pager ctx={ctx} base="/attendance-reports" query={{}} page={page} total={total} pageSize={pageSize} />
    </Layout>
  );
}

export function ProgrammeReportPage(p: {
  ctx: ViewCtx;
  programme: Programme;
  participants: ParticipantSummary[];
  months: MonthSummary[];
  /** The months the report covers ('YYYY-MM', both included; at most MAX_PERIOD_MONTHS). */
  period: { from: string; to: string };
  threshold: number;
  /** The SPPN evidence of the whole group: the month offered first and the inmates' blocks. */
  sppn: { month: string; blocks: readonly string[] };
}) {
  const { ctx, programme } = p;
  const base = `/attendance-reports/programmes/${programme.id}`;
  const periodQuery = `?from=${p.period.from}&to=${p.period.to}`;
  return (
    <Layout ctx={ctx} title={`${ctx.t('attReports.title')} — ${programme.name}`}>
      <p>
        <a href={`/programmes/${programme.id}`}>{programme.name}</a> · {programme.unit_name}
        {programme.partner_name && ` · ${programme.partner_name}`}
      </p>
      <h1>{ctx.t('attReports.title')}</h1>
      <p class="muted">{ctx.t('attReports.intro')}</p>
      <PeriodForm ctx={ctx} action={base} period={p.period} />

      <h2 id="by-month">{ctx.t('attReports.byMonth')}</h2>
      <p>
        <a href={`${base}/months.xlsx${periodQuery}`} data-testid="download-months" download>
          {ctx.t('attReports.downloadMonths')}
        </a>
      </p>
      {p.months.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <figure class="chart" data-chart-for="months-table" aria-hidden="true" hidden>
          <figcaption>
            {ctx.t('attReports.chartTitle')} <span class="muted">{ctx.t('attReports.chartNote')}</span>
          </figcaption>
        </figure>
      )}
      <DataTable
        ctx={ctx}
        rows={p.months}
        none={null}
        id="months-table"
        testid="months-table"
        attrs={{ 'data-chart-label': ctx.t('attReports.rate') }}
        caption={ctx.t('attReports.byMonth')}
        heads={[
          'attReports.month',
          { num: 'attReports.held' },
          { num: 'attReports.cancelled' },
          { num: 'attReports.participants' },
          <StatusHeads key="status" ctx={ctx} />,
          { num: 'attReports.rate' },
        ]}
        row={(m) => (
          <tr key={m.month} data-month={m.month} data-rate={m.rate.rate ?? ''}>
            <th scope="row">{monthLabel(m.month, ctx)}</th>
            <td class="num">{m.held}</td>
            <td class="num">{m.cancelled}</td>
            <td class="num">{m.participants}</td>
            <StatusCells counts={m.counts} />
            <td class="num">
              <Rate ctx={ctx} rate={m.rate} />
            </td>
          </tr>
        )}
      />

      <h2 id="by-participant">{ctx.t('attReports.byParticipant')}</h2>
      <p>
        <a href={`${base}/participants.xlsx${periodQuery}`} data-testid="download-participants" download>
          {ctx.t('attReports.downloadParticipants')}
        </a>
      </p>
      <DataTable
        ctx={ctx}
        rows={p.participants}
        testid="participants-table"
        heads={[
          'attReports.name',
          'attReports.enrolmentStatus',
          <StatusHeads key="status" ctx={ctx} />,
          { num: 'attReports.rate' },
          { num: 'attReports.currentRun' },
          { num: 'attReports.hours' },
        ]}
        row={(r) => (
          <tr key={r.enrolment_id} data-testid={`participant-${r.enrolment_id}`}>
            <th scope="row">
              <a href={`/attendance-reports/enrolments/${r.enrolment_id}`}>{r.name}</a>
              <br />
              <span class="muted">{ctx.t(`enrolments.kind.${r.kind}`)}</span>
            </th>
            <td>{ctx.t(`enrolments.status.${r.enrolment_status}`)}</td>
            <StatusCells counts={r.counts} />
            <td class="num">
              <Rate ctx={ctx} rate={r.rate} />
            </td>
            <td class="num">
              {r.currentRun >= p.threshold ? <strong class="warn">{r.currentRun}</strong> : r.currentRun}
            </td>
            <td class="num">{formatNumber(r.hours, ctx.lang, 1)}</td>
          </tr>
        )}
      />
      <SppnGroupForm ctx={ctx} programmeId={programme.id} month={p.sppn.month} blocks={p.sppn.blocks} />
      {p.months.length > 0 && (
        <>
          <script src="/vendor/chart.umd.js" defer />
          <script src={asset('attendance-chart.js')} defer />
        </>
      )}
    </Layout>
  );
}

/** The report's period: two months, sent as a GET so the page's address keeps it. */
function PeriodForm({
  ctx,
  action,
  period,
}: {
  ctx: ViewCtx;
  action: string;
  period: { from: string; to: string };
}) {
  return (
    <form
      method="get"
      action={action}
      class="inline"
      data-testid="period-form"
      aria-labelledby="period-title"
    >
      <span id="period-title">
        <strong>{ctx.t('attReports.period')}</strong>:{' '}
        {`${monthLabel(period.from, ctx)} – ${monthLabel(period.to, ctx)}`}
      </span>{' '}
      <label for="period-from">{ctx.t('attReports.periodFrom')}</label>{' '}
      <input type="month" id="period-from" name="from" value={period.from} required />{' '}
      <label for="period-to">{ctx.t('attReports.periodTo')}</label>{' '}
      <input type="month" id="period-to" name="to" value={period.to} required />{' '}
      <button type="submit">{ctx.t('attReports.periodShow')}</button>
      <p class="muted">{ctx.t('attReports.periodNote', { n: MAX_PERIOD_MONTHS })}</p>
    </form>
  );
}

/** The dashboard panel: names for those who may see attendance, only a count for everyone else. */
export function AbsenceAlertsPanel({
  ctx,
  threshold,
  items,
  count,
}: {
  ctx: ViewCtx;
  threshold: number;
  items: AbsenceAlert[] | null;
  count: number;
}) {
  return (
    <section class="card wide" aria-labelledby="c-absence" data-testid="absence-alerts">
      <h2 id="c-absence">{ctx.t('attReports.alertTitle')}</h2>
      {count === 0 ? (
        <p>{ctx.t('attReports.alertNone')}</p>
      ) : items === null ? (
        <p data-testid="absence-count">{ctx.t('attReports.alertCount', { n: count, k: threshold })}</p>
      ) : (
        <>
          <p class="muted">{ctx.t('attReports.alertIntro', { n: threshold })}</p>
          <DataTable
            ctx={ctx}
            rows={items}
            class="compact"
            heads={[
              'attReports.name',
              'attReports.programme',
              { num: 'attReports.runLength' },
              'attReports.lastDay',
            ]}
            row={(a) => (
              <tr key={a.enrolment_id} data-testid={`absence-${a.enrolment_id}`}>
                <th scope="row">
                  <a href={`/attendance-reports/enrolments/${a.enrolment_id}`}>{a.name}</a>
                </th>
                <td>
                  <a href={`/attendance-reports/programmes/${a.programme_id}`}>{a.programme_name}</a>
                </td>
                <td class="num">{a.run}</td>
                <td>{formatDayShort(a.lastDay)}</td>
              </tr>
            )}
          />
        </>
      )}
    </section>
  );
}
