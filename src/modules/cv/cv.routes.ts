// The staff route of the CV: /reintegration/:inmateId/cv.pdf for the unit's staff (reintegration.view;
// a Bapas officer's scope holds no unit, so the person is not found). The partner's route is the
// job-offers module's, through cvForPartner.
import { Type } from 'typebox';
import { contentDisposition } from '../../app/downloads.ts';
import { type App, ctxOf } from '../../app/http.ts';
import { uuid } from '../../app/schema.ts';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import { cvPdf, setPublicBaseUrl } from './cv.service.ts';

const Params = Type.Object({ inmateId: uuid });

export async function cvRoutes(app: App) {
  setPublicBaseUrl(app.config.publicBaseUrl);
  app.get(
    '/reintegration/:inmateId/cv.pdf',
    { config: { permission: 'reintegration.view' }, schema: { params: Params } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const file = await cvPdf(ctx, req.params.inmateId, app.config.publicBaseUrl);
      await inmateViewed(ctx.db, req, req.params.inmateId, 'export');
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', file.filename))
        .header('cache-control', 'private, no-store')
        .send(file.pdf);
    },
  );
}
