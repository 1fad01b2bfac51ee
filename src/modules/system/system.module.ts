// The system module: health check, language switch and the OpenAPI document's routes.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { systemRoutes } from './system.routes.ts';

export const systemModule: AppModule = { routes: [systemRoutes] };
