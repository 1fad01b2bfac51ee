// How one waiting item reads: its sentence from the owning record's values, and how long it has
// waited ("3 hari"), shared by the dashboard panel and the /approvals page.
import { formatDay, formatRupiah } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { monthLabel } from '../premi/premi.parts.tsx';
import { type ApprovalItem, ageInDays } from './approvals.service.ts';

const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));

/** The item's sentence: days and months written out, money in rupiah. */
export function itemWords(ctx: ViewCtx, item: ApprovalItem): string {
  const p = item.params;
  const day = p.day ? formatDay(str(p.day), ctx.lang) : '';
  switch (item.kind) {
    case 'agreement':
      return ctx.t(p.addendum ? 'approvals.item.addendum' : 'approvals.item.agreement', p);
    case 'premi_run':
      return ctx.t(p.reversal ? 'approvals.item.premi_reversal' : 'approvals.item.premi_run', {
        month: monthLabel(str(p.month), ctx.lang),
        premi: formatRupiah(Number(p.premi ?? 0)),
      });
    case 'stock_adjustment':
      return ctx.t(p.adjustment === 'write_off' ? 'approvals.item.write_off' : 'approvals.item.stocktake', {
        ...p,
        day,
      });
    case 'monthly_report':
      return ctx.t('approvals.item.monthly_report', {
        month: monthLabel(str(p.month), ctx.lang),
        version: ctx.t('reports.versionN', { n: Number(p.version ?? 1) }),
      });
    case 'sale_cancellation':
      return ctx.t('approvals.item.sale_cancellation', { ...p, total: formatRupiah(Number(p.total ?? 0)) });
    default:
      return ctx.t(`approvals.item.${item.kind}` as MessageKey, { ...p, day });
  }
}

/** "sejak hari ini", "1 hari", "3 hari", counted in the unit's calendar. */
export function ageWords(ctx: ViewCtx, since: Date, now: Date, zone: TimeZone): string {
  const n = ageInDays(since, now, zone);
  if (n === 0) return ctx.t('approvals.age.today');
  return n === 1 ? ctx.t('approvals.age.day') : ctx.t('approvals.age.days', { n });
}

/** One item: its sentence as the link to where it is decided, and its age. */
export function ApprovalLine({
  ctx,
  item,
  zone,
  now,
}: {
  ctx: ViewCtx;
  item: ApprovalItem;
  zone: TimeZone;
  now: Date;
}) {
  return (
    <li class="reminder" data-testid={`approval-${item.kind}`} data-id={item.id}>
      <a href={item.href}>{itemWords(ctx, item)}</a>
      <br />
      <span class="muted" data-testid="approval-age">
        {ctx.t('approvals.waiting', { age: ageWords(ctx, item.since, now, zone) })}
      </span>
    </li>
  );
}
