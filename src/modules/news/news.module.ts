// News from recorded events (#17): Humas drafts from templates, the Kepala UPT approves, Humas publishes.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';

export const newsModule: AppModule = { routes: [] };
