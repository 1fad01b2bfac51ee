// The shape every HTML form handler shares: a schema failure or a rule failure re-renders the
// form with the user's answers and a message per field; success falls through to the redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { FormState } from './forms.tsx';
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
