// The unit dashboard: the unit's own date and time, its people, and recent activity. Later
// modules (programmes, attendance, production, agreements) add their panels here.

import { formatDateLong, formatTime } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { Reminder } from '../agreements/agreements.reminders.ts';
import { RemindersPanel } from '../agreements/agreements.reminders.views.tsx';
import type { AbsenceAlert } from '../attendance-reports/attendance-reports.service.ts';
import { AbsenceAlertsPanel } from '../attendance-reports/attendance-reports.views.tsx';
import { PastExpiryPanel } from '../inmates/inmates.expiry.panel.tsx';
import type { PremiTiles as PremiTilesData } from '../pnbp/pnbp.service.ts';
import { PremiTiles } from '../pnbp/pnbp.tiles.tsx';
import { BreachDeadlinesPanel } from '../privacy/privacy.panel.tsx';
import type { Breach } from '../privacy/privacy.service.ts';
import type { ProductionTiles as ProductionTilesData } from '../production-reports/production-reports.service.ts';
import { ProductionTiles } from '../production-reports/production-reports.tiles.tsx';

export interface UnitSummary {
  id: string;
  name: string;
  kanwil_name: string;
  timezone: TimeZone;
}

export interface RecentItem {
  at: Date;
  actor_name: string;
  action: string;
}

export function UnitDashboard({
  ctx,
  unit,
  stats,
  recent,
  reminders,
  absences,
  production = null,
  premi = null,
  now,
  pastExpiry,
  breaches,
}: {
  ctx: ViewCtx;
  unit: UnitSummary;
  breaches: Breach[] | null;
  stats: { activeUsers: number };
  recent: RecentItem[] | null;
  reminders: Reminder[] | null;
  absences: { threshold: number; count: number; items: AbsenceAlert[] | null };
  /** This month's production figures, for those who read production totals. */
  production?: ProductionTilesData | null;
  /** PNBP still owed and premi runs waiting, for the unit's staff (premi.view). */
  premi?: PremiTilesData | null;
  pastExpiry: { count: number; link: boolean };
  now: Date;
}) {
  const zone = unit.timezone;
  return (
    <Layout ctx={ctx} title={ctx.t('dashboard.title')}>
      <h1 data-testid="dashboard-title">{unit.name}</h1>
      <p class="muted">{unit.kanwil_name}</p>
      <div class="cards">
        <section class="card" aria-labelledby="c-today">
          <h2 id="c-today">{ctx.t('dashboard.today')}</h2>
          <p class="big" data-testid="dashboard-date">
            {formatDateLong(now, zone, ctx.lang)}
          </p>
          <p>
            {ctx.t('dashboard.localTime')}: <strong>{formatTime(now, zone, ctx.lang)}</strong>
          </p>
        </section>
        <section class="card" aria-labelledby="c-staff">
          <h2 id="c-staff">{ctx.t('dashboard.staff')}</h2>
          <p class="big">{stats.activeUsers}</p>
        </section>
        {breaches && <BreachDeadlinesPanel ctx={ctx} items={breaches} />}
        {production && <ProductionTiles ctx={ctx} tiles={production} unitId={unit.id} />}
        {premi && <PremiTiles ctx={ctx} tiles={premi} unitId={unit.id} />}
        {reminders && <RemindersPanel ctx={ctx} items={reminders} />}
        <PastExpiryPanel ctx={ctx} count={pastExpiry.count} link={pastExpiry.link} />
        <AbsenceAlertsPanel
          ctx={ctx}
          threshold={absences.threshold}
          items={absences.items}
          count={absences.count}
        />
      </div>
      {recent && (
        <section aria-labelledby="c-recent">
          <h2 id="c-recent">{ctx.t('dashboard.recent')}</h2>
          {recent.length === 0 ? (
            <p>{ctx.t('common.none')}</p>
          ) : (
            <ul class="plain">
              {recent.map((r) => (
                <li key={`${r.at.toISOString()}${r.action}`}>
                  <time datetime={r.at.toISOString()}>{formatTime(r.at, zone, ctx.lang)}</time> ·{' '}
                  {r.actor_name} · <code>{r.action}</code>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Layout>
  );
}

export function UnitsOverview({
  ctx,
  units,
  breaches = null,
  pastExpiry = new Map(),
}: {
  ctx: ViewCtx;
  units: UnitSummary[];
  breaches?: Breach[] | null;
  /** Active people past their tanggal ekspirasi, per unit id (counts only). */
  pastExpiry?: ReadonlyMap<string, number>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('dashboard.title')}>
      <h1 data-testid="dashboard-title">{ctx.t('dashboard.title')}</h1>
      {breaches && (
        <div class="cards">
          <BreachDeadlinesPanel ctx={ctx} items={breaches} />
        </div>
      )}
      <h2>{ctx.t('dashboard.units')}</h2>
      {units.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="cards" data-testid="unit-cards">
          {units.map((u) => (
            <li class="card" key={u.id}>
              <a href={`/dashboard/${u.id}`}>{u.name}</a>
              <p class="muted">{u.kanwil_name}</p>
              {(pastExpiry.get(u.id) ?? 0) > 0 && (
                <p data-testid={`past-expiry-${u.id}`}>
                  {ctx.t('inmates.expiry.overviewCount', { n: pastExpiry.get(u.id) ?? 0 })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
