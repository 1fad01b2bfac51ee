// One unit's roll-up: its programmes' figures for the month with the unit's own total, its monthly
// report status, and its 12-month trend (table and charts). Counts and sums only, never a person.
import { Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel, query } from '../production-reports/production-reports.parts.tsx';
import {
  ChartScripts,
  Downloads,
  FiguresTable,
  FreshnessLine,
  RollupForm,
  TrendSection,
} from './rollups.parts.tsx';
import { columnsFor, type UnitRollup } from './rollups.tables.ts';
import { reportWords } from './rollups.words.ts';

export function unitNames(ctx: Pick<ViewCtx, 't' | 'lang'>, d: UnitRollup) {
  return {
    title: ctx.t('rollups.unitTitle', { name: d.unit.name }),
    programmes: ctx.t('rollups.table.programmes', { month: monthLabel(d.month, ctx.lang) }),
    trend: ctx.t('rollups.sheet.trend'),
  };
}

function ReportLine({ ctx, d }: { ctx: ViewCtx; d: UnitRollup }) {
  if (!d.report) return null;
  const w = reportWords(ctx.t, ctx.zone, d.report);
  return (
    <p data-testid="rollup-report">
      {ctx.t('rollups.col.report')}: {w.href ? <a href={w.href}>{w.text}</a> : w.text}
      {w.late && (
        <>
          {' '}
          <span class="badge off">{ctx.t('rollups.report.late')}</span>
        </>
      )}
      {w.due && <span class="muted"> ({w.due})</span>}
    </p>
  );
}

export function UnitPage(p: {
  ctx: ViewCtx;
  d: UnitRollup;
  maxMonth: string;
  /** The region's roll-up, for viewers who may open it (its Kanwil, the nation). */
  back: string | null;
}) {
  const { ctx, d } = p;
  const names = unitNames(ctx, d);
  const base = `/rollups/units/${d.unit.id}`;
  const q = query({ month: d.month });
  // Premi and PNBP belong to the unit, not to a programme: they show in the trend only.
  const programmeCols = columnsFor(false);
  return (
    <Layout ctx={ctx} title={names.title}>
      {p.back && (
        <BackLink href={`${p.back}${q}`} label={ctx.t('rollups.back.kanwil', { name: d.unit.kanwil_name })} />
      )}
      <TitleRow title={names.title} testid="rollup-title" />
      <p>{ctx.t('rollups.unitIntro', { month: monthLabel(d.month, ctx.lang) })}</p>
      <RollupForm ctx={ctx} action={base} month={d.month} max={p.maxMonth} />
      <FreshnessLine ctx={ctx} f={d.freshness} />
      <ReportLine ctx={ctx} d={d} />
      <Downloads
        ctx={ctx}
        base={base}
        query={q}
        tables={[
          { key: 'programmes', title: names.programmes },
          { key: 'trend', title: names.trend },
        ]}
      />
      {d.programmes.length === 0 && <p>{ctx.t('rollups.noProgrammes')}</p>}
      <FiguresTable
        ctx={ctx}
        id="rollup-programmes"
        caption={names.programmes}
        nameHead={ctx.t('rollups.col.programme')}
        cols={programmeCols}
        rows={d.programmes.map((x) => ({ ...x, href: null }))}
        total={{ label: ctx.t('rollups.unitTotal'), figures: d.figures }}
        report={false}
      />
      <TrendSection ctx={ctx} month={d.month} trend={d.trend} cols={columnsFor(d.money)} />
      <ChartScripts />
    </Layout>
  );
}
