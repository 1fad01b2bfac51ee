// Every failure becomes a clear message in the user's language with the right status: JSON for the
// API, a page for the browser. Internal errors are logged with their stack and shown without it.
import { validateHeaderValue } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isPoolBusy, isStatementTimeout } from '../db/database.ts';
import { ErrorPage } from './error-page.tsx';
import { AppError, type FieldError } from './errors.ts';
import { isApi } from './http.ts';
import { type MessageKey, translator } from './i18n.ts';
import { fieldErrorsFrom } from './validation.ts';
import { renderPage, viewCtx } from './view.ts';

interface Normalised {
  status: number;
  code: string;
  key: MessageKey;
  params: Record<string, string | number>;
  fields: FieldError[];
}

function normalise(err: FastifyError | AppError, req: FastifyRequest): Normalised {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, key: err.key, params: err.params, fields: err.fields };
  }
  // Every connection of this node is busy with other requests (load, not an outage).
  if (isPoolBusy(err)) {
    return { status: 503, code: 'db.busy', key: 'err.dbBusy', params: {}, fields: [] };
  }
  // The database is away (restarting, unreachable): the request is fine, the moment is not.
  if (isDatabaseUnavailable(err)) {
    return { status: 503, code: 'db.unavailable', key: 'err.dbUnavailable', params: {}, fields: [] };
  }
  // A statement cancelled by the statement timeout (DATABASE_STATEMENT_TIMEOUT_MS): too heavy now.
  if (isStatementTimeout(err)) {
    return { status: 503, code: 'db.timeout', key: 'err.dbTimeout', params: {}, fields: [] };
  }
  if (err.validation) {
    return {
      status: 400,
      code: 'validation.failed',
      key: 'err.validation',
      params: {},
      fields: fieldErrorsFrom(err.validation),
    };
  }
  const known: Record<string, [number, string, MessageKey]> = {
    FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'err.tooLarge'],
    FST_REQ_FILE_TOO_LARGE: [413, 'request.too_large', 'err.tooLarge'],
    FST_FILES_LIMIT: [413, 'request.too_large', 'err.tooLarge'],
    FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'request.unsupported_media_type', 'err.unsupportedMedia'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'err.unsupportedMedia'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad', 'err.badRequest'],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.bad', 'err.badRequest'],
    FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.bad', 'err.badRequest'],
    FST_PARTS_LIMIT: [413, 'request.too_large', 'err.tooLarge'],
    FST_FIELDS_LIMIT: [413, 'request.too_large', 'err.tooLarge'],
    FST_INVALID_JSON_FIELD_ERROR: [400, 'request.bad', 'err.badRequest'],
  };
  const hit = err.code ? known[err.code] : undefined;
  if (hit) return { status: hit[0], code: hit[1], key: hit[2], params: {}, fields: [] };
  // A multipart body that does not parse (no boundary, cut short): busboy throws plain errors.
  if (!err.statusCode && req.isMultipart() && !bodyRead.has(req)) {
    return { status: 400, code: 'request.bad', key: 'err.badRequest', params: {}, fields: [] };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: 'request.bad', key: 'err.badRequest', params: {}, fields: [] };
  }
  return { status: 500, code: 'internal', key: 'err.internal', params: { id: req.id }, fields: [] };
}

/** Requests whose body has been read and parsed (marked by the pipeline's preValidation hook). */
const bodyRead = new WeakSet<FastifyRequest>();
export const markBodyRead = (req: FastifyRequest) => bodyRead.add(req);

export function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const n = normalise(err, req);
  if (n.code === 'db.unavailable' || n.code === 'db.busy') {
    req.log.warn(
      { code: n.code, reason: err.message },
      n.code === 'db.busy' ? 'database pool busy' : 'database unavailable',
    );
    reply.header('retry-after', '5');
  } else if (n.code === 'db.timeout') {
    req.log.warn({ code: n.code, url: req.url, reason: err.message }, 'statement timeout');
  } else if (n.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: n.code, status: n.status }, 'request refused');
  if (isApi(req) || req.headers.accept === 'application/json') {
    return reply.code(n.status).send({
      error: {
        code: n.code,
        message: req.t(n.key, n.params),
        requestId: req.id,
        ...(n.fields.length
          ? { fields: n.fields.map((f) => ({ field: f.field, message: req.t(f.key, f.params) })) }
          : {}),
      },
    });
  }
  return reply.html(
    renderPage(
      ErrorPage({ ctx: viewCtx(req), status: n.status, message: req.t(n.key, n.params), fields: n.fields }),
    ),
    n.status,
  );
}

/**
 * What a route set for its success must not reach its error answer: a download name (the browser
 * would save the error page as the file) or a header Node refuses to write (Fastify would then
 * answer with its own fallback body, which carries the raw error message and code).
 */
function clearRouteHeaders(reply: FastifyReply): void {
  reply.removeHeader('content-disposition');
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined) continue;
    try {
      for (const v of Array.isArray(value) ? value : [value]) validateHeaderValue(name, String(v));
    } catch {
      reply.removeHeader(name);
    }
  }
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  clearRouteHeaders(reply);
  try {
    return sendError(err, req, reply);
  } catch (failure) {
    // Rendering the answer failed too: still a plain message and the request id, never the error.
    req.log.error({ err: failure, original: err }, 'error answer failed');
    const body = {
      error: { code: 'internal', message: req.t('err.internal', { id: req.id }), requestId: req.id },
    };
    return reply.code(500).type('application/json; charset=utf-8').send(JSON.stringify(body));
  }
}

/**
 * The router refuses a malformed URL ("/%") or an overlong parameter before any hook runs, with a
 * bare request (no language, no user, no decorators yet): a plain 400 in the language the client
 * asks for, instead of Fastify's default body with its internal code and the raw path.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'id';
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  req.log.info({ code: 'request.bad', status }, 'request refused');
  const body = {
    error: { code: 'request.bad', message: translator(lang)('err.badRequest'), requestId: req.id },
  };
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendError(new AppError('route.not_found', 404, 'err.notFound'), req, reply);
}
