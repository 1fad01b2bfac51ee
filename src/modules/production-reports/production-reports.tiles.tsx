// The unit dashboard's production tiles (production.totals: sums and counts, never a name): this
// month's value at piece rate, the pass rate of the partner's check, unpaid partner invoices, and
// materials down to their low-stock level. Links only to pages the viewer may open.
import { formatNumber, formatRupiah } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import { monthLabel, Rate } from './production-reports.parts.tsx';
import type { ProductionTiles as Tiles } from './production-reports.service.ts';

export function ProductionTiles({ ctx, tiles, unitId }: { ctx: ViewCtx; tiles: Tiles; unitId: string }) {
  const month = monthLabel(tiles.month, ctx.lang);
  return (
    <>
      <section class="card" aria-labelledby="c-prod-value" data-testid="tile-production-value">
        <h2 id="c-prod-value">{ctx.t('prodReports.tiles.value')}</h2>
        <p class="big">{formatRupiah(tiles.value)}</p>
        <p class="muted">{ctx.t('prodReports.tiles.valueNote', { month })}</p>
        <p>
          <a href={`/production-reports?month=${tiles.month}&unit_id=${unitId}`}>
            {ctx.t('prodReports.title')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="c-prod-pass" data-testid="tile-pass-rate">
        <h2 id="c-prod-pass">{ctx.t('prodReports.tiles.passRate')}</h2>
        {tiles.checked === 0 ? (
          <p>{ctx.t('prodReports.tiles.noneChecked')}</p>
        ) : (
          <>
            <p class="big">
              <Rate ctx={ctx} rate={tiles.passRate} />
            </p>
            <p class="muted">
              {ctx.t('prodReports.tiles.passedOf', {
                passed: formatNumber(tiles.passed, ctx.lang),
                checked: formatNumber(tiles.checked, ctx.lang),
              })}
            </p>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="c-prod-unpaid" data-testid="tile-unpaid-invoices">
        <h2 id="c-prod-unpaid">{ctx.t('prodReports.tiles.unpaid')}</h2>
        <p class="big">{formatRupiah(tiles.unpaid.owed)}</p>
        <p>
          {ctx.can('sales.view') ? (
            <a href="/production-reports/receivables">
              {ctx.t('prodReports.tiles.unpaidCount', { n: tiles.unpaid.count })}
            </a>
          ) : (
            ctx.t('prodReports.tiles.unpaidCount', { n: tiles.unpaid.count })
          )}
        </p>
      </section>
      <section class="card" aria-labelledby="c-prod-low" data-testid="tile-low-stock">
        <h2 id="c-prod-low">{ctx.t('prodReports.tiles.lowStock')}</h2>
        <p class="big">{tiles.lowStock}</p>
        {ctx.can('stock.view') && (
          <p>
            <a href="/stock">{ctx.t('prodReports.tiles.lowStockLink')}</a>
          </p>
        )}
      </section>
    </>
  );
}
