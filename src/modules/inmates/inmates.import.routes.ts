// SDP import: upload, preview (stored, nothing else written) and confirm; pages and /api/v1.
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { fieldError } from '../../app/errors.ts';
import { handleForm, submitForm } from '../../app/form-route.ts';
import { dayInZone } from '../../app/format.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { isMessageKey } from '../../app/i18n.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { IdParams } from '../users/users.schema.ts';
import * as service from './inmates.import.service.ts';
import { ImportPreviewPage, ImportUploadPage } from './inmates.import.views.tsx';
import { viewerOf } from './inmates.routes.ts';
import { AbsentBody } from './inmates.schema.ts';

const manage = { permission: 'inmates.manage' as const };
const tags = ['inmates'];

const ImportOut = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  status: Type.String(),
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

function isFile(v: unknown): v is MultipartFile {
  return typeof v === 'object' && v !== null && 'toBuffer' in v && 'filename' in v;
}

async function readFile(body: unknown): Promise<{ filename: string; content: Buffer }> {
  const file = (body as Record<string, unknown> | undefined)?.file;
  if (!isFile(file) || !file.filename) throw fieldError('file', 'import.missingFile');
  return { filename: file.filename, content: await file.toBuffer() };
}

export async function inmatesImportRoutes(app: App) {
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
    const sent = await handleForm(
      req,
      reply,
      (form) => uploadPage(req, form),
      async () => {
        const file = await readFile(body);
        id = await service.previewImport(app.db, actorOf(req), viewerOf(req), file);
      },
    );
    if (sent) return sent;
    return reply.redirect(`/inmates/import/${id}`, 303);
  });

  const previewPage = async (req: FastifyRequest, id: string, absentForm?: FormState) => {
    const batch = await service.getImport(app.db, viewerOf(req), id);
    const form =
      absentForm ?? emptyForm({ change: 'transfer', on_date: dayInZone(new Date(), userOf(req).zone) });
    return renderPage(ImportPreviewPage({ ctx: viewCtx(req), batch, absentForm: form }));
  };

  app.get('/inmates/import/:id', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await previewPage(req, req.params.id)),
  );

  app.post(
    '/inmates/import/:id/absent',
    { config: manage, schema: { params: IdParams, body: AbsentBody }, attachValidation: true },
    async (req, reply) => {
      const batch = await service.getImport(app.db, viewerOf(req), req.params.id);
      return submitForm(req, reply, {
        render: (form) => previewPage(req, batch.id, form),
        action: () => service.markAbsent(app.db, actorOf(req), viewerOf(req), batch.id, req.body),
        flash: 'import.absentMarked',
        redirect: () => `/inmates/import/${batch.id}`,
      });
    },
  );

  app.post(
    '/inmates/import/:id/confirm',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) => {
      await service.applyImport(app.db, actorOf(req), viewerOf(req), req.params.id);
      setFlash(reply, 'import.applied');
      return reply.redirect('/inmates', 303);
    },
  );

  // ---- JSON API ----
  const out = async (req: FastifyRequest, id: string) => {
    const b = await service.getImport(app.db, viewerOf(req), id);
    return {
      id: b.id,
      filename: b.filename,
      status: b.status,
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
    '/api/v1/inmates/imports',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Upload an SDP roster (multipart: file, CSV or XLSX) for a preview; nothing is written yet',
        consumes: ['multipart/form-data'],
        response: { 201: ImportOut },
      },
    },
    async (req, reply) => {
      const file = await readFile(req.body);
      const id = await service.previewImport(app.db, actorOf(req), viewerOf(req), file);
      return reply.code(201).send(await out(req, id));
    },
  );

  app.get(
    '/api/v1/inmates/imports/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'An import preview: problems and rows to create or update',
        params: IdParams,
        response: { 200: ImportOut },
      },
    },
    async (req) => out(req, req.params.id),
  );

  app.post(
    '/api/v1/inmates/imports/:id/confirm',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Write the whole previewed file in one transaction (only when it has no problems)',
        params: IdParams,
        response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer() }) },
      },
    },
    async (req) => service.applyImport(app.db, actorOf(req), viewerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/inmates/imports/:id/absent',
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
      changed: await service.markAbsent(app.db, actorOf(req), viewerOf(req), req.params.id, req.body),
    }),
  );
}
