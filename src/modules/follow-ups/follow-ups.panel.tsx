// The dashboard card "follow-ups after release": how many are overdue, due today and coming within
// 30 days, for the unit's staff (their unit's people) and a Bapas officer (the people assigned).
import type { ViewCtx } from '../../app/view.ts';

export function FollowUpsPanel({
  ctx,
  counts,
}: {
  ctx: ViewCtx;
  counts: { overdue: number; today: number; upcoming: number };
}) {
  const total = counts.overdue + counts.today + counts.upcoming;
  return (
    <section class="card" aria-labelledby="c-follow-ups" data-testid="follow-ups-panel">
      <h2 id="c-follow-ups">{ctx.t('followUps.panelTitle')}</h2>
      {total === 0 ? (
        <p>{ctx.t('followUps.panelNone')}</p>
      ) : (
        <ul class="plain">
          <li class={counts.overdue > 0 ? 'warn' : undefined}>
            <strong data-testid="follow-ups-overdue">{counts.overdue}</strong>{' '}
            {ctx.t('followUps.panelOverdue')}
          </li>
          <li>
            <strong data-testid="follow-ups-today">{counts.today}</strong> {ctx.t('followUps.panelToday')}
          </li>
          <li>
            <strong data-testid="follow-ups-upcoming">{counts.upcoming}</strong>{' '}
            {ctx.t('followUps.panelUpcoming')}
          </li>
        </ul>
      )}
      <p>
        <a href="/follow-ups" data-testid="follow-ups-link">
          {ctx.t('followUps.panelLink')}
        </a>
      </p>
    </section>
  );
}
