// Start page after sign-in: the user's unit dashboard, or the units in scope for regional and
// national users.

import { type App, ctxOf, userOf } from '../../app/http.ts';
import { can } from '../../app/policy.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { NATIONAL, withinUnit } from '../../app/scope.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { dueReminders } from '../agreements/agreements.reminders.ts';
import { absenceAlerts } from '../attendance-reports/attendance-reports.service.ts';
import { auditViewOf } from '../audit/audit.access.ts';
import { recentForUnit } from '../audit/audit.service.ts';
import { countPastExpiry, countPastExpiryByUnit } from '../inmates/inmates.service.ts';
import { premiTiles } from '../pnbp/pnbp.service.ts';
import { pendingNotices } from '../privacy/privacy.service.ts';
import { productionTiles } from '../production-reports/production-reports.service.ts';
import { unit as unitOf } from '../units/units.policy.ts';
import { listUnits, unitStats } from '../units/units.service.ts';
import { UnitDashboard, UnitsOverview } from './dashboard.views.tsx';

const perm = { permission: 'dashboard.view' as const };

export async function dashboardRoutes(app: App) {
  app.get('/', { config: { permission: 'public' } }, async (req, reply) =>
    reply.redirect(req.user ? '/dashboard' : '/login', 303),
  );

  const unitPage = async (req: Parameters<typeof viewCtx>[0], unitId: string) => {
    const ctx = ctxOf(req);
    const user = userOf(req);
    const unit = await unitOf(ctx, unitId);
    // Who did what recently: unit-level audit readers only; offices read counts (audit.access.ts).
    const recent = auditViewOf(user.roles) === 'records' ? await recentForUnit(app.db, unit.id, 8) : null;
    const now = ctx.now;
    // The unit's own calendar day decides "ending within 30 days", wherever the viewer sits.
    const reminders = can(user.roles, 'agreements.view')
      ? await dueReminders(ctx, today(ctx, unit.timezone), withinUnit(ctx.who.scope, unit.id))
      : null;
    // Names only for those who take attendance; regional and national viewers get the count.
    const threshold = app.config.attendanceAbsenceAlert;
    const alerts = await absenceAlerts(ctxOf(req), { unitId: unit.id, threshold });
    const absences = {
      threshold,
      count: alerts.length,
      items: can(user.roles, 'attendance.view') ? alerts : null,
    };
    // UU 27/2022: breaches still to notify, counting down to their 3 x 24 h deadline.
    const breaches = can(user.roles, 'privacy.breaches.view')
      ? await pendingNotices(ctx, withinUnit(NATIONAL, unit.id))
      : null;
    // Still active after their tanggal ekspirasi (the unit's local date): a link to the names for
    // unit staff who read the register; offices see the count only.
    const pastExpiry = {
      count: await countPastExpiry(ctx, unit.id),
      link: can(user.roles, 'inmates.view') && user.unitId === unit.id,
    };
    // This month's production, pass rate, unpaid partner invoices, low stock: sums and counts only.
    const production = can(user.roles, 'production.totals')
      ? await productionTiles(ctx, { unitId: unit.id })
      : null;
    // PNBP still owed and premi runs waiting: the unit's own staff (premi.view) only.
    const premi =
      can(user.roles, 'premi.view') && user.unitId === unit.id
        ? await premiTiles(ctx, { unitId: unit.id })
        : null;
    return renderPage(
      UnitDashboard({
        ctx: viewCtx(req),
        unit,
        pastExpiry,
        breaches,
        stats: await unitStats(app.db, unit.id),
        recent,
        reminders,
        absences,
        production,
        premi,
        now,
      }),
    );
  };

  app.get('/dashboard', { config: perm }, async (req, reply) => {
    const user = userOf(req);
    if (user.unitId) return reply.html(await unitPage(req, user.unitId));
    const units = await listUnits(ctxOf(req));
    // People active past their tanggal ekspirasi, as a count per unit (offices see no names).
    const pastExpiry = await countPastExpiryByUnit(ctxOf(req));
    const breaches = can(user.roles, 'privacy.breaches.view')
      ? await pendingNotices(ctxOf(req), user.scope)
      : null;
    return reply.html(renderPage(UnitsOverview({ ctx: viewCtx(req), units, breaches, pastExpiry })));
  });

  app.get('/dashboard/:id', { config: perm, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await unitPage(req, req.params.id)),
  );
}
