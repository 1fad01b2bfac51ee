// The outcome page (/reintegration/outcomes): the period and unit filter, then one table per unit and one
// per programme, each rate with its n and a dash (with why) under five people. Counts only.
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion, SelectFilter, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel, query } from '../production-reports/production-reports.parts.tsx';
import { FreshnessLine } from '../rollups/rollups.parts.tsx';
import type { Rate } from './outcomes.rules.ts';
import type { OutcomeGroup, Outcomes } from './outcomes.service.ts';

export interface Filter {
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  unit?: string | undefined;
}

export const BASE = '/reintegration/outcomes';

/** A rate cell: "75,0%" over "6 dari 8", or "–" with why it is not shown. */
function RateCell({ ctx, r, testid }: { ctx: ViewCtx; r: Rate; testid: string }) {
  const of = ctx.t('outcomes.rate', {
    count: formatNumber(r.count, ctx.lang),
    n: formatNumber(r.n, ctx.lang),
  });
  return (
    <td class="num" data-testid={testid} data-n={r.n} data-pct={r.pct ?? ''}>
      {r.pct === null ? (
        <span title={ctx.t('outcomes.suppressed')}>
          –<span class="sr-only"> ({ctx.t('outcomes.suppressed')})</span>
        </span>
      ) : (
        <strong>{formatNumber(r.pct, ctx.lang, 1)}%</strong>
      )}
      <br />
      <span class="muted">{of}</span>
    </td>
  );
}

function GroupCells({ ctx, g, testid }: { ctx: ViewCtx; g: OutcomeGroup; testid: string }) {
  return (
    <>
      <td class="num" data-testid={`${testid}-released`}>
        {formatNumber(g.counts.released, ctx.lang)}
      </td>
      <RateCell ctx={ctx} r={g.rates.followedUp} testid={`${testid}-followed`} />
      <RateCell ctx={ctx} r={g.rates.working6} testid={`${testid}-working`} />
      <RateCell ctx={ctx} r={g.rates.reoffended12} testid={`${testid}-reoffended`} />
    </>
  );
}

function Table(p: { ctx: ViewCtx; id: string; title: string; heads: string[]; children: ComponentChildren }) {
  const { ctx } = p;
  return (
    <section aria-labelledby={`${p.id}-h`}>
      <h2 id={`${p.id}-h`}>{p.title}</h2>
      <ScrollRegion labelledby={`${p.id}-h`}>
        <table data-testid={p.id}>
          <thead>
            <tr>
              {p.heads.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col" class="num">
                {ctx.t('outcomes.released')}
              </th>
              <th scope="col" class="num">
                {ctx.t('outcomes.followedUp')}
              </th>
              <th scope="col" class="num">
                {ctx.t('outcomes.working6')}
              </th>
              <th scope="col" class="num">
                {ctx.t('outcomes.reoffended12')}
              </th>
            </tr>
          </thead>
          <tbody>{p.children}</tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function FilterFields(p: {
  ctx: ViewCtx;
  f: Filter;
  maxMonth: string;
  units: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { ctx, f } = p;
  return (
    <form method="get" action={BASE} class="filters" data-testid="outcomes-filters">
      <label>
        {ctx.t('outcomes.year')}
        <input
          type="number"
          name="year"
          min={2000}
          max={Number(p.maxMonth.slice(0, 4))}
          value={f.year ?? ''}
          inputMode="numeric"
        />
      </label>
      <label>
        {ctx.t('outcomes.from')}
        <input type="month" name="from" value={f.from ?? ''} max={p.maxMonth} />
      </label>
      <label>
        {ctx.t('outcomes.to')}
        <input type="month" name="to" value={f.to ?? ''} />
      </label>
      {p.units.length > 1 && (
        <SelectFilter
          ctx={ctx}
          label="outcomes.unit"
          name="unit"
          value={f.unit}
          options={p.units.map((u) => ({ value: u.id, label: u.name }))}
        />
      )}
      <button type="submit">{ctx.t('outcomes.show')}</button>
    </form>
  );
}

export function OutcomesPage(p: {
  ctx: ViewCtx;
  d: Outcomes;
  f: Filter;
  maxMonth: string;
  units: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { ctx, d } = p;
  const title = ctx.t('outcomes.title');
  const q = query({ from: d.from, to: d.to, unit: d.unitId });
  const several = d.units.length > 1;
  return (
    <Layout ctx={ctx} title={title}>
      <TitleRow title={title} testid="outcomes-title" />
      <p>{ctx.t('outcomes.intro')}</p>
      <FilterFields ctx={ctx} f={p.f} maxMonth={p.maxMonth} units={p.units} />
      <p data-testid="outcomes-period">
        <strong>
          {ctx.t('outcomes.period', { from: monthLabel(d.from, ctx.lang), to: monthLabel(d.to, ctx.lang) })}
        </strong>
      </p>
      <FreshnessLine ctx={ctx} f={d.freshness} />
      <p class="actions">
        <a href={`${BASE}.xlsx${q}`} download data-testid="outcomes-xlsx">
          {ctx.t('outcomes.xlsx')}
        </a>
      </p>
      {d.units.length === 0 ? (
        <p data-testid="outcomes-none">{ctx.t('outcomes.none')}</p>
      ) : (
        <>
          <Table
            ctx={ctx}
            id="outcomes-units"
            title={ctx.t('outcomes.byUnit')}
            heads={[ctx.t('outcomes.unit'), ctx.t('outcomes.kanwil')]}
          >
            {d.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.unitName}</th>
                <td>{u.kanwilName}</td>
                <GroupCells ctx={ctx} g={u} testid={`unit-${u.unitId}`} />
              </tr>
            ))}
            {several && (
              <tr class="total">
                <th scope="row" colSpan={2}>
                  {ctx.t('outcomes.total')}
                </th>
                <GroupCells ctx={ctx} g={d.total} testid="total" />
              </tr>
            )}
          </Table>
          <Table
            ctx={ctx}
            id="outcomes-programmes"
            title={ctx.t('outcomes.byProgramme')}
            heads={[ctx.t('outcomes.programme'), ctx.t('outcomes.unit')]}
          >
            {d.programmes.map((r) => (
              <tr key={r.programmeId}>
                <th scope="row">{r.name}</th>
                <td>{r.unitName}</td>
                <GroupCells ctx={ctx} g={r} testid={`programme-${r.programmeId}`} />
              </tr>
            ))}
          </Table>
        </>
      )}
      <p class="muted">{ctx.t('outcomes.definitions')}</p>
    </Layout>
  );
}

/** A period the page refuses: the form again with why, answered 400. */
export function PeriodRefused(p: {
  ctx: ViewCtx;
  f: Filter;
  maxMonth: string;
  units: ReadonlyArray<{ id: string; name: string }>;
  message: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('outcomes.refused')}>
      <h1>{ctx.t('outcomes.refused')}</h1>
      <p class="warn" role="alert" data-testid="error-message" data-status="400">
        {p.message}
      </p>
      <FilterFields ctx={ctx} f={p.f} maxMonth={p.maxMonth} units={p.units} />
    </Layout>
  );
}
