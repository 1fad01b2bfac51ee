// The production report pages about production itself: per programme in a month with a chart of
// twelve months for each (the tables stay as the accessible version; the chart is drawn from the
// JSON beside them when scripts run), and per participant (names: production.view only).
import { asset } from '../../app/assets.ts';
import { formatRupiah } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import {
  Download,
  MonthForm,
  monthLabel,
  query,
  Rate,
  ReportLinks,
  shortMonth,
  type UnitOption,
} from './production-reports.parts.tsx';
import type { Figures, participantsReport, programmesReport } from './production-reports.service.ts';

function FigureCells({ ctx, f }: { ctx: ViewCtx; f: Figures }) {
  return (
    <>
      <td class="num">{f.finished}</td>
      <td class="num">{f.sent}</td>
      <td class="num">{f.passed}</td>
      <td class="num">{f.rejected}</td>
      <td class="num">
        <Rate ctx={ctx} rate={f.pass_rate} />
      </td>
      <td class="num">{formatRupiah(f.value)}</td>
      <td class="num">{f.own_stock}</td>
    </>
  );
}

const FIGURE_HEADS = [
  { num: 'prodReports.finished' },
  { num: 'prodReports.sent' },
  { num: 'prodReports.passed' },
  { num: 'prodReports.rejected' },
  { num: 'prodReports.passRate' },
  { num: 'prodReports.value' },
  { num: 'prodReports.ownStock' },
] as const;

/** JSON for the charts, safe inside a script element (no "</script>" can end it early). */
function chartJson(d: Awaited<ReturnType<typeof programmesReport>>, ctx: ViewCtx): string {
  const data = {
    labels: d.months.map((m) => shortMonth(m, ctx.lang)),
    series: { finished: ctx.t('prodReports.finished'), passed: ctx.t('prodReports.passed') },
    programmes: d.programmes.map((p) => ({
      id: p.programme_id,
      finished: p.history.map((h) => h.finished),
      passed: p.history.map((h) => h.passed),
    })),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function ProgrammesPage(p: {
  ctx: ViewCtx;
  d: Awaited<ReturnType<typeof programmesReport>>;
  units: UnitOption[] | null;
}) {
  const { ctx, d } = p;
  const label = monthLabel(d.month, ctx.lang);
  const several = !d.place.unit && (p.units?.length ?? 0) > 1;
  const q = query({ month: d.month, unit_id: d.place.unit?.id });
  return (
    <Layout ctx={ctx} title={ctx.t('prodReports.title')}>
      <h1 data-testid="production-reports-title">{ctx.t('prodReports.title')}</h1>
      <p class="muted">{d.place.name ?? ctx.t('prodReports.allUnits')}</p>
      <ReportLinks ctx={ctx} current="/production-reports" />
      <MonthForm
        ctx={ctx}
        action="/production-reports"
        month={d.month}
        unitId={d.place.unit?.id}
        units={p.units}
      />
      <p class="muted">{ctx.t('prodReports.intro')}</p>

      <h2 id="by-programme">
        {ctx.t('prodReports.byProgramme')} — {label}
      </h2>
      <Download ctx={ctx} href={`/production-reports/programmes.xlsx${q}`} testid="download-programmes" />
      <DataTable
        ctx={ctx}
        rows={d.programmes}
        none="prodReports.noProduction"
        testid="programmes-table"
        heads={[
          'prodReports.programme',
          ...(several ? (['prodReports.unit'] as const) : []),
          ...FIGURE_HEADS,
        ]}
        row={(r) => (
          <tr key={r.programme_id} data-testid={`programme-${r.programme_id}`}>
            <th scope="row">
              <a href={`#history-${r.programme_id}`}>{r.programme_name}</a>
            </th>
            {several && <td>{r.unit_name}</td>}
            <FigureCells ctx={ctx} f={r.month} />
          </tr>
        )}
      />
      {d.programmes.length > 1 && (
        <p data-testid="programmes-total">
          <strong>{ctx.t('prodReports.total')}</strong>: {ctx.t('prodReports.finished')} {d.totals.finished} ·{' '}
          {ctx.t('prodReports.passed')} {d.totals.passed} · {ctx.t('prodReports.rejected')}{' '}
          {d.totals.rejected} · {ctx.t('prodReports.passRate')} <Rate ctx={ctx} rate={d.totals.pass_rate} /> ·{' '}
          {ctx.t('prodReports.value')} {formatRupiah(d.totals.value)}
        </p>
      )}

      {d.programmes.length > 0 && <h2 id="history">{ctx.t('prodReports.history')}</h2>}
      {d.programmes.map((r) => (
        <section key={r.programme_id} aria-labelledby={`history-${r.programme_id}`}>
          <h3 id={`history-${r.programme_id}`}>
            {r.programme_name}
            {several && <span class="muted"> · {r.unit_name}</span>}
          </h3>
          <figure class="chart" data-production-chart={r.programme_id} aria-hidden="true" hidden>
            <figcaption>
              {ctx.t('prodReports.chartTitle')} <span class="muted">{ctx.t('prodReports.chartNote')}</span>
            </figcaption>
          </figure>
          <DataTable
            ctx={ctx}
            rows={r.history}
            testid={`history-table-${r.programme_id}`}
            heads={['prodReports.month', ...FIGURE_HEADS]}
            row={(h) => (
              <tr key={h.month}>
                <th scope="row">{monthLabel(h.month, ctx.lang)}</th>
                <FigureCells ctx={ctx} f={h} />
              </tr>
            )}
          />
        </section>
      ))}
      {d.programmes.length > 0 && (
        <>
          <script
            type="application/json"
            id="production-chart-data"
            dangerouslySetInnerHTML={{ __html: chartJson(d, ctx) }}
          />
          <script src="/vendor/chart.umd.js" defer />
          <script src={asset('production-chart.js')} defer />
        </>
      )}
    </Layout>
  );
}

export function ParticipantsPage(p: { ctx: ViewCtx; d: Awaited<ReturnType<typeof participantsReport>> }) {
  const { ctx, d } = p;
  const q = query({ month: d.month, unit_id: d.place.unit?.id, programme_id: d.programmeId });
  const sppn = ctx.can('attendance.view');
  return (
    <Layout ctx={ctx} title={ctx.t('prodReports.participants')}>
      <h1 data-testid="participants-title">{ctx.t('prodReports.participants')}</h1>
      <p class="muted">{d.place.name ?? ctx.t('prodReports.allUnits')}</p>
      <ReportLinks ctx={ctx} current="/production-reports/participants" />
      <MonthForm
        ctx={ctx}
        action="/production-reports/participants"
        month={d.month}
        unitId={d.place.unit?.id}
      >
        <label>
          {ctx.t('prodReports.programme')}
          <select name="programme_id">
            <option value="">{ctx.t('common.all')}</option>
            {d.programmes.map((o) => (
              <option key={o.id} value={o.id} selected={d.programmeId === o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </MonthForm>
      <p class="muted">{ctx.t('prodReports.participantsIntro')}</p>
      <h2>{monthLabel(d.month, ctx.lang)}</h2>
      <Download ctx={ctx} href={`/production-reports/participants.xlsx${q}`} testid="download-participants" />
      <DataTable
        ctx={ctx}
        rows={d.rows}
        none="prodReports.noProduction"
        testid="participants-table"
        heads={[
          'prodReports.name',
          'prodReports.programme',
          { num: 'prodReports.finished' },
          { num: 'prodReports.passed' },
          { num: 'prodReports.rejected' },
          { num: 'prodReports.value' },
        ]}
        row={(r) => (
          <tr key={r.enrolment_id} data-testid={`participant-${r.enrolment_id}`}>
            <th scope="row">
              {sppn && r.inmate_id ? (
                <a href={`/attendance-reports/inmates/${r.inmate_id}?month=${d.month}`}>{r.name}</a>
              ) : (
                r.name
              )}
              {r.reg_number && (
                <>
                  <br />
                  <span class="muted">{r.reg_number}</span>
                </>
              )}
            </th>
            <td>{r.programme_name}</td>
            <td class="num">{r.finished}</td>
            <td class="num">{r.passed}</td>
            <td class="num">{r.rejected}</td>
            <td class="num">{formatRupiah(r.value)}</td>
          </tr>
        )}
      />
      {d.rows.length > 0 && (
        <p data-testid="participants-total">
          <strong>{ctx.t('prodReports.total')}</strong>: {ctx.t('prodReports.finished')} {d.totals.finished} ·{' '}
          {ctx.t('prodReports.passed')} {d.totals.passed} · {ctx.t('prodReports.rejected')}{' '}
          {d.totals.rejected} · {ctx.t('prodReports.value')} {formatRupiah(d.totals.value)}
        </p>
      )}
    </Layout>
  );
}
