import type { AppModule } from '../../app/module.ts';
import * as messages from './gallery.messages.ts';

export const galleryModule: AppModule = { routes: [], messages: [messages] };
