// The shape every HTML form handler shares: a schema failure or a rule failure re-renders the
// form with the user's answers and a message per field; success falls through to the redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { FormState } from './forms.tsx';
import { setFlash } from './http.ts';
import type { MessageKey } from './i18n.ts';
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
