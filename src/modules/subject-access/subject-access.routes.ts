// A data-subject request (privacy.subject_export): the overview page /privacy/subjects/:inmateId and
// the copy itself as JSON (.json) and PDF (.pdf). The downloads are audited; every answer is
// written to the person's access log.
import { Type } from 'typebox';
import { contentDisposition } from '../../app/downloads.ts';
import { type App, ctxOf } from '../../app/http.ts';
import { uuid } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { inmateViewed } from '../privacy/privacy.hooks.ts';
import { subjectPdf } from './subject-access.pdf.ts';
import * as service from './subject-access.service.ts';
import { SubjectPage } from './subject-access.views.tsx';

const Params = Type.Object({ inmateId: uuid });
const config = { permission: 'privacy.subject_export' as const };

/** "subjek-b-i-1234-2025-2026-12-02": the register number, never the name, in the file name. */
const fileName = (d: service.SubjectData, ext: string) =>
  `data-pribadi-${d.register.reg_number.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}-${d.generated_at.toISOString().slice(0, 10)}.${ext}`;

export async function subjectAccessRoutes(app: App) {
  app.get('/privacy/subjects/:inmateId', { config, schema: { params: Params } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.subjectData(ctx, req.params.inmateId);
    await inmateViewed(ctx.db, req, req.params.inmateId);
    return reply.html(
      renderPage(
        SubjectPage({
          ctx: viewCtx(req),
          inmateId: req.params.inmateId,
          name: d.register.name,
          nikMasked: d.register.nik_masked,
          counts: service.sectionCounts(d),
        }),
      ),
    );
  });

  app.get('/privacy/subjects/:inmateId.json', { config, schema: { params: Params } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.exportSubject(ctx, req.params.inmateId, 'json', {
      requestId: req.id,
      source: `GET ${req.routeOptions.url}`,
    });
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', fileName(d, 'json')))
      .header('cache-control', 'private, no-store')
      .send(JSON.stringify(d, null, 2));
  });

  app.get('/privacy/subjects/:inmateId.pdf', { config, schema: { params: Params } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const d = await service.exportSubject(ctx, req.params.inmateId, 'pdf', {
      requestId: req.id,
      source: `GET ${req.routeOptions.url}`,
    });
    const pdf = await subjectPdf(d, await service.letterheadOf(ctx, d));
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', fileName(d, 'pdf')))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
