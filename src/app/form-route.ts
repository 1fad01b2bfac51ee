// The shape every HTML form handler shares: a schema failure or a rule failure re-renders the
// form with the user's answers and a message per field; success falls through to the redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TObject } from 'typebox';
import { AppError } from './errors.ts';
import type { FormState } from './forms.tsx';
import { type App, setFlash } from './http.ts';
import type { MessageKey } from './i18n.ts';
import type { Permission } from './policy.ts';
import { fieldErrorsFrom } from './validation.ts';

export async function handleForm(
  req: FastifyRequest,
  reply: FastifyReply,
  render: (form: FormState) => string | Promise<string>,
  action: () => Promise<unknown>,
): Promise<FastifyReply | undefined> {
  const values = { ...(req.body as Record<string, unknown>) };
  if (req.validationError) {
    return reply.html(await render({ values, errors: fieldErrorsFrom(req.validationError.validation) }), 400);
  }
  try {
    await action();
    return undefined;
  } catch (err) {
    if (err instanceof AppError && err.fields.length > 0)
      return reply.html(await render({ values, errors: err.fields }), err.status);
    throw err;
  }
}

/**
 * The whole life of a form post: re-render on failure, or flash a message and redirect
 * (post/redirect/get) on success.
 */
export async function submitForm(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    render: (form: FormState) => string | Promise<string>;
    action: () => Promise<unknown>;
    /** The message on the page redirected to; none where that page says it all (an upload's progress). */
    flash: MessageKey | null;
    /** Computed only after the action succeeded: it may read the validated body or the new id. */
    redirect: () => string;
  },
): Promise<FastifyReply> {
  const sent = await handleForm(req, reply, o.render, o.action);
  if (sent) return sent;
  if (o.flash) setFlash(reply, o.flash);
  return reply.redirect(o.redirect(), 303);
}

/** A form page and the post it sends, declared once (see formRoute). */
export interface FormRoute<P extends TObject, B extends TObject, T> {
  /** The form page's path (GET). */
  path: string;
  /** Where the form posts; the page's own path when absent. */
  post?: string;
  permission: Permission;
  /** The path's parameters, when it has any (validated on both routes). */
  params?: P;
  body: B;
  /** The whole page: the empty (or stored) answers when `form` is absent, else the user's. */
  page: (req: FastifyRequest, params: Static<P>, form?: FormState) => string | Promise<string>;
  /** What a valid post does; what it returns is handed to `redirect` (a new record's id). */
  action: (req: FastifyRequest, params: Static<P>, body: Static<B>) => Promise<T>;
  flash: MessageKey;
  redirect: (params: Static<P>, result: T) => string;
}

// Fastify types the params and body of schemas that are type parameters as deferred conditional
// types; the routes' schemas have validated them before `page` or `action` runs.
const paramsOf = <P extends TObject>(req: FastifyRequest, _d: { params?: P }) => req.params as Static<P>;
const bodyOf = <B extends TObject>(req: FastifyRequest, _d: { body: B }) => req.body as Static<B>;

/**
 * Registers a form's two routes: GET renders the page, POST goes through submitForm (re-render with
 * the answers and a message per field on failure, else flash and redirect).
 */
export function formRoute<P extends TObject, B extends TObject, T>(app: App, d: FormRoute<P, B, T>): void {
  const config = { permission: d.permission };
  app.get(d.path, d.params ? { config, schema: { params: d.params } } : { config }, async (req, reply) =>
    reply.html(await d.page(req, paramsOf(req, d))),
  );
  app.post(
    d.post ?? d.path,
    {
      config,
      schema: d.params ? { params: d.params, body: d.body } : { body: d.body },
      attachValidation: true,
    },
    async (req, reply) => {
      const params = paramsOf(req, d);
      let result: T;
      return submitForm(req, reply, {
        render: (form) => d.page(req, params, form),
        action: async () => {
          result = await d.action(req, params, bodyOf(req, d));
        },
        flash: d.flash,
        redirect: () => d.redirect(params, result),
      });
    },
  );
}
