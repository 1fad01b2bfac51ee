// Product pages: the catalogue (and its /api/v1 twin), add and edit, a product's page with its
// photo, piece rate, stock, bill of materials and movements.
import type { Static } from 'typebox';
import { contentDisposition } from '../../app/downloads.ts';
import { AppError } from '../../app/errors.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { oneUpload } from '../../app/uploads.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { PhotoSizeQuery } from '../files/images.schema.ts';
import { listProductKinds } from './product-kinds.service.ts';
import { productOut } from './products.api.ts';
import { ProductFormPage } from './products.form.views.tsx';
import { ProductListPage } from './products.list.views.tsx';
import { product, productMay } from './products.policy.ts';
import { BomAddForm, BomParams, ProductBody, ProductListQuery, ProductOut } from './products.schema.ts';
import * as service from './products.service.ts';
import { ProductPage } from './products.views.tsx';

const view = { permission: 'products.view' as const };
const manage = { permission: 'products.manage' as const };

/** The form's answers as the service's input: an unticked "active" box sends nothing (inactive). */
export function formToInput(body: Static<typeof ProductBody>): service.ProductInput {
  return { ...body, active: body.active === true };
}

/** A list filter's value: "all" (empty) is no filter. */
const some = <T extends string>(v: T | '' | undefined): T | undefined => (v ? v : undefined);

export async function productsRoutes(app: App) {
  const mb = Math.round((app.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;

  // Editing keeps the product's programme and kind among the choices even once finished or
  // deactivated, so saving other changes does not silently change them.
  const formPage = async (
    req: FastifyRequest,
    form: FormState,
    editing?: { id: string; name: string; programme_id: string | null; kind_id: string },
  ) => {
    const ctx = ctxOf(req);
    const [programmes, allKinds] = await Promise.all([
      service.programmeOptions(ctx, editing?.programme_id),
      listProductKinds(ctx),
    ]);
    const kinds = allKinds.filter((k) => k.active || k.id === editing?.kind_id);
    return renderPage(ProductFormPage({ ctx: viewCtx(req), form, product: editing, programmes, kinds }));
  };

  const page = async (
    req: FastifyRequest,
    id: string,
    forms: { bom?: FormState; photo?: FormState } = {},
  ) => {
    const ctx = ctxOf(req);
    const d = await service.productDetail(ctx, id);
    const may = productMay(ctx.who);
    const materials = may.manage ? await service.materialOptions(ctx, d.product.unit_id) : [];
    return renderPage(
      ProductPage({
        ctx: viewCtx(req),
        may,
        d,
        materials,
        bomForm: forms.bom ?? emptyForm(),
        photoForm: forms.photo ?? emptyForm(),
        maxUploadMb: mb,
      }),
    );
  };

  listRoute(app, {
    path: '/products',
    permission: view.permission,
    query: ProductListQuery,
    load: (ctx, q, p) =>
      service.listProducts(ctx, {
        q: q.q,
        programmeId: some(q.programme_id),
        kindId: some(q.kind_id),
        route: some(q.route),
        active: q.active ? q.active === 'true' : undefined,
        page: p,
      }),
    view: async (list, ctx) => {
      const [programmes, kinds] = await Promise.all([service.programmeOptions(ctx), listProductKinds(ctx)]);
      return ProductListPage({ ...list, may: productMay(ctx.who), programmes, kinds });
    },
    api: {
      tags: ['products'],
      summary: 'Products in your scope with their stock (a partner instructor sees only their partner’s)',
      item: ProductOut,
      row: productOut,
      paging: true,
    },
  });

  formRoute(app, {
    path: '/products/new',
    post: '/products',
    permission: manage.permission,
    body: ProductBody,
    page: (req, _params, form) =>
      formPage(req, form ?? emptyForm({ uom: 'buah', route: 'partner', active: true })),
    action: (req, _params, body) => service.createProduct(ctxOf(req), formToInput(body)),
    flash: 'products.created',
    redirect: (_params, id) => `/products/${id}`,
  });

  app.get('/products/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, req.params.id)),
  );

  // The product is asked for on the page and in the action: out of scope is 404 whatever the answers.
  formRoute(app, {
    path: '/products/:id/edit',
    post: '/products/:id',
    permission: manage.permission,
    params: IdParams,
    body: ProductBody,
    page: async (req, params, form) => {
      const p = await product(ctxOf(req), params.id, { for: 'manage' });
      const stored = {
        programme_id: p.programme_id ?? '',
        kind_id: p.kind_id,
        name: p.name,
        rate_name: p.rate_name ?? '',
        uom: p.uom,
        route: p.route,
        price: p.price ?? '',
        description: p.description ?? '',
        active: p.active,
      };
      return formPage(req, form ?? emptyForm(stored), p);
    },
    action: (req, params, body) => service.updateProduct(ctxOf(req), params.id, formToInput(body)),
    flash: 'products.saved',
    redirect: (params) => `/products/${params.id}`,
  });

  // The bill of materials: a line added (or its quantity replaced), a line removed.
  app.post(
    '/products/:id/materials',
    { config: manage, schema: { params: IdParams, body: BomAddForm }, attachValidation: true },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const p = await product(ctx, req.params.id, { for: 'manage' });
      return submitForm(req, reply, {
        render: (form) => page(req, p.id, { bom: form }),
        action: async () => {
          const current = await service.billOfMaterials(ctx, p.id);
          const lines = current
            .filter((b) => b.material_id !== req.body.material_id)
            .map((b) => ({ material_id: b.material_id, qty_per_item: b.qty_per_item }));
          const added = { material_id: req.body.material_id, qty_per_item: req.body.qty_per_item };
          try {
            await service.setBillOfMaterials(ctx, p.id, [...lines, added]);
          } catch (err) {
            // The form has one line: name its fields as the form does.
            throw renameLineFields(err, lines.length);
          }
        },
        flash: 'products.bomSaved',
        redirect: () => `/products/${p.id}`,
      });
    },
  );

  app.post(
    '/products/:id/materials/:materialId/delete',
    { config: manage, schema: { params: BomParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const p = await product(ctx, req.params.id, { for: 'manage' });
      return submitForm(req, reply, {
        render: (form) => page(req, p.id, { bom: form }),
        action: async () => {
          const current = await service.billOfMaterials(ctx, p.id);
          await service.setBillOfMaterials(
            ctx,
            p.id,
            current
              .filter((b) => b.material_id !== req.params.materialId)
              .map((b) => ({ material_id: b.material_id, qty_per_item: b.qty_per_item })),
          );
        },
        flash: 'products.bomSaved',
        redirect: () => `/products/${p.id}`,
      });
    },
  );

  // The photo: a JPEG or PNG replacing the previous one; removed; shown to whoever sees the product.
  app.post('/products/:id/photo', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const p = await product(ctx, req.params.id, { for: 'manage' });
    return submitForm(req, reply, {
      render: (form) => page(req, p.id, { photo: { values: {}, errors: form.errors } }),
      action: async () => {
        const upload = await oneUpload(req.body, 'file', 'docs.missing');
        await service.setProductPhoto(ctx, p.id, { upload, maxBytes: app.config.uploadMaxBytes });
      },
      flash: 'products.photoSaved',
      redirect: () => `/products/${p.id}`,
    });
  });

  app.post(
    '/products/:id/photo/delete',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const p = await product(ctx, req.params.id, { for: 'manage' });
      return submitForm(req, reply, {
        render: (form) => page(req, p.id, { photo: form }),
        action: () => service.removeProductPhoto(ctx, p.id),
        flash: 'products.photoRemoved',
        redirect: () => `/products/${p.id}`,
      });
    },
  );

  app.get(
    '/products/:id/photo',
    { config: view, schema: { params: IdParams, querystring: PhotoSizeQuery } },
    async (req, reply) => {
      const photo = await service.productPhoto(ctxOf(req), req.params.id, req.query.size ?? 'web');
      return reply
        .type(photo.mime)
        .header('content-disposition', contentDisposition('inline'))
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(photo.content);
    },
  );
}

/** `lines.3.qty_per_item` -> `qty_per_item` for the one-line form (the added line is the last). */
function renameLineFields(err: unknown, index: number): unknown {
  if (!(err instanceof AppError) || err.fields.length === 0) return err;
  const prefix = `lines.${index}.`;
  const fields = err.fields.map((f) =>
    f.field.startsWith(prefix) ? { ...f, field: f.field.slice(prefix.length) } : f,
  );
  return new AppError(err.code, err.status, err.key, err.params, fields);
}
