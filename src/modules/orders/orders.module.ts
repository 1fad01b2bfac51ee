// Order inquiries from the public gallery (#17): a pending order the unit's staff confirm into a sale.
// Listed once in src/modules.ts.
import type { AppModule } from '../../app/module.ts';

export const ordersModule: AppModule = { routes: [] };
