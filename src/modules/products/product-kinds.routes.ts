// The national list of product kinds: the administrator's page and /api/v1/product-kinds.
import { type Static, Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import * as service from './product-kinds.service.ts';
import { ProductKindsPage } from './product-kinds.views.tsx';
import { ProductKindBody, ProductKindOut, ProductKindPatch } from './products.schema.ts';

const manage = { permission: 'reference.manage' as const };
const view = { permission: 'products.view' as const };
const tags = ['products'];

/** The page's in-place row: an unticked "active" box sends nothing, which deactivates. */
const KindRowForm = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 80 }),
  active: Type.Optional(Type.Boolean()),
});

export async function productKindsRoutes(app: App) {
  const page = async (req: FastifyRequest, form: FormState = emptyForm()) =>
    renderPage(
      ProductKindsPage({ ctx: viewCtx(req), kinds: await service.listProductKinds(ctxOf(req)), form }),
    );

  app.get('/admin/product-kinds', { config: manage }, async (req, reply) => reply.html(await page(req)));

  app.post(
    '/admin/product-kinds',
    { config: manage, schema: { body: ProductKindBody }, attachValidation: true },
    (req, reply) =>
      submitForm(req, reply, {
        render: (form) => page(req, form),
        action: () => service.createProductKind(ctxOf(req), req.body),
        flash: 'productKinds.saved',
        redirect: () => '/admin/product-kinds',
      }),
  );

  app.post(
    '/admin/product-kinds/:id',
    { config: manage, schema: { params: IdParams, body: KindRowForm }, attachValidation: true },
    (req, reply) =>
      submitForm(req, reply, {
        render: (form) => page(req, form),
        action: () =>
          service.updateProductKind(ctxOf(req), req.params.id, {
            name: (req.body as Static<typeof KindRowForm>).name,
            active: (req.body as Static<typeof KindRowForm>).active === true,
          }),
        flash: 'productKinds.saved',
        redirect: () => '/admin/product-kinds',
      }),
  );

  app.get(
    '/api/v1/product-kinds',
    {
      config: view,
      schema: {
        tags,
        summary: 'The national list of product kinds',
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(ProductKindOut) }) },
      },
    },
    async (req) => ({
      items: await service.listProductKinds(ctxOf(req), { activeOnly: req.query.active === true }),
    }),
  );

  app.post(
    '/api/v1/product-kinds',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a product kind (national administrators)',
        body: ProductKindBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.createProductKind(ctxOf(req), req.body) }),
  );

  app.patch(
    '/api/v1/product-kinds/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename or (de)activate a product kind (national administrators)',
        params: IdParams,
        body: ProductKindPatch,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateProductKind(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
}
