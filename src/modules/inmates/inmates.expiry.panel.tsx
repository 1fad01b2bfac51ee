// The dashboard card "past their tanggal ekspirasi": how many of the unit's people are still active
// after their release date. Unit staff who may read the register get a link to the filtered list;
// regional and national viewers get the count only, never a name.
import type { ViewCtx } from '../../app/view.ts';

export function PastExpiryPanel({ ctx, count, link }: { ctx: ViewCtx; count: number; link: boolean }) {
  return (
    <section class="card" aria-labelledby="c-past-expiry" data-testid="past-expiry-panel">
      <h2 id="c-past-expiry">{ctx.t('inmates.expiry.dashboardTitle')}</h2>
      {count === 0 ? (
        <p>{ctx.t('inmates.expiry.dashboardNone')}</p>
      ) : (
        <>
          <p class="big" data-testid="past-expiry-count">
            {count}
          </p>
          <p>{ctx.t('inmates.expiry.dashboardText', { n: count })}</p>
          {link && (
            <p>
              <a href="/inmates?expiry=past" data-testid="past-expiry-link">
                {ctx.t('inmates.expiry.dashboardLink')}
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
