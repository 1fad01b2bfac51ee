// The offline module: serves the service worker that keeps the hall pages (roll call, production
// log) readable without a signal. Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { offlineRoutes } from './offline.routes.ts';

export const offlineModule: AppModule = { routes: [offlineRoutes] };
