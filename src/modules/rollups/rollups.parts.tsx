// Pieces the roll-up pages share: the month (and indicator) form, the freshness stamp, the figures
// table with its total row, the 12-month trend, the ranking, the downloads, and charts drawn from
// those tables by public/rollups-chart.js (decision 0007: the table is the one copy of the numbers).

import type { ComponentChildren } from 'preact';
import { asset } from '../../app/assets.ts';
import { formatNumber } from '../../app/format.ts';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel, shortMonth } from '../production-reports/production-reports.parts.tsx';
import type { Freshness } from './rollups.figures.ts';
import {
  COL_KIND,
  type ColKey,
  type Figures,
  type LevelOutcomes,
  lineOf,
  type OutcomeLine,
  type OutcomeRate,
  type ReportCount,
  type ReportStatus,
} from './rollups.tables.ts';
import { cellText, freshnessText, isUnitReport, reportCountWords, reportWords } from './rollups.words.ts';

/** The month to show and, on the Kanwil and national pages, the indicator to rank by: a GET form. */
export function RollupForm(p: {
  ctx: ViewCtx;
  action: string;
  month: string;
  max: string;
  indicator?: { value: ColKey; columns: readonly ColKey[] };
}) {
  const { ctx } = p;
  return (
    <form method="get" action={p.action} class="filters" data-testid="rollup-filters">
      <label>
        {ctx.t('rollups.month')}
        <input type="month" name="month" value={p.month} max={p.max} required />
      </label>
      {p.indicator && (
        <label>
          {ctx.t('rollups.indicator')}
          <select name="indicator" data-testid="rollup-indicator">
            {p.indicator.columns.map((c) => (
              <option key={c} value={c} selected={c === p.indicator?.value}>
                {ctx.t(`rollups.col.${c}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">{ctx.t('rollups.show')}</button>
    </form>
  );
}

export function FreshnessLine({ ctx, f }: { ctx: ViewCtx; f: Freshness }) {
  return (
    <p class="muted" data-testid="rollup-freshness">
      {freshnessText(ctx.t, ctx.lang, ctx.zone, f)}
    </p>
  );
}

/** The exports: the whole workbook, and each table as CSV. */
export function Downloads(p: {
  ctx: ViewCtx;
  base: string;
  query: string;
  tables: ReadonlyArray<{ key: string; title: string }>;
}) {
  const { ctx } = p;
  const q = p.query ? `${p.query}&` : '?';
  return (
    <p class="actions" data-testid="rollup-downloads">
      <span>{ctx.t('rollups.downloads')}:</span>{' '}
      <a href={`${p.base}.xlsx${p.query}`} download data-testid="rollup-xlsx">
        {ctx.t('rollups.xlsx')}
      </a>
      {p.tables.map((x) => (
        <>
          {' · '}
          <a
            key={x.key}
            href={`${p.base}.csv${q}table=${x.key}`}
            download
            data-testid={`rollup-csv-${x.key}`}
          >
            {ctx.t('rollups.csv', { table: x.title })}
          </a>
        </>
      ))}
    </p>
  );
}

/** One numeric cell; data-value is what the chart reads (empty when there is nothing to count). */
function Num({ ctx, col, v, strong }: { ctx: ViewCtx; col: ColKey; v: number | null; strong?: boolean }) {
  const text = cellText(col, v, ctx.lang);
  return (
    <td class="num" data-col={col} data-value={v === null ? '' : String(v)}>
      {strong ? <strong>{text}</strong> : text}
    </td>
  );
}

const Heads = ({ ctx, cols }: { ctx: ViewCtx; cols: readonly ColKey[] }) => (
  <>
    {cols.map((c) => (
      <th key={c} scope="col" class="num" data-col={c}>
        {ctx.t(`rollups.col.${c}`)}
      </th>
    ))}
  </>
);

export function ReportCell({ ctx, r }: { ctx: ViewCtx; r: ReportStatus | ReportCount | null }) {
  if (r === null) return <td>–</td>;
  if (isUnitReport(r)) {
    const w = reportWords(ctx.t, ctx.zone, r);
    return (
      <td data-report={r.status}>
        {w.href ? <a href={w.href}>{w.text}</a> : w.text}
        {w.late && (
          <>
            {' '}
            <span class="badge off">{ctx.t('rollups.report.late')}</span>
          </>
        )}
        {w.due && <span class="muted"> ({w.due})</span>}
      </td>
    );
  }
  const w = reportCountWords(ctx.t, r);
  return (
    <td>
      {w.text}
      {w.late && (
        <>
          {' '}
          <span class="badge off">{w.late}</span>
        </>
      )}
    </td>
  );
}

export interface TableRow {
  id: string;
  name: string;
  href: string | null;
  figures: Figures;
  report?: ReportStatus | ReportCount | null;
}

/** Rows side by side with the total row at the foot; the first column names the row (a link down). */
export function FiguresTable(p: {
  ctx: ViewCtx;
  id: string;
  caption: string;
  nameHead: string;
  cols: readonly ColKey[];
  rows: readonly TableRow[];
  total: { label: string; figures: Figures };
  report: boolean;
}) {
  const { ctx } = p;
  const total = lineOf(p.total.figures);
  return (
    <ScrollRegion labelledby={`${p.id}-caption`}>
      <table id={p.id} data-testid={p.id}>
        <caption id={`${p.id}-caption`}>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.nameHead}</th>
            <Heads ctx={ctx} cols={p.cols} />
            {p.report && <th scope="col">{ctx.t('rollups.col.report')}</th>}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const line = lineOf(r.figures);
            return (
              <tr key={r.id} data-row={r.id}>
                <th scope="row">{r.href ? <a href={r.href}>{r.name}</a> : r.name}</th>
                {p.cols.map((c) => (
                  <Num key={c} ctx={ctx} col={c} v={line[c]} />
                ))}
                {p.report && <ReportCell ctx={ctx} r={r.report ?? null} />}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row">{p.total.label}</th>
            {p.cols.map((c) => (
              <Num key={c} ctx={ctx} col={c} v={total[c]} strong />
            ))}
            {p.report && <td />}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

/** The 12 months ending with the page's month, oldest first, with charts drawn from it. */
export function TrendSection(p: {
  ctx: ViewCtx;
  month: string;
  trend: readonly Figures[];
  cols: readonly ColKey[];
}) {
  const { ctx } = p;
  const id = 'rollup-trend';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{ctx.t('rollups.table.trend', { month: monthLabel(p.month, ctx.lang) })}</h2>
      <div class="chart-pair">
        <Chart
          ctx={ctx}
          table={id}
          cols={['sessionsHeld', 'sessionsCancelled']}
          kind="bar"
          title="rollups.chart.sessions"
        />
        <Chart ctx={ctx} table={id} cols={['attendanceRate']} kind="line" title="rollups.chart.attendance" />
        <Chart
          ctx={ctx}
          table={id}
          cols={['productionValue', 'sales']}
          kind="bar"
          title="rollups.chart.value"
        />
      </div>
      <ScrollRegion labelledby={`${id}-title`}>
        <table id={id} data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{ctx.t('rollups.col.month')}</th>
              <Heads ctx={ctx} cols={p.cols} />
            </tr>
          </thead>
          <tbody>
            {p.trend.map((f) => {
              const line = lineOf(f);
              return (
                <tr key={f.month} data-row={f.month}>
                  <th scope="row">
                    <abbr title={monthLabel(f.month, ctx.lang)}>{shortMonth(f.month, ctx.lang)}</abbr>
                  </th>
                  {p.cols.map((c) => (
                    <Num key={c} ctx={ctx} col={c} v={line[c]} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** The rows ranked by the chosen indicator, highest first, as a table and a bar chart drawn from it. */
export function RankingSection(p: {
  ctx: ViewCtx;
  month: string;
  indicator: ColKey;
  nameHead: string;
  ranked: ReadonlyArray<{
    rank: number | null;
    row: { id: string; name: string; province?: string | undefined };
    value: number | null;
  }>;
}) {
  const { ctx } = p;
  const id = 'rollup-ranking';
  const indicator = ctx.t(`rollups.col.${p.indicator}`);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {ctx.t('rollups.table.ranking', { indicator, month: monthLabel(p.month, ctx.lang) })}
      </h2>
      <Chart
        ctx={ctx}
        table={id}
        cols={[p.indicator]}
        kind="hbar"
        title="rollups.chart.ranking"
        params={{ indicator }}
      />
      <ScrollRegion labelledby={`${id}-title`}>
        <table id={id} data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{p.nameHead}</th>
              <th scope="col" class="num">
                {ctx.t('rollups.col.rank')}
              </th>
              <Heads ctx={ctx} cols={[p.indicator]} />
            </tr>
          </thead>
          <tbody>
            {p.ranked.map((r) => (
              <tr key={r.row.id}>
                <th scope="row">{r.row.province ?? r.row.name}</th>
                <td class="num">{r.rank ?? '–'}</td>
                <Num ctx={ctx} col={p.indicator} v={r.value} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** A chart drawn from a table on the page; hidden (and out of the accessibility tree) until drawn. */
function Chart(p: {
  ctx: ViewCtx;
  table: string;
  cols: readonly ColKey[];
  kind: 'bar' | 'hbar' | 'line';
  title:
    | 'rollups.chart.sessions'
    | 'rollups.chart.attendance'
    | 'rollups.chart.value'
    | 'rollups.chart.ranking';
  params?: Record<string, string>;
}) {
  return (
    <figure
      class="chart small"
      data-rollup-chart={p.table}
      data-cols={p.cols.join(',')}
      data-kind={p.kind}
      data-percent={p.cols.every((c) => COL_KIND[c] === 'rate') ? 'true' : 'false'}
      aria-hidden="true"
      hidden
    >
      <figcaption>{p.ctx.t(p.title, p.params)}</figcaption>
    </figure>
  );
}

/** Chart.js from the package and the script that draws the figures above from their tables. */
export function ChartScripts() {
  return (
    <>
      <script src="/vendor/chart.umd.js" defer />
      <script src={asset('rollups-chart.js')} defer />
    </>
  );
}

export function Section(p: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.children}
    </section>
  );
}

/** One outcome rate: the percent over "count of n", or a dash (and why) under five people. */
function OutcomeRateCell({ ctx, r }: { ctx: ViewCtx; r: OutcomeRate | undefined }) {
  if (!r) return <td class="num">–</td>;
  const of = ctx.t('rollups.out.of', {
    count: formatNumber(r.count, ctx.lang),
    n: formatNumber(r.n, ctx.lang),
  });
  return (
    <td class="num" data-n={r.n} data-pct={r.pct ?? ''}>
      {r.pct === null ? (
        <span title={ctx.t('rollups.out.suppressed')}>
          –<span class="sr-only"> ({ctx.t('rollups.out.suppressed')})</span>
        </span>
      ) : (
        <strong>{formatNumber(r.pct, ctx.lang, 1)}%</strong>
      )}
      <br />
      <span class="muted">{of}</span>
    </td>
  );
}

function OutcomeCells({ ctx, o }: { ctx: ViewCtx; o: OutcomeLine | null | undefined }) {
  return (
    <>
      <td class="num">{formatNumber(o?.released ?? 0, ctx.lang)}</td>
      <OutcomeRateCell ctx={ctx} r={o?.followedUp} />
      <OutcomeRateCell ctx={ctx} r={o?.working6} />
      <OutcomeRateCell ctx={ctx} r={o?.reoffended12} />
    </>
  );
}

/** The level's reintegration outcomes (#16): one line per row and the total, counts and rates only. */
export function OutcomesSection(p: {
  ctx: ViewCtx;
  o: LevelOutcomes;
  nameHead: string;
  rows: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { ctx, o } = p;
  const id = 'rollup-outcomes';
  return (
    <section aria-labelledby={`${id}-caption`}>
      <ScrollRegion labelledby={`${id}-caption`}>
        <table id={id} data-testid={id}>
          <caption id={`${id}-caption`}>
            {ctx.t('rollups.table.outcomes', {
              from: monthLabel(o.from, ctx.lang),
              to: monthLabel(o.to, ctx.lang),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{p.nameHead}</th>
              <th scope="col" class="num">
                {ctx.t('rollups.out.released')}
              </th>
              <th scope="col" class="num">
                {ctx.t('rollups.out.followedUp')}
              </th>
              <th scope="col" class="num">
                {ctx.t('rollups.out.working6')}
              </th>
              <th scope="col" class="num">
                {ctx.t('rollups.out.reoffended12')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.id} data-row={r.id}>
                <th scope="row">{r.name}</th>
                <OutcomeCells ctx={ctx} o={o.lines.get(r.id)} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-row="total">
              <th scope="row">{ctx.t('rollups.total')}</th>
              <OutcomeCells ctx={ctx} o={o.total} />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <p class="muted">{ctx.t('rollups.out.note')}</p>
    </section>
  );
}
