// A session's roll call: its page, its API and its texts.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { attendanceApi } from './attendance.api.ts';
import * as messages from './attendance.messages.ts';
import { attendanceRoutes } from './attendance.routes.ts';

export const attendanceModule: AppModule = {
  routes: [attendanceRoutes, attendanceApi],
  messages: [messages],
};
