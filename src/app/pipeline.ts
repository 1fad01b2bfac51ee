// The web application's request pipeline: plugins, language, sign-in, permission, CSRF, error
// pages and the OpenAPI document. Feature-free: the composition root (src/server.ts) passes in how
// a session or token becomes a user, and registers the modules' routes.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest, type FastifySchema, type RouteOptions } from 'fastify';
import type { Db } from '../db/database.ts';
import type { ReadReplica } from '../db/replica.ts';
import { staticAssets } from './assets.ts';
import type { Config } from './config.ts';
import { errorHandler, frameworkErrorHandler, markBodyRead, notFoundHandler } from './error-handler.ts';
import { AppError, csrfFailed, forbidden, unauthorized } from './errors.ts';
import type { App } from './http.ts';
import { isApi } from './http.ts';
import { isLang, isMessageKey, translator } from './i18n.ts';
import { swaggerOptions } from './openapi.ts';
import { can } from './policy.ts';
import type { SignedIn } from './principal.ts';
import { lazySerializers } from './serialization.ts';
import { finiteNumberValidators } from './validation.ts';

const STATIC_PREFIX = '/static/';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
  /** The route's input schemas, for tests that walk every route with hostile input. */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

function anonCsrf(secret: string, anonId: string): string {
  return createHmac('sha256', secret).update(`csrf:${anonId}`).digest('base64url');
}

/** A cross-site request: refused before its CSRF token is even looked at. */
const crossOrigin = () => new AppError('auth.cross_origin', 403, 'err.crossOrigin');

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request comes from this site (OWASP: verify the source origin). The
 * source is the Origin header, or the Referer when a browser sends no Origin; it must be the
 * public address (PUBLIC_BASE_URL) or the address the request was sent to (Host, or
 * X-Forwarded-Host behind a trusted proxy). A request with neither header is not from a browser
 * page on another site (browsers send Origin on cross-site posts); the CSRF token still guards it.
 */
function sameOrigin(req: FastifyRequest, config: Config): boolean {
  const { origin, referer } = req.headers;
  const source = origin ?? referer;
  if (source === undefined) return true;
  const from = originOf(source);
  if (from === null) return false;
  return from === originOf(config.publicBaseUrl) || from === originOf(`${req.protocol}://${req.host}`);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How a request's credentials become its user (the auth module's lookups); null: no such user. */
export interface Authenticate {
  token(db: Db, token: string): Promise<SignedIn | null>;
  session(db: Db, config: Config, sessionId: string): Promise<SignedIn | null>;
}

/** The application with its pipeline and no feature routes yet (see buildApp in src/server.ts). */
export async function createPipeline(opts: {
  db: Db;
  /** The read replica for reports (see reportDb in app/principal.ts). */
  replica?: ReadReplica | null;
  config: Config;
  authenticate: Authenticate;
}): Promise<App> {
  const { config, authenticate } = opts;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.nik',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // The query string can carry search words (names); log the path only.
        req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    // Fastify's default 0 turns off Node's own limits: a client that declares a body and stops
    // sending would hold its socket for ever. By default five minutes for a whole request (a 10 MB
    // upload on a slow prison line), and a socket silent for a minute is closed.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    connectionTimeout: config.idleTimeoutSeconds * 1000,
    trustProxy: config.trustProxy,
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true },
    },
    // Every accepted number is finite: "Infinity" and "1e309" are a field error, not a 500.
    // Validators and serializers are compiled on a route's first request (a quicker, leaner start).
    schemaController: {
      compilersFactory: { buildValidator: finiteNumberValidators(), buildSerializer: lazySerializers() },
    },
    // A malformed URL ("/%") is refused by the router before any hook: answer it like any other error.
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', opts.db);
  app.decorate('replica', opts.replica ?? null);
  app.decorate('config', config);
  app.decorate('registeredRoutes', [] as RegisteredRoute[]);
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'id');
  app.decorateRequest('t', translator('id'));
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('flash', null);
  app.decorateReply('html', function (body: string, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(body);
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith(STATIC_PREFIX)) {
      route.config = { ...(route.config ?? {}), permission: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.registeredRoutes.push({
        method,
        url: route.url,
        permission: route.config?.permission,
        schema: route.schema,
      });
    }
  });

  // Pages and JSON answers over 1 KB go out compressed (a 200-person roster: 300 KB of HTML, about
  // 20 KB gzipped). Only text: PDFs, workbooks and uploads are compressed already, and an event
  // stream must reach the browser as it is written. Request bodies are not inflated (bodyLimit
  // counts what arrives).
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes:
      /^(?:text\/(?:html|css|csv|plain|javascript)|application\/(?:[\w.+-]*\+)?json|application\/javascript|image\/svg\+xml)(?:;|$)/,
    globalDecompression: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimitBytes });
  // Uploads arrive as fields on the body, so CSRF and permission checks see them like any form.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    // Several files only where a form asks for them (journal photos); single-file forms refuse more.
    limits: { fileSize: config.uploadMaxBytes, files: 10, fields: 20, fieldSize: 10_000 },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure,
    // Not helmet's no-referrer: with it a browser sends "Origin: null" on our own form posts, and the
    // Origin check could not tell them from another site's. same-origin still sends nothing away.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifySwagger, swaggerOptions(config));
  await app.register(staticAssets);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const cookieLang = req.cookies.sm_lang;
    // The API follows Accept-Language when a client sends one it can serve; pages follow the switch.
    const headerLang = isApi(req)
      ? /^(id|en)\b/i.exec(req.headers['accept-language'] ?? '')?.[1]?.toLowerCase()
      : undefined;
    const explicit = isLang(headerLang) ? headerLang : isLang(cookieLang) ? cookieLang : undefined;
    req.lang = explicit ?? 'id';
    // Set before the user is looked up, so a failure there (database away) speaks the asked language.
    req.t = translator(req.lang);
    const flash = req.cookies.sm_flash;
    if (flash !== undefined) {
      req.flash = isMessageKey(flash) ? flash : null;
      reply.clearCookie('sm_flash', { path: '/' });
    }
    if (req.url.startsWith(STATIC_PREFIX) || req.url === '/healthz') return;

    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await authenticate.token(app.db, auth.slice(7).trim());
      if (!req.user) throw unauthorized();
    } else if (req.cookies.sm_sid) {
      req.user = await authenticate.session(app.db, config, req.cookies.sm_sid);
      if (!req.user) reply.clearCookie('sm_sid', { path: '/' });
    }
    // The audit actor carries this request's id and address.
    if (req.user) req.user.actor = { ...req.user.actor, requestId: req.id, ip: req.ip };
    if (req.user?.csrfToken) {
      req.csrfToken = req.user.csrfToken;
    } else if (req.routeOptions.config?.publicCache === true) {
      // A cacheable public page has no form and must carry no visitor's cookie (a proxy keeps it).
      req.csrfToken = '';
    } else {
      let anon = req.cookies.sm_anon;
      if (!anon || anon.length < 20) {
        anon = randomBytes(18).toString('base64url');
        reply.setCookie('sm_anon', anon, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.cookieSecure,
        });
      }
      req.csrfToken = anonCsrf(config.sessionSecret, anon);
    }
    if (!explicit && req.user) req.lang = req.user.locale;
    req.t = translator(req.lang);
  });

  app.addHook('preValidation', async (req, reply) => {
    markBodyRead(req); // the multipart plugin's hook, which reads uploads, ran before this one
    if (req.is404) return;
    const permission = req.routeOptions.config?.permission;
    if (permission === undefined) {
      req.log.error({ url: req.routeOptions.url }, 'route has no declared permission; refusing');
      throw forbidden();
    }
    if (permission !== 'public') {
      if (!req.user) {
        if (isApi(req) || req.method !== 'GET') throw unauthorized();
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      }
      if (!can(req.user, permission)) throw forbidden();
      const allowedWhilePending = ['/account/password', '/logout', '/api/v1/me/password', '/language'];
      if (req.user.mustChangePassword && !allowedWhilePending.includes(req.routeOptions.url ?? '')) {
        if (isApi(req)) throw forbidden();
        return reply.redirect('/account/password', 303);
      }
    }
    if (UNSAFE.has(req.method) && req.user?.via !== 'token') {
      if (!sameOrigin(req, config)) throw crossOrigin();
      const body = req.body as Record<string, unknown> | undefined;
      const field = body?._csrf;
      // A multipart field arrives as { value }, a form field as a string.
      const fromBody = typeof field === 'string' ? field : (field as { value?: unknown } | undefined)?.value;
      const sent = (typeof fromBody === 'string' ? fromBody : undefined) ?? req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, req.csrfToken)) throw csrfFailed();
    }
    // Form posts: drop the CSRF field and empty answers (an empty optional field means "not given").
    if (
      req.body &&
      typeof req.body === 'object' &&
      req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ) {
      const body = req.body as Record<string, unknown>;
      delete body._csrf;
      for (const [k, v] of Object.entries(body)) {
        if (typeof v === 'string') {
          const value = k.toLowerCase().includes('password') ? v : v.trim();
          if (value === '') delete body[k];
          else body[k] = value;
        }
      }
    }
  });

  // Multipart only where a route takes uploads (no body schema, or one that consumes multipart):
  // elsewhere its parts ({ value, fields, file }) reached handlers written for text fields (a 500).
  // Refused with 415 before a byte of the body is read.
  app.addHook('preParsing', async (req) => {
    const schema = req.routeOptions.schema as { body?: unknown; consumes?: string[] } | undefined;
    const multipart = /^\s*multipart\//i.test(req.headers['content-type'] ?? '');
    if (multipart && schema?.body && !schema.consumes?.includes('multipart/form-data'))
      throw new AppError('request.unsupported_media_type', 415, 'err.unsupportedMedia');
  });

  // A form route attaches validation errors to re-render its form, but Fastify stops at the first
  // failing part: a malformed id in the path (or query) left the body unchecked and reached the
  // database as text ("x" for a uuid: a 500). Only a body error is the form's to show.
  app.addHook('preHandler', async (req) => {
    const failed = req.validationError as (Error & { validationContext?: string }) | undefined;
    if (failed && failed.validationContext !== 'body') throw failed;
  });

  // Pages and API answers carry personal data: no browser or proxy keeps a copy. Answers that
  // declare themselves public (static files, the chart library) are shared assets and stay cached.
  // A cacheable public page (publicCache) shows nobody's data, signed in or not, and says itself
  // how long it keeps; its error answers (a signed-in user's error page) are not kept.
  app.addHook('onSend', async (req, reply) => {
    if (req.routeOptions.config?.publicCache === true && reply.statusCode < 400) return;
    if (!req.user && !isApi(req)) return;
    const declared = reply.getHeader('cache-control');
    if (typeof declared === 'string' && /\b(public|no-store)\b/.test(declared)) return;
    reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  return app;
}
