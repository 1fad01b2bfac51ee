// SDP import: upload (queued as a job), progress, preview (stored, nothing else written) and
// confirm (a second job writes it all); pages, a JSON status for the progress bar, and /api/v1.
import { Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, setFlash } from '../../app/http.ts';
import { isMessageKey } from '../../app/i18n.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { enqueueImport } from './inmates.import.jobs.ts';
import * as service from './inmates.import.service.ts';
import {
  ImportPreviewPage,
  ImportProgressPage,
  ImportUploadPage,
  isRunning,
  phaseText,
} from './inmates.import.views.tsx';
import { importLimits } from './inmates.import.xlsx.ts';
import { AbsentBody } from './inmates.schema.ts';

const manage = { permission: 'inmates.manage' as const };
const tags = ['inmates'];

const ImportOut = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  status: Type.String({ description: 'queued, parsing, previewed, applying, applied or failed' }),
  progress: Type.Object({ done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]) }),
  error: Type.Union([Type.String(), Type.Null()]),
  create: Type.Integer(),
  update: Type.Integer(),
  absent: Type.Array(Type.Object({ id: Type.String(), reg_number: Type.String(), name: Type.String() })),
  absent_status: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      action: Type.String(),
      reg_number: Type.String(),
      name: Type.String(),
    }),
  ),
  problems: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
});

const readFile = (body: unknown) => oneUpload(body, 'file', 'import.missingFile');

export async function inmatesImportRoutes(app: App) {
  const limits = importLimits(app.config);
  const uploadPage = (req: FastifyRequest, form: FormState) =>
    renderPage(ImportUploadPage({ ctx: viewCtx(req), form }));

  app.get('/inmates/import', { config: manage }, async (req, reply) =>
    reply.html(uploadPage(req, emptyForm())),
  );

  app.post('/inmates/import', { config: manage }, async (req, reply) => {
    let id = '';
    // Multipart bodies carry file objects, not answers to echo back into the form.
    const body = req.body;
    req.body = {};
    return submitForm(req, reply, {
      render: (form) => uploadPage(req, form),
      action: async () => {
        const file = await readFile(body);
        id = await service.queueImport(ctxOf(req), file, limits);
        await enqueueImport(app.db, { kind: 'preview', id }, req.log, limits);
      },
      // The progress page says where the file is.
      flash: null,
      redirect: () => `/inmates/import/${id}`,
    });
  });

  const previewPage = async (req: FastifyRequest, id: string, absentForm?: FormState) => {
    const ctx = ctxOf(req);
    const batch = await service.getImport(ctx, id);
    if (isRunning(batch.status) || batch.status === 'failed')
      return renderPage(ImportProgressPage({ ctx: viewCtx(req), batch }));
    const form = absentForm ?? emptyForm({ change: 'transfer', on_date: today(ctx) });
    return renderPage(ImportPreviewPage({ ctx: viewCtx(req), batch, absentForm: form }));
  };

  app.get('/inmates/import/:id', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await previewPage(req, req.params.id)),
  );

  // Polled by public/app.js to move the progress bar; the page itself works without it.
  app.get('/inmates/import/:id/status', { config: manage, schema: { params: IdParams } }, async (req) => {
    const p = await service.importProgress(ctxOf(req), req.params.id);
    return {
      status: p.status,
      running: isRunning(p.status),
      done: p.progress_done,
      total: p.progress_total,
      text: phaseText(req.t, p),
    };
  });

  app.post(
    '/inmates/import/:id/absent',
    { config: manage, schema: { params: IdParams, body: AbsentBody }, attachValidation: true },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const batch = await service.getImport(ctx, req.params.id);
      return submitForm(req, reply, {
        render: (form) => previewPage(req, batch.id, form),
        action: () => service.markAbsent(ctx, batch.id, req.body),
        flash: 'import.absentMarked',
        redirect: () => `/inmates/import/${batch.id}`,
      });
    },
  );

  app.post(
    '/inmates/import/:id/confirm',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await service.confirmImport(ctx, req.params.id);
      const job = { kind: 'apply' as const, id: req.params.id, actor: ctx.who.actor };
      await enqueueImport(app.db, job, req.log, limits);
      setFlash(reply, 'import.saving');
      return reply.redirect(`/inmates/import/${req.params.id}`, 303);
    },
  );

  // ---- JSON API ----
  const out = async (req: FastifyRequest, id: string) => {
    const b = await service.getImport(ctxOf(req), id);
    return {
      id: b.id,
      filename: b.filename,
      status: b.status,
      progress: { done: b.progress_done, total: b.progress_total },
      error: b.error ? (isMessageKey(b.error) ? req.t(b.error) : b.error) : null,
      create: b.rows.filter((r) => r.action === 'create').length,
      update: b.rows.filter((r) => r.action === 'update').length,
      absent: b.absent,
      absent_status: b.absent_status,
      rows: b.rows.map((r) => ({
        row: r.row,
        action: r.action,
        reg_number: r.values.reg_number,
        name: r.values.name,
      })),
      problems: b.problems.map((p) => ({
        row: p.row,
        column: p.column,
        message: isMessageKey(p.key) ? req.t(p.key, p.params) : p.key,
      })),
    };
  };

  app.post(
    '/api/v1/inmate-imports',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Upload an SDP roster (multipart: file, CSV or XLSX); it is checked by a background job: poll the import until its status is previewed or failed. Nothing is written yet',
        consumes: ['multipart/form-data'],
        response: { 202: ImportOut },
      },
    },
    async (req, reply) => {
      const file = await readFile(req.body);
      const id = await service.queueImport(ctxOf(req), file, limits);
      await enqueueImport(app.db, { kind: 'preview', id }, req.log, limits);
      return reply
        .code(202)
        .header('location', `/api/v1/inmate-imports/${id}`)
        .send(await out(req, id));
    },
  );

  app.get(
    '/api/v1/inmate-imports/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'An import: status and progress, then its problems and rows to create or update',
        params: IdParams,
        response: { 200: ImportOut },
      },
    },
    async (req) => out(req, req.params.id),
  );

  app.post(
    '/api/v1/inmate-imports/:id/confirm',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Save the whole previewed file (only when it has no problems): a background job writes it in one transaction; poll the import until applied or failed',
        params: IdParams,
        response: { 202: ImportOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await service.confirmImport(ctx, req.params.id);
      const job = { kind: 'apply' as const, id: req.params.id, actor: ctx.who.actor };
      await enqueueImport(app.db, job, req.log, limits);
      return reply.code(202).send(await out(req, req.params.id));
    },
  );

  app.post(
    '/api/v1/inmate-imports/:id/absent',
    {
      config: manage,
      schema: {
        tags,
        summary: 'After a full roster: mark the active people missing from it released or transferred',
        params: IdParams,
        body: AbsentBody,
        response: { 200: Type.Object({ changed: Type.Integer() }) },
      },
    },
    async (req) => ({
      changed: await service.markAbsent(ctxOf(req), req.params.id, req.body),
    }),
  );
}
