// The dashboards. A unit's staff see panels built from what their roles do, in the order the route
// decides (petugas first for a user with several roles); offices above the units see every unit's
// figures. Every event is in words (audit.words.ts), never its code.

import type { ComponentChildren, VNode } from 'preact';
import { formatDateLong, formatTime } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { Reminder } from '../agreements/agreements.reminders.ts';
import { RemindersPanel } from '../agreements/agreements.reminders.views.tsx';
import { ApprovalsPanel } from '../approvals/approvals.panel.tsx';
import type { ApprovalItem } from '../approvals/approvals.service.ts';
import type { AbsenceAlert } from '../attendance-reports/attendance-reports.service.ts';
import { AbsenceAlertsPanel } from '../attendance-reports/attendance-reports.views.tsx';
import { actionLabel } from '../audit/audit.words.ts';
import { FollowUpsPanel } from '../follow-ups/follow-ups.panel.tsx';
import { PastExpiryPanel } from '../inmates/inmates.expiry.panel.tsx';
import type { PremiTiles as PremiTilesData } from '../pnbp/pnbp.service.ts';
import { PremiTiles } from '../pnbp/pnbp.tiles.tsx';
import { BreachDeadlinesPanel } from '../privacy/privacy.panel.tsx';
import type { Breach } from '../privacy/privacy.service.ts';
import type { ProductionTiles as ProductionTilesData } from '../production-reports/production-reports.service.ts';
import { ProductionTiles } from '../production-reports/production-reports.tiles.tsx';
import type { SessionStatus } from '../programmes/sessions.status.ts';
import type { PipelineSummary } from '../reintegration/reintegration.summary.ts';
import { ReleasePanel } from '../reintegration/reintegration.views.tsx';
import { FiguresPanel } from './dashboard.figures.tsx';
import { NewsroomPanels } from './dashboard.humas.tsx';
import { OrdersPanel } from './dashboard.orders.tsx';
import type { ImportRow } from './dashboard.repo.ts';
import type { Newsroom, UnitFigures } from './dashboard.service.ts';
import { ImportsPanel, MissingPanel, SessionsPanel } from './dashboard.work.tsx';

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

/** Everything a unit dashboard may show; the route fills what the viewer's roles call for. */
export interface UnitPanels {
  sessions?: { next: SessionStatus[]; missing: SessionStatus[]; mine: boolean };
  absences?: { threshold: number; count: number; items: AbsenceAlert[] | null };
  imports?: ImportRow[];
  reminders?: Reminder[];
  production?: ProductionTilesData;
  premi?: PremiTilesData;
  approvals?: ApprovalItem[];
  figures?: UnitFigures;
  breaches?: Breach[];
  newsroom?: Newsroom;
  pastExpiry?: { count: number; link: boolean };
  release?: { summary: PipelineSummary; link: boolean };
  followUps?: { overdue: number; today: number; upcoming: number };
  /** Order inquiries from the public gallery waiting for a decision (issue 17). */
  orders?: { pending: number };
  recent?: RecentItem[];
}
export type PanelKey = keyof UnitPanels;

/** A panel and whether it spans the page (a list of cards of its own) or is one card in the grid. */
type Piece = { wide: boolean; node: VNode };

function pieces(ctx: ViewCtx, unit: UnitSummary, now: Date, p: UnitPanels, key: PanelKey): Piece[] {
  const zone = unit.timezone;
  const card = (node: VNode): Piece[] => [{ wide: false, node }];
  const wide = (node: VNode): Piece[] => [{ wide: true, node }];
  switch (key) {
    case 'sessions':
      if (!p.sessions) return [];
      return [
        ...wide(<SessionsPanel ctx={ctx} next={p.sessions.next} zone={zone} mine={p.sessions.mine} />),
        ...wide(<MissingPanel ctx={ctx} missing={p.sessions.missing} zone={zone} />),
      ];
    case 'absences':
      return p.absences
        ? card(
            <AbsenceAlertsPanel
              ctx={ctx}
              threshold={p.absences.threshold}
              items={p.absences.items}
              count={p.absences.count}
            />,
          )
        : [];
    case 'imports':
      return p.imports?.length ? card(<ImportsPanel ctx={ctx} items={p.imports} zone={zone} />) : [];
    case 'reminders':
      return p.reminders ? card(<RemindersPanel ctx={ctx} items={p.reminders} />) : [];
    case 'production':
      return p.production ? card(<ProductionTiles ctx={ctx} tiles={p.production} unitId={unit.id} />) : [];
    case 'premi':
      return p.premi ? card(<PremiTiles ctx={ctx} tiles={p.premi} unitId={unit.id} />) : [];
    case 'approvals':
      return p.approvals ? card(<ApprovalsPanel ctx={ctx} items={p.approvals} zone={zone} now={now} />) : [];
    case 'figures':
      return p.figures ? card(<FiguresPanel ctx={ctx} f={p.figures} />) : [];
    case 'breaches':
      return p.breaches ? card(<BreachDeadlinesPanel ctx={ctx} items={p.breaches} />) : [];
    case 'newsroom':
      return p.newsroom ? wide(<NewsroomPanels ctx={ctx} d={p.newsroom} />) : [];
    case 'pastExpiry':
      return p.pastExpiry
        ? card(<PastExpiryPanel ctx={ctx} count={p.pastExpiry.count} link={p.pastExpiry.link} />)
        : [];
    case 'release':
      return p.release ? card(<ReleasePanel ctx={ctx} s={p.release.summary} link={p.release.link} />) : [];
    case 'followUps':
      return p.followUps ? card(<FollowUpsPanel ctx={ctx} counts={p.followUps} />) : [];
    case 'orders':
      return p.orders ? card(<OrdersPanel ctx={ctx} pending={p.orders.pending} />) : [];
    case 'recent':
      return p.recent ? wide(<RecentPanel ctx={ctx} items={p.recent} zone={zone} />) : [];
  }
}

/** Cards side by side in a grid; a wide panel breaks the grid and takes the page's width. */
function Flow({ items }: { items: Piece[] }) {
  const out: ComponentChildren[] = [];
  let run: VNode[] = [];
  const flush = () => {
    if (run.length) out.push(<div class="cards">{run}</div>);
    run = [];
  };
  for (const it of items) {
    if (it.wide) {
      flush();
      out.push(it.node);
    } else run.push(it.node);
  }
  flush();
  return <>{out}</>;
}

export function RecentPanel({ ctx, items, zone }: { ctx: ViewCtx; items: RecentItem[]; zone: TimeZone }) {
  return (
    <section aria-labelledby="c-recent" data-testid="dashboard-recent">
      <h2 id="c-recent">{ctx.t('dashboard.recent')}</h2>
      {items.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain">
          {items.map((r) => (
            <li key={`${r.at.toISOString()}${r.action}`}>
              <time datetime={r.at.toISOString()}>{formatTime(r.at, zone, ctx.lang)}</time> · {r.actor_name}:{' '}
              {actionLabel(ctx.t, r.action)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function UnitDashboard({
  ctx,
  unit,
  now,
  order,
  panels,
}: {
  ctx: ViewCtx;
  unit: UnitSummary;
  now: Date;
  /** Which panels, in which order (each at most once). */
  order: readonly PanelKey[];
  panels: UnitPanels;
}) {
  const zone = unit.timezone;
  const today = (
    <section class="card" aria-labelledby="c-today">
      <h2 id="c-today">{ctx.t('dashboard.today')}</h2>
      <p class="big" data-testid="dashboard-date">
        {formatDateLong(now, zone, ctx.lang)}
      </p>
      <p>
        {ctx.t('dashboard.localTime')}: <strong>{formatTime(now, zone, ctx.lang)}</strong>
      </p>
    </section>
  );
  const items: Piece[] = [{ wide: false, node: today }];
  for (const key of new Set(order)) items.push(...pieces(ctx, unit, now, panels, key));
  return (
    <Layout ctx={ctx} title={ctx.t('dashboard.title')}>
      <h1 data-testid="dashboard-title">{unit.name}</h1>
      <p class="muted">{unit.kanwil_name}</p>
      <Flow items={items} />
    </Layout>
  );
}
