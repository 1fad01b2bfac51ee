// Participants of a programme: enrolling, adding a pemagang or petugas, changing a place's status.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { enrolmentsApi } from './enrolments.api.ts';
import { enrolmentsRoutes } from './enrolments.routes.ts';

export const enrolmentsModule: AppModule = { routes: [enrolmentsRoutes, enrolmentsApi] };
