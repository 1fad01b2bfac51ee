// One declaration for a paged, filtered list: the HTML page (GET /x) and its JSON twin
// (GET /api/v1/x) share the path, permission, query schema and loader, so the two cannot drift.
import type { VNode } from 'preact';
import { type Static, type TObject, type TSchema, Type } from 'typebox';
import { type App, ctxOf, type FastifyRequest } from './http.ts';
import type { ListPageProps } from './list.tsx';
import type { Permission } from './policy.ts';
import type { Ctx } from './principal.ts';
import { renderPage, viewCtx } from './view.ts';

/** One page of a list, as a service returns it. */
export interface ListResult<R> {
  rows: R[];
  total: number;
  pageSize: number;
}

export interface ListRoute<Q extends TObject, R, Out extends TSchema> {
  /** The page's path; the API twin lives at `/api/v1${path}` unless `api.path` says otherwise. */
  path: string;
  permission: Permission;
  /** The filters and `page` (see pageParam in schema.ts), validated alike on both routes. */
  query: Q;
  /** The page of rows the query asks for; `page` is the query's page, 1 when absent. */
  load: (ctx: Ctx, query: Static<Q>, page: number) => Promise<ListResult<R>>;
  /** The list page; it may load what only the page shows (a filter's choices). */
  view: (list: ListPageProps<R, Static<Q>>, ctx: Ctx) => VNode | Promise<VNode>;
  api: {
    path?: string;
    tags: string[];
    summary: string;
    /** The schema of one item of the answer's `items`. */
    item: Out;
    /** An item from a row, when the row is not already the item (dates to strings, renamed fields). */
    row?: (row: R) => Static<Out>;
    /** Also answer the page and its size (`page`, `page_size`) after `items` and `total`. */
    paging?: boolean;
  };
}

/** A list declaration kept apart from its registration (its page and API twin live in two files). */
export const defineList = <Q extends TObject, R, Out extends TSchema>(d: ListRoute<Q, R, Out>) => d;

// Fastify types the query of a schema that is a type parameter as a deferred conditional type; the
// route's schema has validated it against Q before the handler runs.
const queryOf = <Q extends TObject>(req: FastifyRequest, _d: { query: Q }) => req.query as Static<Q>;

const pageOf = (query: object): number =>
  'page' in query && typeof query.page === 'number' ? query.page : 1;

/** The HTML page of a list declaration. */
export function listPage<Q extends TObject, R, Out extends TSchema>(app: App, d: ListRoute<Q, R, Out>): void {
  app.get(
    d.path,
    { config: { permission: d.permission }, schema: { querystring: d.query } },
    async (req, reply) => {
      const query = queryOf(req, d);
      const page = pageOf(query);
      const ctx = ctxOf(req);
      const r = await d.load(ctx, query, page);
      const list = { ctx: viewCtx(req), rows: r.rows, total: r.total, page, pageSize: r.pageSize, query };
      return reply.html(renderPage(await d.view(list, ctx)));
    },
  );
}

/** The /api/v1 twin of a list declaration: `{ items, total }` (and `page`, `page_size` when asked). */
export function listApi<Q extends TObject, R, Out extends TSchema>(app: App, d: ListRoute<Q, R, Out>): void {
  const { api } = d;
  const list = { items: Type.Array(api.item), total: Type.Integer() };
  // Typed as any schema: the declaration types the items (row), and the serializer writes exactly
  // what the schema names, as it did for the hand-written routes.
  const response: TSchema = api.paging
    ? Type.Object({ ...list, page: Type.Integer(), page_size: Type.Integer() })
    : Type.Object(list);
  app.get(
    api.path ?? `/api/v1${d.path}`,
    {
      config: { permission: d.permission },
      schema: {
        tags: api.tags,
        summary: api.summary,
        querystring: d.query,
        response: { 200: response },
      },
    },
    async (req) => {
      const query = queryOf(req, d);
      const page = pageOf(query);
      const r = await d.load(ctxOf(req), query, page);
      const items = api.row ? r.rows.map(api.row) : r.rows;
      return { items, total: r.total, ...(api.paging ? { page, page_size: r.pageSize } : {}) };
    },
  );
}

/**
 * Registers both routes of a list, the page first. Where the API twin must keep its place among a
 * module's other /api/v1 routes (the OpenAPI document lists paths in registration order), call
 * listPage and listApi where each belongs instead.
 */
export function listRoute<Q extends TObject, R, Out extends TSchema>(
  app: App,
  d: ListRoute<Q, R, Out>,
): void {
  listPage(app, d);
  listApi(app, d);
}
