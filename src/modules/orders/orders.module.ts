import type { AppModule } from '../../app/module.ts';
import * as messages from './orders.messages.ts';

export const ordersModule: AppModule = { routes: [], messages: [messages] };
