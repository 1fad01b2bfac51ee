// The dashboard card "orders from the gallery" for petugas and Kepala UPT: how many order
// inquiries of the unit wait for a decision, and the way to them (issue 17).
import type { ViewCtx } from '../../app/view.ts';

export function OrdersPanel({ ctx, pending }: { ctx: ViewCtx; pending: number }) {
  return (
    <section class="card" aria-labelledby="c-orders" data-testid="orders-panel">
      <h2 id="c-orders">{ctx.t('orders.cardTitle')}</h2>
      {pending === 0 ? (
        <p>{ctx.t('orders.cardNone')}</p>
      ) : (
        <p class="warn">
          <strong data-testid="orders-pending">{pending}</strong> {ctx.t('orders.cardPending')}
        </p>
      )}
      <p>
        <a href="/orders?status=pending" data-testid="orders-link">
          {ctx.t('orders.cardLink')}
        </a>
      </p>
    </section>
  );
}
