// Every feature module's routes, registered in one place.
import { accountRoutes } from '../modules/account/account.routes.ts';
import { agreementsApi } from '../modules/agreements/agreements.api.ts';
import { agreementsRoutes } from '../modules/agreements/agreements.routes.ts';
import { attendanceApi } from '../modules/attendance/attendance.api.ts';
import { attendanceRoutes } from '../modules/attendance/attendance.routes.ts';
import { attendanceReportsApi } from '../modules/attendance-reports/attendance-reports.api.ts';
import { attendanceReportsRoutes } from '../modules/attendance-reports/attendance-reports.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { certificatesApi } from '../modules/certificates/certificates.api.ts';
import { certificatesRoutes } from '../modules/certificates/certificates.routes.ts';
import { competenciesApi } from '../modules/competencies/competencies.api.ts';
import { competenciesRoutes } from '../modules/competencies/competencies.routes.ts';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { enrolmentsRoutes } from '../modules/enrolments/enrolments.routes.ts';
import { filesRoutes } from '../modules/files/files.routes.ts';
import { holidaysRoutes } from '../modules/holidays/holidays.routes.ts';
import { inmatesApi } from '../modules/inmates/inmates.api.ts';
import { inmatesImportRoutes } from '../modules/inmates/inmates.import.routes.ts';
import { inmatesRoutes } from '../modules/inmates/inmates.routes.ts';
import { journalApi } from '../modules/journal/journal.api.ts';
import { journalRoutes } from '../modules/journal/journal.routes.ts';
import { partnersRoutes } from '../modules/partners/partners.routes.ts';
import { privacyApi } from '../modules/privacy/privacy.api.ts';
import { privacyRoutes } from '../modules/privacy/privacy.routes.ts';
import { programAksiRoutes } from '../modules/program-aksi/program-aksi.routes.ts';
import { programmesApi } from '../modules/programmes/programmes.api.ts';
import { programmesRoutes } from '../modules/programmes/programmes.routes.ts';
import { selectionApi } from '../modules/selection/selection.api.ts';
import { selectionRoutes } from '../modules/selection/selection.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { unitsRoutes } from '../modules/units/units.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import type { App } from './http.ts';

export async function registerModules(app: App): Promise<void> {
  const modules = [
    systemRoutes,
    authRoutes,
    dashboardRoutes,
    accountRoutes,
    unitsRoutes,
    usersRoutes,
    auditRoutes,
    programAksiRoutes,
    partnersRoutes,
    agreementsRoutes,
    agreementsApi,
    filesRoutes,
    holidaysRoutes,
    programmesRoutes,
    programmesApi,
    selectionRoutes,
    enrolmentsRoutes,
    certificatesRoutes,
    certificatesApi,
    attendanceRoutes,
    attendanceApi,
    journalRoutes,
    journalApi,
    competenciesRoutes,
    competenciesApi,
    selectionApi,
    inmatesRoutes,
    inmatesApi,
    inmatesImportRoutes,
    attendanceReportsRoutes,
    attendanceReportsApi,
    privacyRoutes,
    privacyApi,
  ];
  for (const mod of modules) await app.register(mod);
}
