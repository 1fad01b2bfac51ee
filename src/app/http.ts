// Types shared by every route: the typed Fastify instance, what a request carries once signed in,
// and the permission each route declares.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Db } from '../db/database.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import type { CurrentUser } from '../modules/auth/auth.service.ts';
import type { Config } from './config.ts';
import type { Lang, MessageKey, Translate } from './i18n.ts';
import type { Permission } from './policy.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use this route. Every route must declare one; see the route-walk test. */
    permission?: Permission;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    lang: Lang;
    t: Translate;
    /** The token a form must echo: the session's, or a signed one for visitors not signed in. */
    csrfToken: string;
    flash: MessageKey | null;
  }
  interface FastifyReply {
    html(body: string, status?: number): FastifyReply;
  }
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type { FastifyReply, FastifyRequest };

/** The audit actor for the signed-in user making this request. */
export function actorOf(req: FastifyRequest): Actor {
  return {
    userId: req.user?.id ?? null,
    name: req.user?.username ?? 'anonymous',
    requestId: req.id,
    ip: req.ip,
  };
}

/** The signed-in user; routes with a non-public permission are only reached with one. */
export function userOf(req: FastifyRequest): CurrentUser {
  if (!req.user) throw new Error('route reached without a user; its permission must not be public');
  return req.user;
}

export function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

/** A relative path to return to after sign-in or a language switch; anything else becomes '/'. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return '/';
  return next;
}

export function setFlash(reply: FastifyReply, key: MessageKey): void {
  reply.setCookie('sm_flash', key, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}
