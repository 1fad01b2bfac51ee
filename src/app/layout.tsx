// The page shell: header with navigation for what the role may use, language switch, sign-out,
// a skip link, the flash message and the page's content. Works without JavaScript.
import type { ComponentChildren } from 'preact';
import { asset } from './assets.ts';
import type { MessageKey } from './i18n.ts';
import type { Permission } from './policy.ts';
import type { ViewCtx } from './view.ts';

const NAV: ReadonlyArray<{ href: string; key: MessageKey; permission: Permission; testid: string }> = [
  { href: '/dashboard', key: 'nav.dashboard', permission: 'dashboard.view', testid: 'nav-dashboard' },
  { href: '/approvals', key: 'approvals.title', permission: 'approvals.view', testid: 'nav-approvals' },
  { href: '/reports', key: 'reports.nav', permission: 'reports.view', testid: 'nav-reports' },
  { href: '/rollups', key: 'rollups.nav', permission: 'rollups.view', testid: 'nav-rollups' },
  {
    href: '/reintegration/outcomes',
    key: 'outcomes.title',
    permission: 'outcomes.view',
    testid: 'nav-outcomes',
  },
  {
    href: '/program-aksi/indicators',
    key: 'programAksi.ind.nav',
    permission: 'rollups.view',
    testid: 'nav-program-aksi-indicators',
  },
  { href: '/inmates', key: 'nav.inmates', permission: 'inmates.view', testid: 'nav-inmates' },
  {
    href: '/reintegration',
    key: 'reintegration.nav',
    permission: 'reintegration.view',
    testid: 'nav-reintegration',
  },
  { href: '/partners', key: 'nav.partners', permission: 'partners.view', testid: 'nav-partners' },
  { href: '/job-offers', key: 'nav.jobs', permission: 'jobs.view', testid: 'nav-jobs' },
  { href: '/agreements', key: 'nav.agreements', permission: 'agreements.view', testid: 'nav-agreements' },
  { href: '/programmes', key: 'nav.programmes', permission: 'programmes.view', testid: 'nav-programmes' },
  { href: '/intakes', key: 'selection.nav', permission: 'selection.view', testid: 'nav-intakes' },
  {
    href: '/attendance-reports',
    key: 'nav.attendanceReports',
    permission: 'attendance.view',
    testid: 'nav-attendance-reports',
  },
  { href: '/products', key: 'nav.products', permission: 'products.view', testid: 'nav-products' },
  { href: '/production', key: 'nav.production', permission: 'production.view', testid: 'nav-production' },
  { href: '/stock', key: 'nav.stock', permission: 'stock.view', testid: 'nav-stock' },
  { href: '/sales', key: 'nav.sales', permission: 'sales.view', testid: 'nav-sales' },
  {
    href: '/production-reports',
    key: 'nav.productionReports',
    permission: 'production.totals',
    testid: 'nav-production-reports',
  },
  { href: '/premi', key: 'nav.premi', permission: 'premi.view', testid: 'nav-premi' },
  { href: '/pnbp', key: 'pnbp.nav', permission: 'premi.view', testid: 'nav-pnbp' },
  { href: '/savings/payouts', key: 'savings.nav', permission: 'premi.view', testid: 'nav-savings' },
  { href: '/premi-totals', key: 'pnbp.totalsNav', permission: 'premi.totals', testid: 'nav-premi-totals' },
  {
    href: '/premi/national',
    key: 'premiNational.title',
    permission: 'premi.national',
    testid: 'nav-premi-national',
  },
  { href: '/follow-ups', key: 'followUps.nav', permission: 'followups.record', testid: 'nav-follow-ups' },
  { href: '/photos', key: 'nav.photos', permission: 'journal.photos', testid: 'nav-photos' },
  { href: '/newsroom', key: 'news.nav', permission: 'news.view', testid: 'nav-newsroom' },
  { href: '/gallery', key: 'gallery.nav', permission: 'gallery.manage', testid: 'nav-gallery' },
  { href: '/orders', key: 'orders.nav', permission: 'orders.view', testid: 'nav-orders' },
  { href: '/holidays', key: 'nav.holidays', permission: 'holidays.view', testid: 'nav-holidays' },
  { href: '/privacy', key: 'nav.privacy', permission: 'privacy.basis.view', testid: 'nav-privacy' },
  {
    href: '/privacy/retention',
    key: 'retention.nav',
    permission: 'privacy.retention',
    testid: 'nav-retention',
  },
  { href: '/units', key: 'nav.units', permission: 'units.view', testid: 'nav-units' },
  { href: '/admin/users', key: 'nav.users', permission: 'users.manage', testid: 'nav-users' },
  { href: '/admin/audit', key: 'nav.audit', permission: 'audit.view', testid: 'nav-audit' },
  {
    href: '/admin/program-aksi',
    key: 'programAksi.title',
    permission: 'reference.manage',
    testid: 'nav-program-aksi',
  },
  {
    href: '/admin/product-kinds',
    key: 'productKinds.title',
    permission: 'reference.manage',
    testid: 'nav-product-kinds',
  },
  { href: '/account', key: 'nav.account', permission: 'self', testid: 'nav-account' },
];

/** The page is this link's, or one below it: /premi marks /premi/runs/x, not /premi-totals. */
const isCurrent = (path: string, href: string) => {
  const p = path.split('?')[0] ?? path;
  return p === href || p.startsWith(`${href}/`);
};

export function Csrf({ ctx }: { ctx: ViewCtx }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

function LanguageSwitch({ ctx }: { ctx: ViewCtx }) {
  const other = ctx.lang === 'id' ? 'en' : 'id';
  return (
    <form method="post" action="/language" class="inline">
      <Csrf ctx={ctx} />
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="next" value={ctx.path} />
      <button type="submit" class="link" lang={other} data-testid="lang-switch">
        {ctx.t('lang.switch')}
      </button>
    </form>
  );
}

export function Layout({
  ctx,
  title,
  children,
}: {
  ctx: ViewCtx;
  title: string;
  children: ComponentChildren;
}) {
  const items = ctx.user ? NAV.filter((n) => ctx.can(n.permission)) : [];
  // The most specific link is the current one: /premi/national, not also /premi.
  const current = items
    .filter((n) => isCurrent(ctx.path, n.href))
    .reduce<string | undefined>((a, n) => (a && a.length >= n.href.length ? a : n.href), undefined);
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${ctx.t('app.name')}`}</title>
        <link rel="stylesheet" href={asset('app.css')} />
        <script src={asset('app.js')} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {ctx.t('nav.skip')}
        </a>
        <header class="top">
          <div class="brand">
            <a href="/">{ctx.t('app.name')}</a>
            {ctx.user?.homeName && <span class="home">{ctx.user.homeName}</span>}
          </div>
          {ctx.user ? (
            <details class="menu">
              <summary>{ctx.t('nav.menu')}</summary>
              <nav aria-label={ctx.t('nav.menu')}>
                <ul>
                  {items.map((n) => (
                    <li key={n.href}>
                      <a
                        href={n.href}
                        data-testid={n.testid}
                        aria-current={n.href === current ? 'page' : undefined}
                      >
                        {ctx.t(n.key)}
                      </a>
                    </li>
                  ))}
                  <li>
                    <LanguageSwitch ctx={ctx} />
                  </li>
                  <li>
                    <form method="post" action="/logout" class="inline">
                      <Csrf ctx={ctx} />
                      <button type="submit" class="link" data-testid="signout">
                        {ctx.t('nav.signout')} ({ctx.user.username})
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            </details>
          ) : (
            <LanguageSwitch ctx={ctx} />
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {ctx.flash && (
            <p class="flash" role="status" data-testid="flash">
              {ctx.t(ctx.flash)}
            </p>
          )}
          {children}
        </main>
        <footer class="foot">
          <small>{ctx.t('app.tagline')}</small>
        </footer>
      </body>
    </html>
  );
}
