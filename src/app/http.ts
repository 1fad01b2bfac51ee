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
import type { ReadReplica } from '../db/replica.ts';
import type { Config } from './config.ts';
import type { Lang, MessageKey, Translate } from './i18n.ts';
import type { Permission } from './policy.ts';
import { type Actor, type Ctx, type Principal, type SignedIn, systemPrincipal } from './principal.ts';
import { scopeFor } from './scope.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use this route. Every route must declare one; see the route-walk test. */
    permission?: Permission;
    /**
     * A public page any browser or proxy may keep (the units' public site): it sets no cookie (no
     * anonymous CSRF token) and declares its own Cache-Control instead of getting no-store.
     */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    user: SignedIn | null;
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
    /** The read replica for reports (DATABASE_REPLICA_URL), or null; reached through reportDb(ctx). */
    replica: ReadReplica | null;
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

/** The audit actor of this request: the signed-in user (with request id and ip), or a visitor. */
export function actorOf(req: FastifyRequest): Actor {
  return req.user?.actor ?? { userId: null, name: 'anonymous', requestId: req.id, ip: req.ip };
}

/** A visitor who has not signed in: sees no unit's records. */
function visitor(req: FastifyRequest): Principal {
  const p = systemPrincipal('anonymous');
  return { ...p, scope: scopeFor({ unit_id: null, kanwil_id: null, roles: [] }, []), actor: actorOf(req) };
}

/** The service context of this request: its database, its principal, and the request's clock. */
export function ctxOf(req: FastifyRequest): Ctx {
  const { db, replica } = req.server;
  return { db, ...(replica ? { replica } : {}), who: req.user ?? visitor(req), now: new Date() };
}

/** The signed-in user; routes with a non-public permission are only reached with one. */
export function userOf(req: FastifyRequest): SignedIn {
  if (!req.user) throw new Error('route reached without a user; its permission must not be public');
  return req.user;
}

export function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

const NEXT_BASE = 'http://next.invalid';
// Browsers drop tabs and line breaks inside a URL and read '\' as '/', so '/\t/evil.example' or
// '/\\evil.example' leave the site; CR/LF would also break the Location header.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const UNSAFE_IN_NEXT = /[\u0000-\u0020\u007f-\u00a0\\\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, once percent-decoded.
const UNSAFE_DECODED = /[\u0000-\u001f\u007f\\]/;

/**
 * A path on this site to return to after sign-in or a language switch; anything else becomes '/'.
 * The path is parsed as a browser would (WHATWG URL against a dummy origin) and must keep that
 * origin; control characters and backslashes are refused raw and percent-encoded (raw spaces too),
 * and so is a path that decodes to '//'. The answer is the re-serialised path, never the raw input.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/') || UNSAFE_IN_NEXT.test(next))
    return '/';
  let url: URL;
  let path: string;
  try {
    url = new URL(next, NEXT_BASE);
    path = decodeURIComponent(url.pathname);
  } catch {
    return '/';
  }
  if (url.origin !== NEXT_BASE || path.startsWith('//') || UNSAFE_DECODED.test(path)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function setFlash(reply: FastifyReply, key: MessageKey): void {
  reply.setCookie('sm_flash', key, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}
