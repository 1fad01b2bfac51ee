// Pieces the production report pages share: the month's name, a pass rate, the month (and unit)
// form, the links between the reports a viewer may open, and the download link.
import type { ComponentChildren } from 'preact';
import { dateTimeFormat, formatMonth, formatNumber } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';
import type { Permission } from '../../app/policy.ts';
import type { ViewCtx } from '../../app/view.ts';

export function monthLabel(month: string, lang: ViewCtx['lang']): string {
  return formatMonth(month, lang);
}

/** "Mar 26": a chart's axis label, short enough for twelve of them on a phone. */
export function shortMonth(month: string, lang: ViewCtx['lang']): string {
  return dateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));
}

export function Rate({ ctx, rate }: { ctx: ViewCtx; rate: number | null }) {
  return <>{rate === null ? '–' : `${formatNumber(rate, ctx.lang, 1)}%`}</>;
}

export type UnitOption = { id: string; name: string };

/** The month to show (and, for viewers of several units, the unit): a GET form, so a report is a link. */
export function MonthForm(p: {
  ctx: ViewCtx;
  action: string;
  month?: string;
  unitId?: string | null;
  units?: UnitOption[] | null;
  children?: ComponentChildren;
}) {
  const { ctx } = p;
  return (
    <form method="get" action={p.action} class="filters" data-testid="report-filters">
      {p.month !== undefined && (
        <label>
          {ctx.t('prodReports.month')}
          <input type="month" name="month" value={p.month} required />
        </label>
      )}
      {p.units && p.units.length > 1 && (
        <label>
          {ctx.t('prodReports.unit')}
          <select name="unit_id">
            <option value="">{ctx.t('prodReports.allUnits')}</option>
            {p.units.map((u) => (
              <option key={u.id} value={u.id} selected={p.unitId === u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {p.children}
      <button type="submit">{ctx.t('prodReports.show')}</button>
    </form>
  );
}

const REPORTS: ReadonlyArray<{ href: string; key: MessageKey; permission: Permission }> = [
  { href: '/production-reports', key: 'prodReports.byProgramme', permission: 'production.totals' },
  {
    href: '/production-reports/participants',
    key: 'prodReports.participants',
    permission: 'production.view',
  },
  { href: '/production-reports/stock', key: 'prodReports.stock', permission: 'stock.view' },
  { href: '/production-reports/sales-book', key: 'prodReports.salesBook', permission: 'sales.view' },
  { href: '/production-reports/receivables', key: 'prodReports.receivables', permission: 'sales.view' },
];

/** The other production reports this viewer may open (none shown that would answer 403). */
export function ReportLinks({ ctx, current }: { ctx: ViewCtx; current: string }) {
  const links = REPORTS.filter((r) => r.href !== current && ctx.can(r.permission));
  if (links.length === 0) return null;
  return (
    <nav aria-label={ctx.t('prodReports.otherReports')}>
      <p>
        {links.map((r, i) => (
          <span key={r.href}>
            {i > 0 && ' · '}
            <a href={r.href}>{ctx.t(r.key)}</a>
          </span>
        ))}
      </p>
    </nav>
  );
}

/** A query string of the filters that are set. */
export function query(q: Record<string, string | null | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const out = s.toString();
  return out ? `?${out}` : '';
}

export function Download({ ctx, href, testid }: { ctx: ViewCtx; href: string; testid: string }) {
  return (
    <p>
      <a href={href} data-testid={testid} download>
        {ctx.t('prodReports.download')}
      </a>
    </p>
  );
}
