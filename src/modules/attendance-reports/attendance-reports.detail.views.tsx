// Pages of one session's summary, one participant's record in a programme, and an inmate's month
// of participation across programmes (with its XLSX and PDF exports).

import { formatDay, formatDayShort, formatNumber, formatTime } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { MARK_STATUSES } from '../attendance/attendance.rules.ts';
import type { inmateMonth, participantRecord, sessionSummary } from './attendance-reports.service.ts';
import { monthLabel, Rate, StatusCells, StatusHeads } from './attendance-reports.views.tsx';

export function SessionSummaryPage({
  ctx,
  d,
}: {
  ctx: ViewCtx;
  d: Awaited<ReturnType<typeof sessionSummary>>;
}) {
  const s = d.session;
  const zone = s.timezone;
  return (
    <Layout ctx={ctx} title={`${ctx.t('attReports.sessionTitle')} — ${s.programme_name}`}>
      <p>
        <a href={`/attendance-reports/programmes/${s.programme_id}`}>{s.programme_name}</a>
      </p>
      <h1>{ctx.t('attReports.sessionTitle')}</h1>
      <p data-testid="session-when">
        {formatDay(s.day, ctx.lang)}, {formatTime(s.starts_at, zone, ctx.lang)}–
        {formatTime(s.ends_at, zone, ctx.lang)}
      </p>
      {s.status === 'cancelled' ? (
        <p class="flash" data-testid="session-cancelled">
          {ctx.t('attReports.sessionCancelled', { reason: s.cancel_reason ?? '' })}
        </p>
      ) : (
        <>
          <dl class="facts" data-testid="session-counts">
            <dt>{ctx.t('attReports.roster')}</dt>
            <dd>{d.roster.length}</dd>
            {MARK_STATUSES.map((st) => (
              <>
                <dt key={`t${st}`}>{ctx.t(`attReports.status.${st}`)}</dt>
                <dd key={`d${st}`} data-testid={`count-${st}`}>
                  {d.counts[st]}
                </dd>
              </>
            ))}
            <dt>{ctx.t('attReports.unmarked')}</dt>
            <dd data-testid="count-unmarked">{d.unmarked}</dd>
            <dt>{ctx.t('attReports.rate')}</dt>
            <dd data-testid="session-rate">
              <Rate ctx={ctx} rate={d.rate} />
            </dd>
          </dl>
          <h2>{ctx.t('attReports.absentList')}</h2>
          {d.absent.length === 0 ? (
            <p>{ctx.t('attReports.nobodyAbsent')}</p>
          ) : (
            <ul data-testid="absent-list">
              {d.absent.map((r) => (
                <li key={r.enrolment_id}>
                  <a href={`/attendance-reports/enrolments/${r.enrolment_id}`}>{r.name}</a> —{' '}
                  {r.status && ctx.t(`attReports.status.${r.status}`)}
                  {r.note && <span class="muted"> ({r.note})</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}

export function ParticipantPage({
  ctx,
  d,
  month,
}: {
  ctx: ViewCtx;
  d: Awaited<ReturnType<typeof participantRecord>>;
  month: string;
}) {
  const { programme, summary: r } = d;
  return (
    <Layout ctx={ctx} title={`${r.name} — ${programme.name}`}>
      <p>
        <a href={`/attendance-reports/programmes/${programme.id}`}>{programme.name}</a>
      </p>
      <h1>{r.name}</h1>
      <p class="muted">
        {ctx.t(`enrolments.kind.${r.kind}`)} · {ctx.t(`enrolments.status.${r.enrolment_status}`)}
      </p>
      <dl class="facts" data-testid="participant-summary">
        <dt>{ctx.t('attReports.rate')}</dt>
        <dd data-testid="participant-rate">
          <Rate ctx={ctx} rate={r.rate} />
        </dd>
        <dt>{ctx.t('attReports.counted')}</dt>
        <dd>{r.rate.counted}</dd>
        {MARK_STATUSES.map((st) => (
          <>
            <dt key={`t${st}`}>{ctx.t(`attReports.status.${st}`)}</dt>
            <dd key={`d${st}`}>{r.counts[st]}</dd>
          </>
        ))}
        <dt>{ctx.t('attReports.currentRun')}</dt>
        <dd data-testid="participant-run">{r.currentRun}</dd>
        <dt>{ctx.t('attReports.longestRun')}</dt>
        <dd>{r.longestRun}</dd>
        <dt>{ctx.t('attReports.hours')}</dt>
        <dd>{formatNumber(r.hours, ctx.lang, 1)}</dd>
      </dl>
      {r.inmate_id && (
        <p>
          <a href={`/attendance-reports/inmates/${r.inmate_id}?month=${month}`} data-testid="monthly-link">
            {ctx.t('attReports.monthly')}
          </a>
          {ctx.can('inmates.view') && (
            <>
              {' · '}
              <a href={`/inmates/${r.inmate_id}`}>{ctx.t('attReports.inmateRecord')}</a>
            </>
          )}
        </p>
      )}
      {r.marks.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('attReports.sessions')}>
          <table data-testid="marks-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('attReports.day')}</th>
                <th scope="col">{ctx.t('attReports.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...r.marks].reverse().map((m) => (
                <tr key={m.day}>
                  <td>{formatDayShort(m.day)}</td>
                  <td>{ctx.t(`attReports.status.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function InmateMonthPage({ ctx, d }: { ctx: ViewCtx; d: Awaited<ReturnType<typeof inmateMonth>> }) {
  const zone = d.inmate.timezone;
  const base = `/attendance-reports/inmates/${d.inmate.id}`;
  return (
    <Layout
      ctx={ctx}
      title={`${ctx.t(d.sppn ? 'attReports.monthly' : 'attReports.monthlyPlain')} — ${d.inmate.name}`}
    >
      <h1>{ctx.t(d.sppn ? 'attReports.monthlyTitle' : 'attReports.monthlyPlain')}</h1>
      {d.sppn ? (
        <p class="muted">{ctx.t('attReports.monthlyIntro')}</p>
      ) : (
        <p class="notice" data-testid="sppn-narapidana-only">
          {ctx.t('attReports.sppnNarapidanaOnly')}
        </p>
      )}
      <p>
        <strong>{d.inmate.name}</strong> · {d.inmate.reg_number} · {d.inmate.unit_name}
      </p>
      <form method="get" action={base} class="inline">
        <label for="month">{ctx.t('attReports.month')}</label>{' '}
        <input type="month" id="month" name="month" value={d.month} required />{' '}
        <button type="submit">{ctx.t('attReports.show')}</button>
      </form>
      {d.sppn && (
        <p>
          <a href={`${base}/participation.xlsx?month=${d.month}`} data-testid="download-monthly" download>
            {ctx.t('attReports.downloadMonthly')}
          </a>
          {' · '}
          <a href={`${base}/participation.pdf?month=${d.month}`} data-testid="download-monthly-pdf" download>
            {ctx.t('attReports.downloadMonthlyPdf')}
          </a>
        </p>
      )}
      <h2>
        {ctx.t('attReports.totals')} — {monthLabel(d.month, ctx)}
      </h2>
      {d.programmes.length === 0 ? (
        <p>{ctx.t('attReports.noSessions')}</p>
      ) : (
        <>
          <ScrollRegion label={ctx.t('attReports.totals')}>
            <table data-testid="monthly-totals">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('attReports.programme')}</th>
                  <th scope="col" class="num">
                    {ctx.t('attReports.sessions')}
                  </th>
                  <StatusHeads ctx={ctx} />
                  <th scope="col" class="num">
                    {ctx.t('attReports.rate')}
                  </th>
                  <th scope="col" class="num">
                    {ctx.t('attReports.hours')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.programmes.map((p) => (
                  <tr key={p.programme_id}>
                    <th scope="row">{p.programme_name}</th>
                    <td class="num">{p.sessions}</td>
                    <StatusCells counts={p.counts} />
                    <td class="num">
                      <Rate ctx={ctx} rate={p.rate} />
                    </td>
                    <td class="num">{formatNumber(p.hours, ctx.lang, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h2>{ctx.t('attReports.sessions')}</h2>
          <ScrollRegion label={ctx.t('attReports.sessions')}>
            <table data-testid="monthly-sessions">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('attReports.day')}</th>
                  <th scope="col">{ctx.t('attReports.programme')}</th>
                  <th scope="col">{ctx.t('attReports.status')}</th>
                  <th scope="col">{ctx.t('attReports.topic')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={`${r.session_id}${r.programme_id}`}>
                    <td>
                      {formatDay(r.day, ctx.lang)}
                      <br />
                      <span class="muted">
                        {formatTime(r.starts_at, zone, ctx.lang)}–{formatTime(r.ends_at, zone, ctx.lang)}
                      </span>
                    </td>
                    <td>{r.programme_name}</td>
                    <td>
                      {r.session_status === 'cancelled'
                        ? ctx.t('attReports.sessionStatus.cancelled')
                        : r.mark
                          ? ctx.t(`attReports.status.${r.mark}`)
                          : ctx.t('attReports.unmarked')}
                    </td>
                    <td>{r.topic ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {d.production && (
        <section aria-labelledby="monthly-production" data-testid="monthly-production">
          <h2 id="monthly-production">{ctx.t('prodReports.sppnTitle')}</h2>
          {d.production.length === 0 ? (
            <p>{ctx.t('prodReports.sppnNone')}</p>
          ) : (
            <ScrollRegion labelledby="monthly-production">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('attReports.programme')}</th>
                    <th scope="col" class="num">
                      {ctx.t('prodReports.finished')}
                    </th>
                    <th scope="col" class="num">
                      {ctx.t('prodReports.passed')}
                    </th>
                    <th scope="col" class="num">
                      {ctx.t('prodReports.rejected')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.production.map((p) => (
                    <tr key={p.programme_id}>
                      <th scope="row">{p.programme_name}</th>
                      <td class="num">{p.finished}</td>
                      <td class="num">{p.passed}</td>
                      <td class="num">{p.rejected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      )}
    </Layout>
  );
}
