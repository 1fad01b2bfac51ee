// The product catalogue (#11): products with their kind, route, programme, bill of materials and
// photo, the piece rate in force for each, and the national list of product kinds. Listed once in
// src/modules.ts, which also lets the files module ask `product` before serving a product's photo.
import type { AppModule } from '../../app/module.ts';
import { productKindsRoutes } from './product-kinds.routes.ts';
import { productsApi } from './products.api.ts';
import * as messages from './products.messages.ts';
import { productsRoutes } from './products.routes.ts';

export const productsModule: AppModule = {
  routes: [productsRoutes, productsApi, productKindsRoutes],
  messages: [messages],
};
