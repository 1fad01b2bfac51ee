// Every feature module's routes, registered in one place.
import { accountRoutes } from '../modules/account/account.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { unitsRoutes } from '../modules/units/units.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import type { App } from './http.ts';

export async function registerModules(app: App): Promise<void> {
  for (const mod of [
    systemRoutes,
    authRoutes,
    dashboardRoutes,
    accountRoutes,
    unitsRoutes,
    usersRoutes,
    auditRoutes,
  ]) {
    await app.register(mod);
  }
}
