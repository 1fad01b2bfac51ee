// The dashboard tile: open breaches still missing a notice, with their 3 x 24 h deadline counting
// down (overdue first and highlighted). Shown to administrators and the Kepala UPT only.
import type { ViewCtx } from '../../app/view.ts';
import type { Breach } from './privacy.service.ts';
import { Deadline } from './privacy.views.tsx';

export function BreachDeadlinesPanel({ ctx, items }: { ctx: ViewCtx; items: Breach[] }) {
  return (
    <section class="card" aria-labelledby="c-breaches" data-testid="breach-deadlines">
      <h2 id="c-breaches">{ctx.t('privacy.dashboardTitle')}</h2>
      {items.length === 0 ? (
        <p data-testid="breach-deadlines-none">{ctx.t('privacy.dashboardNone')}</p>
      ) : (
        <ul class="plain">
          {items.slice(0, 5).map((b) => (
            <li key={b.id} class={b.state.overdue ? 'reminder agreement-overdue' : 'reminder'}>
              <a href={`/privacy/breaches/${b.id}`}>{b.title}</a> · {b.unit_name}
              <br />
              <Deadline ctx={ctx} b={b} />
            </li>
          ))}
        </ul>
      )}
      <a href="/privacy/breaches">{ctx.t('privacy.allBreaches')}</a>
    </section>
  );
}
