import type { AppModule } from '../../app/module.ts';
import * as messages from './news.messages.ts';

export const newsModule: AppModule = { routes: [], messages: [messages] };
