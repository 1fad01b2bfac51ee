// Attendance summaries per programme and session, with their XLSX and PDF exports.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { attendanceReportsApi } from './attendance-reports.api.ts';
import * as messages from './attendance-reports.messages.ts';
import { attendanceReportsRoutes } from './attendance-reports.routes.ts';

export const attendanceReportsModule: AppModule = {
  routes: [attendanceReportsRoutes, attendanceReportsApi],
  messages: [messages],
};
