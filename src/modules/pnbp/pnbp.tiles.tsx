// The unit dashboard's premi tiles (premi.view): PNBP still to deposit, and premi runs waiting for
// review or approval, released people still to be paid. Sums and counts only; links to pages the
// viewer may open.
import { formatRupiah } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { PremiTiles as Tiles } from './pnbp.service.ts';

export function PremiTiles({ ctx, tiles, unitId }: { ctx: ViewCtx; tiles: Tiles; unitId: string }) {
  return (
    <>
      <section class="card" aria-labelledby="c-pnbp-owed" data-testid="tile-pnbp-owed">
        <h2 id="c-pnbp-owed">{ctx.t('premiTiles.pnbp')}</h2>
        <p class="big">{formatRupiah(tiles.pnbpOwed)}</p>
        <p>
          <a href={`/pnbp?unit_id=${unitId}`}>
            {ctx.can('premi.prepare') ? ctx.t('premiTiles.pnbpLink') : ctx.t('pnbp.title')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="c-premi-runs" data-testid="tile-premi-runs">
        <h2 id="c-premi-runs">{ctx.t('premiTiles.runs')}</h2>
        <p class="big">{tiles.draft + tiles.reviewed}</p>
        <p class="muted">
          {ctx.t('premiTiles.draft', { n: tiles.draft })} ·{' '}
          {ctx.t('premiTiles.reviewed', { n: tiles.reviewed })}
        </p>
        <p>
          <a href="/premi">{ctx.t('premiTiles.runsLink')}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="c-premi-payouts" data-testid="tile-premi-payouts">
        <h2 id="c-premi-payouts">{ctx.t('premiTiles.payouts')}</h2>
        <p class="big">{tiles.payouts}</p>
        <p class="muted">{ctx.t('premiTiles.payoutsOwed', { amount: formatRupiah(tiles.payoutsOwed) })}</p>
        <p>
          <a href="/savings/payouts">{ctx.t('premiTiles.payoutsLink')}</a>
        </p>
      </section>
    </>
  );
}
