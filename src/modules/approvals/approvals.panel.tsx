// The Kepala UPT's dashboard panel: what waits for their decision, oldest first, each in words with
// its age, and a link to the whole inbox (/approvals).
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { ApprovalLine } from './approvals.parts.tsx';
import type { ApprovalItem } from './approvals.service.ts';

export function ApprovalsPanel({
  ctx,
  items,
  zone,
  now,
  limit = 5,
}: {
  ctx: ViewCtx;
  items: ApprovalItem[];
  zone: TimeZone;
  now: Date;
  limit?: number;
}) {
  return (
    <section class="card" aria-labelledby="c-approvals" data-testid="approvals-panel">
      <h2 id="c-approvals">{ctx.t('approvals.panelTitle')}</h2>
      {items.length === 0 ? (
        <p data-testid="approvals-none">{ctx.t('approvals.none')}</p>
      ) : (
        <>
          <p class="big" data-testid="approvals-count">
            {ctx.t('approvals.count', { n: items.length })}
          </p>
          <ul class="plain">
            {items.slice(0, limit).map((item) => (
              <ApprovalLine key={`${item.kind}-${item.id}`} ctx={ctx} item={item} zone={zone} now={now} />
            ))}
          </ul>
        </>
      )}
      <a href="/approvals">{ctx.t('approvals.seeAll')}</a>
    </section>
  );
}
