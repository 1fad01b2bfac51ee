// Program Aksi reference list: the admin page and /api/v1/program-aksi.
import { type Static, Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyReply, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { ProgramAksiBody, ProgramAksiOut } from './program-aksi.schema.ts';
import * as service from './program-aksi.service.ts';
import { ProgramAksiPage } from './program-aksi.views.tsx';

const manage = { permission: 'reference.manage' as const };
const view = { permission: 'agreements.view' as const };
const tags = ['reference'];

export async function programAksiRoutes(app: App) {
  const page = async (req: FastifyRequest, form: FormState = emptyForm()) =>
    renderPage(
      ProgramAksiPage({ ctx: viewCtx(req), items: await service.listProgramAksi(ctxOf(req)), form }),
    );

  app.get('/admin/program-aksi', { config: manage }, async (req, reply) => reply.html(await page(req)));

  const save = async (
    req: FastifyRequest,
    reply: FastifyReply,
    body: Static<typeof ProgramAksiBody>,
    id?: string,
  ) =>
    submitForm(req, reply, {
      render: (form) => page(req, form),
      action: async () => {
        // An unticked "active" box sends nothing: on the page, that deactivates.
        const input = { ...body, active: body.active === true };
        if (id) await service.updateProgramAksi(ctxOf(req), id, input);
        else await service.createProgramAksi(ctxOf(req), input);
      },
      flash: 'programAksi.saved',
      redirect: () => '/admin/program-aksi',
    });

  app.post(
    '/admin/program-aksi',
    { config: manage, schema: { body: ProgramAksiBody }, attachValidation: true },
    (req, reply) => save(req, reply, req.body),
  );
  app.post(
    '/admin/program-aksi/:id',
    { config: manage, schema: { params: IdParams, body: ProgramAksiBody }, attachValidation: true },
    (req, reply) => save(req, reply, req.body, req.params.id),
  );

  app.get(
    '/api/v1/program-aksi',
    {
      config: view,
      schema: {
        tags,
        summary: 'The Program Aksi list',
        response: { 200: Type.Object({ items: Type.Array(ProgramAksiOut) }) },
      },
    },
    async (req) => ({
      items: await service.listProgramAksi(ctxOf(req)),
    }),
  );

  app.post(
    '/api/v1/program-aksi',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a Program Aksi item',
        body: ProgramAksiBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.createProgramAksi(ctxOf(req), req.body) }),
  );

  app.put(
    '/api/v1/program-aksi/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a Program Aksi item',
        params: IdParams,
        body: ProgramAksiBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateProgramAksi(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
}
