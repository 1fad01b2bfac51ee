// Start page after sign-in: a unit's staff get the dashboard their roles call for (petugas panels
// first for a user with several roles); regional and national users get every unit's figures;
// /dashboard/:id is one unit's page, for an office the unit's figures without names.

import type { FastifyRequest } from 'fastify';
import { type App, ctxOf, userOf } from '../../app/http.ts';
import { can } from '../../app/policy.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { NATIONAL, scopeSupervisor, withinUnit } from '../../app/scope.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { Role } from '../../db/schema.ts';
import { dueReminders } from '../agreements/agreements.reminders.ts';
import { approvalsInbox } from '../approvals/approvals.service.ts';
import { absenceAlerts } from '../attendance-reports/attendance-reports.service.ts';
import { auditViewOf } from '../audit/audit.access.ts';
import { recentForUnit } from '../audit/audit.service.ts';
import { dueCounts } from '../follow-ups/follow-ups.service.ts';
import { countPastExpiry } from '../inmates/inmates.service.ts';
import { pendingCount as pendingOrders } from '../orders/orders.service.ts';
import { premiTiles } from '../pnbp/pnbp.service.ts';
import { pendingNotices } from '../privacy/privacy.service.ts';
import { productionTiles } from '../production-reports/production-reports.service.ts';
import { pipelineSummary } from '../reintegration/reintegration.summary.ts';
import { unit as unitOf } from '../units/units.policy.ts';
import { OfficeDashboard } from './dashboard.office.tsx';
import {
  importsInProgress,
  newsroom,
  officeFigures,
  unitFigures,
  workSessions,
} from './dashboard.service.ts';
import { type PanelKey, UnitDashboard, type UnitPanels } from './dashboard.views.tsx';

const perm = { permission: 'dashboard.view' as const };

/** Each role's panels, in its order; a user with several roles sees the union, petugas first. */
const PANELS: Record<Role, readonly PanelKey[]> = {
  petugas: [
    'sessions',
    'absences',
    'imports',
    'reminders',
    'production',
    'premi',
    'pastExpiry',
    'release',
    'followUps',
    'orders',
  ],
  kepala_upt: [
    'approvals',
    'breaches',
    'figures',
    'absences',
    'reminders',
    'production',
    'premi',
    'pastExpiry',
    'release',
    'followUps',
    'orders',
    'recent',
  ],
  // Her own partner's participants absent several sessions in a row (the scope keeps it to them).
  instruktur_mitra: ['sessions', 'absences'],
  humas: ['newsroom'],
  // A Bapas probation officer: the follow-ups due of the people assigned to them (issue 16).
  pembimbing_kemasyarakatan: ['followUps'],
  admin: ['breaches', 'pastExpiry', 'recent'],
  // Offices looking at one unit: its figures and totals, never a name.
  kanwil: ['figures', 'production', 'absences', 'pastExpiry'],
  pusat: ['figures', 'production', 'absences', 'pastExpiry'],
};
const ROLE_ORDER: readonly Role[] = [
  'petugas',
  'kepala_upt',
  'instruktur_mitra',
  'humas',
  'pembimbing_kemasyarakatan',
  'admin',
  'kanwil',
  'pusat',
];

export function panelOrder(roles: readonly Role[]): PanelKey[] {
  return [...new Set(ROLE_ORDER.filter((r) => roles.includes(r)).flatMap((r) => PANELS[r]))];
}

export async function dashboardRoutes(app: App) {
  app.get('/', { config: { permission: 'public' } }, async (req, reply) =>
    reply.redirect(req.user ? '/dashboard' : '/login', 303),
  );

  const unitPage = async (req: FastifyRequest, unitId: string) => {
    const ctx = ctxOf(req);
    const user = userOf(req);
    // A Bapas officer's scope holds no unit, only their assigned people: their own Bapas is still
    // the page they stand on (its name and clock), nothing of its records.
    const supervisor = scopeSupervisor(user.scope) !== undefined && user.unitId === unitId;
    const unit = await unitOf(
      supervisor ? { ...ctx, who: { ...ctx.who, scope: withinUnit(NATIONAL, unitId) } } : ctx,
      unitId,
    );
    const own = user.unitId === unit.id;
    // Someone else's unit (an office, a national administrator): that unit's figures, no names.
    const order = own
      ? panelOrder(user.roles)
      : (['figures', 'production', 'absences', 'pastExpiry'] as PanelKey[]);
    const wants = new Set(order);
    const day = today(ctx, unit.timezone);
    const p: UnitPanels = {};
    const jobs: Array<Promise<unknown>> = [];
    const load = <K extends PanelKey>(key: K, when: boolean, f: () => Promise<UnitPanels[K]>) => {
      if (wants.has(key) && when) jobs.push(f().then((v) => (p[key] = v)));
    };
    const mine = !user.roles.includes('petugas') && user.roles.includes('instruktur_mitra');
    load('sessions', can(user.roles, 'programmes.view') && own, async () => ({
      ...(await workSessions(ctx, {
        unitId: unit.id,
        day,
        lockDays: app.config.attendanceLockDays,
        next: mine ? 6 : 4,
      })),
      mine,
    }));
    // Names only for those who take attendance; regional and national viewers get the count.
    load('absences', true, async () => {
      const threshold = app.config.attendanceAbsenceAlert;
      const alerts = await absenceAlerts(ctx, { unitId: unit.id, threshold });
      return { threshold, count: alerts.length, items: can(user.roles, 'attendance.view') ? alerts : null };
    });
    load('imports', can(user.roles, 'inmates.manage') && own, () => importsInProgress(ctx, unit.id));
    // The unit's own calendar day decides "ending within 30 days", wherever the viewer sits.
    load('reminders', can(user.roles, 'agreements.view'), () =>
      dueReminders(ctx, day, withinUnit(ctx.who.scope, unit.id)),
    );
    // This month's production, pass rate, unpaid partner invoices, low stock: sums and counts only.
    load('production', can(user.roles, 'production.totals'), () => productionTiles(ctx, { unitId: unit.id }));
    // PNBP still owed, premi runs waiting and payouts due: the unit's own staff (premi.view) only.
    load('premi', can(user.roles, 'premi.view') && own, () => premiTiles(ctx, { unitId: unit.id }));
    load('approvals', own, () => approvalsInbox(ctx, { unitId: unit.id }));
    load('figures', true, () => unitFigures(ctx, { unitId: unit.id, zone: unit.timezone }));
    // UU 27/2022: breaches still to notify, counting down to their 3 x 24 h deadline.
    load('breaches', can(user.roles, 'privacy.breaches.view'), () =>
      pendingNotices(ctx, withinUnit(NATIONAL, unit.id)),
    );
    load('newsroom', can(user.roles, 'journal.photos') && own, () => newsroom(ctx, { unitId: unit.id, day }));
    // Still active after their tanggal ekspirasi: a link to the names for staff who read the register.
    load('pastExpiry', true, async () => ({
      count: await countPastExpiry(ctx, unit.id),
      link: can(user.roles, 'inmates.view') && own,
    }));
    // Leaving within 30 and 90 days by the unit's own date, checklist items overdue (issue 16).
    load('release', can(user.roles, 'reintegration.view') && own, async () => ({
      summary: await pipelineSummary(ctx, unit.id),
      link: true,
    }));
    // Follow-ups after release due, overdue or coming (issue 16): the unit's people, or a Bapas
    // officer's assigned people wherever they were released from.
    load('followUps', can(user.roles, 'followups.record') && own, () =>
      dueCounts(ctx, { unitId: supervisor ? null : unit.id }),
    );
    // Order inquiries from the public gallery still waiting for the unit's decision (issue 17).
    load('orders', can(user.roles, 'orders.view') && own, async () => ({
      pending: await pendingOrders(ctx, unit.id),
    }));
    // Who did what recently, in words: unit-level audit readers only (audit.access.ts).
    load('recent', auditViewOf(user.roles) === 'records', () => recentForUnit(app.db, unit.id, 8));
    await Promise.all(jobs);
    return renderPage(UnitDashboard({ ctx: viewCtx(req), unit, now: ctx.now, order, panels: p }));
  };

  app.get('/dashboard', { config: perm }, async (req, reply) => {
    const user = userOf(req);
    if (user.unitId) return reply.html(await unitPage(req, user.unitId));
    const ctx = ctxOf(req);
    const [d, breaches] = await Promise.all([
      officeFigures(ctx),
      can(user.roles, 'privacy.breaches.view') ? pendingNotices(ctx, user.scope) : null,
    ]);
    const vc = viewCtx(req);
    const title = user.homeName ?? vc.t('dashboard.office.national');
    return reply.html(renderPage(OfficeDashboard({ ctx: vc, title, d, breaches })));
  });

  app.get('/dashboard/:id', { config: perm, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await unitPage(req, req.params.id)),
  );
}
