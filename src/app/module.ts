// What a feature module gives the application, declared once in its `<name>.module.ts`: its routes,
// its background jobs and its interface texts. The composition root (src/modules.ts) lists them.
import type { App } from './http.ts';
import type { Dictionary } from './i18n.ts';
import type { Job } from './jobs.ts';

export interface AppModule {
  /** Registered in this order (the order of the OpenAPI document's paths). */
  routes: readonly ((app: App) => Promise<void>)[];
  jobs?: readonly Job[];
  messages?: readonly Dictionary[];
}
