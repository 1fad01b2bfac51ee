// The public product gallery (#17): which products Humas shows, with a confirmed photo.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';

export const galleryModule: AppModule = { routes: [] };
