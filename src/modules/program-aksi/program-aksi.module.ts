// The Program Aksi reference list (the ministry's programme themes).
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';
import { programAksiRoutes } from './program-aksi.routes.ts';

export const programAksiModule: AppModule = { routes: [programAksiRoutes] };
