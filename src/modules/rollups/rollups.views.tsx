// The Kanwil's and the directorate's roll-up pages: a month's rows side by side (the nation's Kanwil,
// or a region's units with their monthly report status), the total, a ranking by a chosen
// indicator, and the 12-month trend; every table downloads as XLSX and CSV. Counts and sums only.
import { Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel, query } from '../production-reports/production-reports.parts.tsx';
import {
  ChartScripts,
  Downloads,
  FiguresTable,
  FreshnessLine,
  OutcomesSection,
  RankingSection,
  RollupForm,
  TrendSection,
} from './rollups.parts.tsx';
import { type ColKey, columnsFor, type LevelRollup, ranked } from './rollups.tables.ts';

/** Where a level page's rows lead, and what its tables are called (the page, the exports). */
export function levelNames(ctx: Pick<ViewCtx, 't' | 'lang'>, d: LevelRollup) {
  const month = monthLabel(d.month, ctx.lang);
  const nation = d.level === 'nation';
  return {
    title: nation
      ? ctx.t('rollups.nationTitle')
      : ctx.t('rollups.kanwilTitle', { name: d.kanwil?.name ?? ctx.t('rollups.col.unit') }),
    nameHead: ctx.t(nation ? 'rollups.col.kanwil' : 'rollups.col.unit'),
    /** The nation ranks provinces (one Kanwil each); a region ranks its units. */
    rankHead: ctx.t(nation ? 'rollups.col.province' : 'rollups.col.unit'),
    main: ctx.t(nation ? 'rollups.table.main.nation' : 'rollups.table.main.kanwil', { month }),
    ranking: ctx.t('rollups.sheet.ranking'),
    trend: ctx.t('rollups.sheet.trend'),
  };
}

export function LevelPage(p: {
  ctx: ViewCtx;
  d: LevelRollup;
  /** The page's own path (/rollups or /rollups/kanwil/:id): the form, the downloads. */
  base: string;
  indicator: ColKey;
  maxMonth: string;
  /** A national viewer on a region's page goes back to the nation. */
  back: boolean;
}) {
  const { ctx, d } = p;
  const names = levelNames(ctx, d);
  const cols = columnsFor(d.money);
  const nation = d.level === 'nation';
  const month = monthLabel(d.month, ctx.lang);
  const q = query({ month: d.month });
  const rows = d.rows.map((r) => ({
    ...r,
    href: nation ? `/rollups/kanwil/${r.id}${q}` : `/rollups/units/${r.id}${q}`,
  }));
  return (
    <Layout ctx={ctx} title={names.title}>
      {p.back && <BackLink href={`/rollups${q}`} label={ctx.t('rollups.back.nation')} />}
      <TitleRow title={names.title} testid="rollup-title" />
      <p>{ctx.t(nation ? 'rollups.nationIntro' : 'rollups.kanwilIntro', { month })}</p>
      <RollupForm
        ctx={ctx}
        action={p.base}
        month={d.month}
        max={p.maxMonth}
        indicator={{ value: p.indicator, columns: cols }}
      />
      <FreshnessLine ctx={ctx} f={d.freshness} />
      <Downloads
        ctx={ctx}
        base={p.base}
        query={query({ month: d.month, indicator: p.indicator })}
        tables={[
          { key: 'main', title: names.main },
          { key: 'ranking', title: names.ranking },
          { key: 'trend', title: names.trend },
          ...(d.outcomes ? [{ key: 'outcomes', title: ctx.t('rollups.sheet.outcomes') }] : []),
        ]}
      />
      {d.rows.length === 0 ? (
        <p>{ctx.t('rollups.noRows')}</p>
      ) : (
        <FiguresTable
          ctx={ctx}
          id="rollup-main"
          caption={names.main}
          nameHead={names.nameHead}
          cols={cols}
          rows={rows}
          total={{ label: ctx.t('rollups.total'), figures: d.total }}
          report={d.reports}
        />
      )}
      {d.rows.length > 0 && (
        <RankingSection
          ctx={ctx}
          month={d.month}
          indicator={p.indicator}
          nameHead={names.rankHead}
          ranked={ranked(d.rows, p.indicator)}
        />
      )}
      <TrendSection ctx={ctx} month={d.month} trend={d.trend} cols={cols} />
      {d.outcomes && d.rows.length > 0 && (
        <OutcomesSection ctx={ctx} o={d.outcomes} nameHead={names.nameHead} rows={d.rows} />
      )}
      <ChartScripts />
    </Layout>
  );
}

/** A month the roll-ups cannot show (one still to come): the form again, with why, answered as 400. */
export function MonthRefused(p: { ctx: ViewCtx; action: string; maxMonth: string; message: string }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('rollups.refused')}>
      <h1>{ctx.t('rollups.refused')}</h1>
      <p class="warn" role="alert" data-testid="error-message" data-status="400">
        {p.message}
      </p>
      <RollupForm ctx={ctx} action={p.action} month={p.maxMonth} max={p.maxMonth} />
    </Layout>
  );
}
