// Asking before an action that is hard to undo (issuing or revoking a certificate, enrolling, ending
// an agreement, deactivating a user). With scripts, public/app.js opens a dialog on the form's
// data-confirm texts and sends the form with confirmed=1; without scripts the post arrives without
// it and the handler answers with a page that asks the same question and posts it again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Csrf, Layout } from './layout.tsx';
import { renderPage, type ViewCtx, viewCtx } from './view.ts';

/** The question, what follows from saying yes, and the words of the button that says it (translated). */
export interface Ask {
  question: string;
  consequences: string[];
  yes: string;
}

/** The field a confirmed post carries; the JSON API never asks. */
export const CONFIRMED = 'confirmed';

/** A form that asks before it is sent; its children are its fields and its submit button. */
export function ConfirmForm(p: {
  ctx: ViewCtx;
  action: string;
  ask: Ask;
  class?: string;
  testid?: string;
  children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={p.action}
      class={p.class}
      novalidate
      data-testid={p.testid}
      data-confirm={p.ask.question}
      data-confirm-detail={p.ask.consequences.join('\n')}
      data-confirm-yes={p.ask.yes}
      data-confirm-no={p.ctx.t('common.cancel')}
    >
      <Csrf ctx={p.ctx} />
      {p.children}
    </form>
  );
}

/** Whether the post carries the answer yes. */
export function isConfirmed(req: FastifyRequest): boolean {
  const body = req.body as Record<string, unknown> | null | undefined;
  return body?.[CONFIRMED] === '1';
}

/** The confirm page: the question, its consequences, the fields as sent, and yes or back. */
export function ConfirmPage(p: {
  ctx: ViewCtx;
  action: string;
  ask: Ask;
  back: string;
  fields: Array<[string, string]>;
}) {
  const { ctx, ask } = p;
  return (
    <Layout ctx={ctx} title={ask.question}>
      <h1 data-testid="confirm-question">{ask.question}</h1>
      {ask.consequences.length > 0 && (
        <ul data-testid="confirm-consequences">
          {ask.consequences.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <form method="post" action={p.action} data-testid="confirm-form">
        <Csrf ctx={ctx} />
        {p.fields.map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name={CONFIRMED} value="1" />
        <p class="actions">
          <button type="submit" class="primary" data-testid="confirm-yes">
            {ask.yes}
          </button>{' '}
          <a href={p.back} data-testid="confirm-no">
            {ctx.t('common.cancel')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

/** The fields of the post as sent (but its token and any earlier answer), to be sent again. */
function fieldsOf(req: FastifyRequest): Array<[string, string]> {
  const body = req.body as Record<string, unknown> | null | undefined;
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(body ?? {})) {
    if (k === '_csrf' || k === CONFIRMED) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') out.push([k, x]);
  }
  return out;
}

/**
 * Answers an unconfirmed post with the confirm page and returns true (the handler then returns the
 * reply), or returns false when the post says yes and the handler goes on. `back` is the page the
 * form was on. (A boolean, not the reply: a reply is thenable, and an async function returning it
 * would wait for the response instead of handing it back.)
 */
export async function askFirst(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { ask: (ctx: ViewCtx) => Ask | Promise<Ask>; back: string },
): Promise<boolean> {
  if (isConfirmed(req)) return false;
  const ctx = viewCtx(req);
  const action = req.url.split('?')[0] ?? req.url;
  const ask = await o.ask(ctx);
  reply.html(renderPage(ConfirmPage({ ctx, action, ask, back: o.back, fields: fieldsOf(req) })));
  return true;
}
