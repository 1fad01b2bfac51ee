// A unit's figures for the month as tiles, and its last six months as a table that small charts
// are drawn from (public/dashboard-chart.js): the numbers stay readable without scripts.
import { asset } from '../../app/assets.ts';
import { formatNumber, formatRupiah } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel } from '../production-reports/production-reports.parts.tsx';
import type { MonthFigures, UnitFigures } from './dashboard.service.ts';

/** "87,5%" or "belum ada" when nothing counts yet. */
export function percent(ctx: ViewCtx, rate: number | null): string {
  return rate === null ? ctx.t('dashboard.figures.none') : `${formatNumber(rate, ctx.lang, 1)}%`;
}

/** The month's figures as a definition list (the office cards) or as tiles. */
export function FigureList({
  ctx,
  f,
}: {
  ctx: ViewCtx;
  f: MonthFigures & { participants: number; premi: number | null };
}) {
  return (
    <dl class="figures">
      <div>
        <dt>{ctx.t('dashboard.figures.participants')}</dt>
        <dd data-testid="figure-participants">{formatNumber(f.participants, ctx.lang)}</dd>
      </div>
      <div>
        <dt>{ctx.t('dashboard.figures.held')}</dt>
        <dd data-testid="figure-held">
          {formatNumber(f.held, ctx.lang)}{' '}
          <span class="muted">
            ({ctx.t('dashboard.figures.cancelled', { n: formatNumber(f.cancelled, ctx.lang) })})
          </span>
        </dd>
      </div>
      <div>
        <dt>{ctx.t('dashboard.figures.attendance')}</dt>
        <dd data-testid="figure-attendance">{percent(ctx, f.attendance.rate)}</dd>
      </div>
      <div>
        <dt>{ctx.t('dashboard.figures.certificates')}</dt>
        <dd data-testid="figure-certificates">{formatNumber(f.certificates, ctx.lang)}</dd>
      </div>
      <div>
        <dt>{ctx.t('dashboard.figures.value')}</dt>
        <dd data-testid="figure-value">{formatRupiah(f.value)}</dd>
      </div>
      <div>
        <dt>{ctx.t('dashboard.figures.passRate')}</dt>
        <dd data-testid="figure-pass-rate">{percent(ctx, f.passRate)}</dd>
      </div>
      {f.premi !== null && (
        <div>
          <dt>{ctx.t('dashboard.figures.premi')}</dt>
          <dd data-testid="figure-premi">{formatRupiah(f.premi)}</dd>
        </div>
      )}
    </dl>
  );
}

/** The kepala's (and an office's view of one unit) figures: this month, then six months with charts. */
export function FiguresPanel({ ctx, f }: { ctx: ViewCtx; f: UnitFigures }) {
  const labels = f.history.map((h) => monthLabel(h.month, ctx.lang));
  const chart = {
    labels,
    sessions: {
      title: ctx.t('dashboard.history.sessionsChart'),
      series: [
        { label: ctx.t('dashboard.figures.held'), data: f.history.map((h) => h.held), color: '#2f6f4f' },
        {
          label: ctx.t('dashboard.history.cancelled'),
          data: f.history.map((h) => h.cancelled),
          color: '#c9a227',
        },
      ],
    },
    attendance: {
      title: ctx.t('dashboard.history.attendanceChart'),
      series: [
        {
          label: ctx.t('dashboard.figures.attendance'),
          data: f.history.map((h) => h.attendance.rate),
          color: '#2f6f4f',
        },
      ],
    },
  };
  return (
    <section class="card wide" aria-labelledby="c-figures" data-testid="unit-figures">
      <h2 id="c-figures">{ctx.t('dashboard.figures.title', { month: monthLabel(f.month, ctx.lang) })}</h2>
      <FigureList ctx={ctx} f={f} />
      <h3 id="c-history">{ctx.t('dashboard.history.title')}</h3>
      <div class="chart-pair">
        <figure class="chart small" data-dashboard-chart="sessions" aria-hidden="true" hidden>
          <figcaption>{chart.sessions.title}</figcaption>
        </figure>
        <figure class="chart small" data-dashboard-chart="attendance" aria-hidden="true" hidden>
          <figcaption>{chart.attendance.title}</figcaption>
        </figure>
      </div>
      {/* A labelled region the keyboard can reach, so the table scrolls sideways on a phone. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section class="table-wrap" aria-labelledby="c-history" tabIndex={0}>
        <table data-testid="figures-history">
          <thead>
            <tr>
              <th scope="col">{ctx.t('dashboard.history.month')}</th>
              <th scope="col" class="num">
                {ctx.t('dashboard.figures.held')}
              </th>
              <th scope="col" class="num">
                {ctx.t('dashboard.history.cancelled')}
              </th>
              <th scope="col" class="num">
                {ctx.t('dashboard.figures.attendance')}
              </th>
              <th scope="col" class="num">
                {ctx.t('dashboard.figures.certificates')}
              </th>
              <th scope="col" class="num">
                {ctx.t('dashboard.figures.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.history.map((h, i) => (
              <tr key={h.month}>
                <th scope="row">{labels[i]}</th>
                <td class="num">{formatNumber(h.held, ctx.lang)}</td>
                <td class="num">{formatNumber(h.cancelled, ctx.lang)}</td>
                <td class="num">{percent(ctx, h.attendance.rate)}</td>
                <td class="num">{formatNumber(h.certificates, ctx.lang)}</td>
                <td class="num">{formatRupiah(h.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <script
        type="application/json"
        id="dashboard-chart-data"
        // JSON inside a script element: `<` escaped so no text can close the element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(chart).replace(/</g, '\\u003c') }}
      />
      <script src="/vendor/chart.umd.js" defer />
      <script src={asset('dashboard-chart.js')} defer />
    </section>
  );
}
